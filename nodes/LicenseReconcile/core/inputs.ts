import { PRORATE_MARKER } from '../../shared/managedMarker';
import { parseAddition } from './addition';
import { isAgreementRow, mergeFacts, parseAgreementRow } from './agreement';
import { slotKey, stableJson } from './key';
import { parseLicense } from './license';
import { parseLink } from './link';
import { parseProfile, profileKey } from './profile';
import type { Addition, AgreementFacts, BillingProfile, License, Link, PlanOrigin, Row } from './types';

export interface RowProblem {
	origin: PlanOrigin;
	field: string;
	reason: string;
	row: Row;
}

/** A profile name resolves to a profile, or to why it cannot be used. */
export type ProfileEntry = { profile: BillingProfile } | { problem: string; field: string };

export interface IndexedLink {
	link: Link;
	index: number;
}

/** All four inputs parsed and indexed for lookups by tenant, agreement and product. */
export interface Inputs {
	problems: RowProblem[];
	profiles: Map<string, ProfileEntry>;
	/** tenantId → skuId → rows (more than one row is a conflict). */
	licenses: Map<string, Map<string, Array<{ license: License; index: number }>>>;
	/** agreementId → additions on it. */
	additions: Map<number, Addition[]>;
	/** agreementId → what the Current Additions input says about the agreement. */
	agreements: Map<number, AgreementFacts>;
	links: IndexedLink[];
}

function indexProfiles(rows: Row[], problems: RowProblem[]): Map<string, ProfileEntry> {
	const profiles = new Map<string, ProfileEntry>();
	rows.forEach((row, index) => {
		const parsed = parseProfile(row);
		const name = typeof row.name === 'string' ? profileKey(row.name) : '';
		if (name === '') {
			if (!parsed.ok) problems.push({ origin: { input: 'profiles', index }, field: parsed.field, reason: `billing profile: ${parsed.reason}`, row });
			return;
		}
		if (profiles.has(name)) {
			profiles.set(name, { field: 'billingProfile', problem: `billing profile "${row.name as string}" is defined more than once` });
		} else if (parsed.ok) profiles.set(name, { profile: parsed.value });
		else profiles.set(name, { field: `billingProfile.${parsed.field}`, problem: `billing profile "${row.name as string}": ${parsed.reason}` });
	});
	return profiles;
}

function indexLicenses(rows: Row[], problems: RowProblem[]): Inputs['licenses'] {
	const byTenant: Inputs['licenses'] = new Map();
	rows.forEach((row, index) => {
		const parsed = parseLicense(row);
		if (!parsed.ok) {
			problems.push({ origin: { input: 'licenses', index }, field: parsed.field, reason: `licence: ${parsed.reason}`, row });
			return;
		}
		const license = parsed.value;
		let bySku = byTenant.get(license.tenantId);
		if (!bySku) byTenant.set(license.tenantId, (bySku = new Map()));
		const list = bySku.get(license.skuId);
		if (list) list.push({ license, index });
		else bySku.set(license.skuId, [{ license, index }]);
	});
	return byTenant;
}

interface AdditionIndex {
	additions: Map<number, Addition[]>;
	agreements: Map<number, AgreementFacts>;
}

/** Additions by agreement, and each agreement's facts from every row that carries them. */
function indexAdditions(rows: Row[], problems: RowProblem[]): AdditionIndex {
	const byAgreement = new Map<number, Addition[]>();
	const factRows = new Map<number, Array<{ rank: number; facts: AgreementFacts }>>();
	rows.forEach((row, index) => {
		const agreementRow = isAgreementRow(row);
		const parsedAddition = agreementRow ? null : parseAddition(row);
		const parsed = parsedAddition?.ok === false ? parsedAddition : parseAgreementRow(row);
		if (!parsed.ok) {
			const what = agreementRow ? 'agreement' : 'addition';
			problems.push({ origin: { input: 'additions', index }, field: parsed.field, reason: `${what}: ${parsed.reason}`, row });
			return;
		}
		const addition = parsedAddition?.ok ? parsedAddition.value : null;
		const { agreementId, facts } = parsed.value;
		// Agreement items first, then additions by id: the facts never depend on input order.
		const entry = { rank: addition?.additionId ?? 0, facts };
		const known = factRows.get(agreementId);
		if (known) known.push(entry);
		else factRows.set(agreementId, [entry]);
		if (!addition) return;
		const list = byAgreement.get(agreementId);
		if (list) list.push(addition);
		else byAgreement.set(agreementId, [addition]);
	});
	// Additions in a fixed order, so any choice made from them never depends on input order.
	for (const list of byAgreement.values()) list.sort((a, b) => a.additionId - b.additionId);
	const agreements = new Map<number, AgreementFacts>();
	for (const [agreementId, list] of factRows) {
		list.sort((a, b) => a.rank - b.rank || compareText(stableJson(a.facts), stableJson(b.facts)));
		agreements.set(agreementId, mergeFacts(list.map((entry) => entry.facts)));
	}
	return { additions: byAgreement, agreements };
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function readInputs(licenses: Row[], links: Row[], profiles: Row[], additions: Row[]): Inputs {
	const problems: RowProblem[] = [];
	const indexed: IndexedLink[] = [];
	links.forEach((row, index) => {
		const parsed = parseLink(row);
		if (parsed.ok) indexed.push({ link: parsed.value, index });
		else problems.push({ origin: { input: 'links', index }, field: parsed.field, reason: `link: ${parsed.reason}`, row });
	});
	return {
		problems,
		profiles: indexProfiles(profiles, problems),
		licenses: indexLicenses(licenses, problems),
		...indexAdditions(additions, problems),
		links: indexed,
	};
}

/** Still billing on `today`: not cancelled, or cancelled later. */
export function isActiveOn(addition: Addition, today: string): boolean {
	return addition.cancelledDate === null || addition.cancelledDate > today;
}

export function isProrateLine(addition: Addition): boolean {
	return addition.serialNumber === PRORATE_MARKER;
}

export function sameProduct(addition: Addition, productIdentifier: string): boolean {
	return slotKey(0, addition.productIdentifier) === slotKey(0, productIdentifier);
}
