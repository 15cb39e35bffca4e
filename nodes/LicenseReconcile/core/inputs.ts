import { parseAddition } from './addition';
import { isAgreementRow, mergeFacts, parseAgreementRow } from './agreement';
import { slotKey, stableJson } from './key';
import { parseLicense } from './license';
import { normalizeSkuIds, parseLink, skuTokens } from './link';
import { parseProfile, profileKey } from './profile';
import { isProrateSerial } from '../../shared/managedMarker';
import { readFailures, type ReadFailures } from './readFailures';
import { describeRow } from './rowLabel';
import { resolveSku } from './sku';
import type { Addition, AgreementFacts, BillingProfile, License, Link, PlanOrigin, Row } from './types';

export interface RowProblem {
	origin: PlanOrigin;
	field: string;
	reason: string;
	row: Row;
}

/** A license row that failed validation: its tenant's links that may count it must not write. */
export interface RejectedLicense {
	tenantId: string;
	/** null when the SKU itself is unreadable: then every link of the tenant is affected. */
	skuId: string | null;
	field: string;
	reason: string;
	problem: RowProblem;
}

/** A profile name resolves to a profile, or to why it cannot be used. */
export type ProfileEntry = { profile: BillingProfile } | { problem: string; field: string };

export interface IndexedLink {
	link: Link;
	index: number;
}

/** The seats of one tenant's SKU that links count: 'all' terms, or the listed terms. */
export type Coverage = Map<string, Map<string, ReadonlySet<string>>>;

/** All four inputs parsed and indexed for lookups by tenant, agreement and product. */
export interface Inputs {
	problems: RowProblem[];
	failures: ReadFailures;
	profiles: Map<string, ProfileEntry>;
	/** tenantId → skuId → rows (more than one row is a conflict). */
	licenses: Map<string, Map<string, Array<{ license: License; index: number }>>>;
	/** tenantId → its rejected license rows. */
	rejectedLicenses: Map<string, RejectedLicense[]>;
	/** agreementId → additions on it. */
	additions: Map<number, Addition[]>;
	/** The Current Additions row each addition came from (pairing for manual-line reports). */
	additionIndex: Map<Addition, number>;
	/** agreementId → what the Current Additions input says about the agreement. */
	agreements: Map<number, AgreementFacts>;
	links: IndexedLink[];
	/** What every link row names, valid or not: a license a link row names is never "unlinked". */
	coverage: Coverage;
}

function indexProfiles(rows: Row[], problems: RowProblem[], billCustomers: readonly string[]): Map<string, ProfileEntry> {
	const profiles = new Map<string, ProfileEntry>();
	rows.forEach((row, index) => {
		const parsed = parseProfile(row, billCustomers);
		const name = typeof row.name === 'string' ? profileKey(row.name) : '';
		if (name === '') {
			if (!parsed.ok) problems.push({ origin: { input: 'profiles', index }, field: parsed.field, reason: `${describeRow('profiles', row)}: ${parsed.reason}`, row });
			return;
		}
		if (profiles.has(name)) {
			profiles.set(name, { field: 'billingProfile', problem: `billing profile "${row.name as string}" is defined more than once` });
		} else if (parsed.ok) profiles.set(name, { profile: parsed.value });
		else profiles.set(name, { field: `billingProfile.${parsed.field}`, problem: `billing profile "${row.name as string}": ${parsed.reason}` });
	});
	return profiles;
}

function text(row: Row, field: string): string | null {
	const value = row[field];
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
}

function indexLicenses(rows: Row[], failed: ReadFailures['licenses'], problems: RowProblem[]) {
	const byTenant: Inputs['licenses'] = new Map();
	const rejected: Inputs['rejectedLicenses'] = new Map();
	rows.forEach((row, index) => {
		if (failed.rows.has(index)) return;
		const parsed = parseLicense(row);
		if (!parsed.ok) {
			const problem: RowProblem = { origin: { input: 'licenses', index }, field: parsed.field, reason: `${describeRow('licenses', row)}: ${parsed.reason}`, row };
			const tenantId = text(row, 'tenantId');
			// Without a tenant the row belongs to no link; it is reported on its own.
			if (tenantId === null) problems.push(problem);
			else {
				const entry = { tenantId, skuId: parsed.field === 'skuId' ? null : text(row, 'skuId'), field: parsed.field, reason: parsed.reason, problem };
				const list = rejected.get(tenantId);
				if (list) list.push(entry);
				else rejected.set(tenantId, [entry]);
			}
			return;
		}
		const license = parsed.value;
		let bySku = byTenant.get(license.tenantId);
		if (!bySku) byTenant.set(license.tenantId, (bySku = new Map()));
		const list = bySku.get(license.skuId);
		if (list) list.push({ license, index });
		else bySku.set(license.skuId, [{ license, index }]);
	});
	return { licenses: byTenant, rejectedLicenses: rejected };
}

interface AdditionIndex {
	additions: Map<number, Addition[]>;
	additionIndex: Map<Addition, number>;
	agreements: Map<number, AgreementFacts>;
}

/** Additions by agreement, and each agreement's facts from every row that carries them. */
function indexAdditions(rows: Row[], failed: ReadFailures['additions'], problems: RowProblem[]): AdditionIndex {
	const byAgreement = new Map<number, Addition[]>();
	const additionIndex = new Map<Addition, number>();
	const factRows = new Map<number, Array<{ rank: number; facts: AgreementFacts }>>();
	rows.forEach((row, index) => {
		if (failed.rows.has(index)) return;
		const agreementRow = isAgreementRow(row);
		const parsedAddition = agreementRow ? null : parseAddition(row);
		const parsed = parsedAddition?.ok === false ? parsedAddition : parseAgreementRow(row);
		if (!parsed.ok) {
			problems.push({ origin: { input: 'additions', index }, field: parsed.field, reason: `${describeRow('additions', row)}: ${parsed.reason}`, row });
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
		additionIndex.set(addition, index);
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
	return { additions: byAgreement, additionIndex, agreements };
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Shared by every SKU that a link without a term covers: 'all' needs no other term (and no allocation). */
const ALL_TERMS: ReadonlySet<string> = new Set(['all']);

function cover(coverage: Coverage, tenantId: string, skuIds: string[], term: string): void {
	let bySku = coverage.get(tenantId);
	if (!bySku) coverage.set(tenantId, (bySku = new Map()));
	// A company's share of a split tenant covers its base too: the shares and the base's
	// "@unmatched" row (which no link names, so it is reported) account for all of its users.
	const bases = skuIds.filter((id) => id.includes('@')).map((id) => id.slice(0, id.indexOf('@')));
	for (const skuId of [...skuIds, ...bases]) {
		const terms = bySku.get(skuId);
		if (term === 'all') bySku.set(skuId, ALL_TERMS);
		else if (!terms) bySku.set(skuId, new Set([term]));
		else if (terms !== ALL_TERMS) (terms as Set<string>).add(term);
	}
}

function tenantLicenses(licenses: Inputs['licenses'], tenantId: string): License[] {
	return [...(licenses.get(tenantId)?.values() ?? [])].flatMap((rows) => rows.map((r) => r.license));
}

/** A rejected link row still names its tenant and SKUs when it can: they are not "unlinked". */
function coverRejected(row: Row, licenses: Inputs['licenses'], coverage: Coverage): void {
	const tenantId = text(row, 'tenantId');
	if (tenantId === null) return;
	let tokens: string[];
	try {
		tokens = skuTokens(row);
	} catch {
		return;
	}
	const owned = () => tenantLicenses(licenses, tenantId);
	const skuIds = tokens.map((t) => resolveSku(t, owned)).flatMap((r) => ('skuId' in r ? [r.skuId] : []));
	const term = typeof row.term === 'string' && ['P1M', 'P1Y', 'P3Y'].includes(row.term.trim().toUpperCase()) ? row.term.trim().toUpperCase() : 'all';
	cover(coverage, tenantId, skuIds, term);
}

function indexLinks(rows: Row[], licenses: Inputs['licenses'], problems: RowProblem[]) {
	const indexed: IndexedLink[] = [];
	const coverage: Coverage = new Map();
	rows.forEach((row, index) => {
		const problem = (field: string, reason: string) => problems.push({ origin: { input: 'links', index }, field, reason: `${describeRow('links', row)}: ${reason}`, row });
		const parsed = parseLink(row);
		if (!parsed.ok) {
			problem(parsed.field, parsed.reason);
			coverRejected(row, licenses, coverage);
			return;
		}
		const link = parsed.value;
		const owned = () => tenantLicenses(licenses, link.tenantId);
		const resolved = link.skuIds.map((token) => resolveSku(token, owned));
		const skuIds = normalizeSkuIds(resolved.flatMap((r) => ('skuId' in r ? [r.skuId] : [])));
		cover(coverage, link.tenantId, skuIds, link.term ?? 'all');
		const unknown = resolved.flatMap((r) => ('problem' in r ? [r.problem] : []));
		if (unknown.length > 0) problem('skuIds', `skuIds: ${unknown.join('; ')}`);
		else {
			link.skuIds = skuIds;
			indexed.push({ link, index });
		}
	});
	return { links: indexed, coverage };
}

export function readInputs(licenses: Row[], links: Row[], profiles: Row[], additions: Row[], billCustomers: readonly string[]): Inputs {
	const problems: RowProblem[] = [];
	const failures = readFailures(licenses, additions);
	const licenseIndex = indexLicenses(licenses, failures.licenses, problems);
	return {
		problems,
		failures,
		profiles: indexProfiles(profiles, problems, billCustomers),
		...licenseIndex,
		...indexAdditions(additions, failures.additions, problems),
		...indexLinks(links, licenseIndex.licenses, problems),
	};
}

/** Still billing on `today`: not cancelled, or cancelled later. */
export function isActiveOn(addition: Addition, today: string): boolean {
	return addition.cancelledDate === null || addition.cancelledDate > today;
}

export function isProrateLine(addition: Addition): boolean {
	return isProrateSerial(addition.serialNumber);
}

export function sameProduct(addition: Addition, productIdentifier: string): boolean {
	return slotKey(0, addition.productIdentifier) === slotKey(0, productIdentifier);
}
