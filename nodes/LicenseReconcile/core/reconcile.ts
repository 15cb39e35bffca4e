import { referenceDay } from './dates';
import { isActiveOn, isProrateLine, readInputs, sameProduct, type IndexedLink, type Inputs, type RowProblem } from './inputs';
import { fnv1a, planKey, slotKey, sortedRow, stableJson } from './key';
import { billCustomerList, resolveOptions, type ReconcileOptionsInput } from './options';
import { profileKey } from './profile';
import { planLink } from './planLink';
import { MANAGED_MARKER } from '../../shared/managedMarker';
import { unlinkedEntries } from './unlinked';
import type { Addition, Link, PlanEntry, PlanItem, Row } from './types';

interface Day {
	today: string;
	timeZone: string;
}

function problemItem(problem: RowProblem, day: Day): PlanItem {
	const row = problem.row;
	const text = (field: string) => (typeof row[field] === 'string' ? (row[field] as string) : null);
	const line = `${problem.origin.input}/${fnv1a(stableJson(row))}`;
	return {
		key: planKey(line, day.today, problem.reason),
		lineKey: line,
		linkId: text('linkId') ?? (row.id === undefined ? null : String(row.id)),
		tenantId: text('tenantId') ?? '',
		skuIds: [],
		term: null,
		agreementId: typeof row.agreementId === 'number' ? row.agreementId : null,
		billingProfile: text('billingProfile'),
		productIdentifier: text('productIdentifier'),
		referenceDate: day.today,
		timeZone: day.timeZone,
		reasons: [problem.reason],
		action: 'skip',
		field: problem.field,
		row: sortedRow(row),
	};
}

/** Which link writes which agreement line; two links on one line is a conflict, never a pick. */
function slotOwners(inputs: Inputs): { owners: Map<string, number[]>; slots: Array<string | null> } {
	const owners = new Map<string, number[]>();
	const slots = inputs.links.map(({ link, index }) => {
		const entry = inputs.profiles.get(profileKey(link.billingProfile));
		if (!entry || !('profile' in entry)) return null;
		const slot = slotKey(link.agreementId, entry.profile.productIdentifier);
		const list = owners.get(slot);
		if (list) list.push(index);
		else owners.set(slot, [index]);
		return slot;
	});
	return { owners, slots };
}

function orphansOf(agreementId: number, inputs: Inputs, owners: Map<string, number[]>, today: string): Addition[] {
	return (inputs.additions.get(agreementId) ?? []).filter(
		(a) => a.managed && isActiveOn(a, today) && !owners.has(slotKey(agreementId, a.productIdentifier)),
	);
}

function linkName(link: Link): string {
	const id = link.linkId === null ? 'link' : `link ${link.linkId}`;
	return `${id} (agreement ${link.agreementId}, billing profile "${link.billingProfile}"${link.term ? `, term ${link.term}` : ''})`;
}

/**
 * Rule B4: the links that count each tenant SKU. A link with a term counts that term's seats,
 * one without counts all; two links overlap when either counts all or both count the same term.
 */
const NONE: string[] = [];
const NONE_ADDED: Addition[] = [];

/**
 * Rule B4: the links that count each tenant SKU. A link with a term counts that term's seats,
 * one without counts all; two links overlap when either counts all or both count the same term.
 * Returns, per link index, the other links that count its seats (most links have none).
 */
function seatCounters(links: IndexedLink[]): Map<number, string[]> {
	// A split tenant's share (`<base>@<attribute>=…`) also counts seats of its base: a link for the
	// base overlaps it; two different shares of one base divide its users and do not.
	const bySeat = new Map<string, Array<IndexedLink & { share: boolean }>>();
	const add = (key: string, entry: IndexedLink, share: boolean) => {
		const list = bySeat.get(key);
		if (list) list.push({ ...entry, share });
		else bySeat.set(key, [{ ...entry, share }]);
	};
	for (const entry of links) {
		if (entry.link.doNotBill) continue;
		for (const skuId of entry.link.skuIds) {
			add(`${entry.link.tenantId}|${skuId}`, entry, false);
			if (skuId.includes('@')) add(`${entry.link.tenantId}|${skuId.slice(0, skuId.indexOf('@'))}`, entry, true);
		}
	}
	const names = new Map<number, Set<string>>();
	for (const [key, counters] of bySeat) {
		if (counters.length < 2) continue;
		const skuId = key.slice(key.indexOf('|') + 1);
		for (const { link, index, share } of counters) {
			for (const other of counters) {
				if (other.index === index || (share && other.share)) continue;
				if (link.term !== null && other.link.term !== null && link.term !== other.link.term) continue;
				const set = names.get(index) ?? new Set<string>();
				set.add(`${linkName(other.link)} for SKU ${skuId}`);
				names.set(index, set);
			}
		}
	}
	return new Map([...names].map(([index, set]) => [index, [...set].sort()]));
}

/** C1 failures no link is touched by are still reported: a failed read is never silence. */
function untouchedFailures(inputs: Inputs, day: Day): PlanEntry[] {
	const entries: PlanEntry[] = [];
	const { licenses, additions } = inputs.failures;
	if (licenses.rows.size === 0 && additions.rows.size === 0) return entries;
	const tenants = new Set(inputs.links.map((l) => l.link.tenantId));
	const agreements = new Set(inputs.links.map((l) => l.link.agreementId));
	const item = (input: 'licenses' | 'additions', id: string | number | null, error: string, what: string): PlanEntry => {
		const line = `readFailed/${input}/${id ?? '*'}`;
		const reason = `could not read ${what}: ${error} (no link uses it)`;
		return {
			origin: { input, index: (input === 'licenses' ? licenses.firstRow.get(id as string | null) : additions.firstRow.get(id as number | null)) ?? 0 },
			item: {
				key: planKey(line, day.today, reason),
				lineKey: line,
				linkId: null,
				tenantId: input === 'licenses' && typeof id === 'string' ? id : '',
				skuIds: [],
				term: null,
				agreementId: input === 'additions' && typeof id === 'number' ? id : null,
				billingProfile: null,
				productIdentifier: null,
				referenceDate: day.today,
				timeZone: day.timeZone,
				reasons: [reason],
				action: 'readFailed',
				field: id === null ? null : input === 'licenses' ? 'tenantId' : 'agreementId',
				error,
			},
		};
	};
	for (const [tenantId, error] of licenses.byId) if (!tenants.has(tenantId) && licenses.all === null) entries.push(item('licenses', tenantId, error, `licenses of tenant ${tenantId}`));
	for (const [agreementId, error] of additions.byId) if (!agreements.has(agreementId) && additions.all === null) entries.push(item('additions', agreementId, error, `lines of agreement ${agreementId}`));
	if (licenses.all !== null && inputs.links.length === 0) entries.push(item('licenses', null, licenses.all, 'the Licenses input'));
	if (additions.all !== null && inputs.links.length === 0) entries.push(item('additions', null, additions.all, 'the Current Additions input'));
	return entries;
}

/** Rejected license rows no valid link counts are reported on their own (the links report the rest). */
function rejectedLicenseProblems(inputs: Inputs): RowProblem[] {
	const problems: RowProblem[] = [];
	if (inputs.rejectedLicenses.size === 0) return problems;
	const byTenant = new Map<string, IndexedLink[]>();
	for (const l of inputs.links) byTenant.set(l.link.tenantId, [...(byTenant.get(l.link.tenantId) ?? []), l]);
	for (const [tenantId, rejected] of inputs.rejectedLicenses) {
		const links = byTenant.get(tenantId) ?? [];
		for (const r of rejected) {
			if (!links.some((l) => r.skuId === null || l.link.skuIds.includes(r.skuId))) problems.push(r.problem);
		}
	}
	return problems;
}

/** Where a person sets the marker in the line's PSA: the row says (`markerLabel`), else ConnectWise's serial number. */
function markerLabel(row: Row): string {
	return typeof row.markerLabel === 'string' && row.markerLabel.trim() !== '' ? row.markerLabel.trim() : 'serial number';
}

/** B6: an unmarked line for a product the sync writes is reported every run while it exists. */
function manualLineEntry(addition: Addition, item: PlanItem, index: number, row: Row, day: Day): PlanEntry {
	const line = `manual/${addition.agreementId}/${addition.additionId}`;
	const reason =
		`unmarked addition ${addition.additionId} for ${addition.productIdentifier} on agreement ${addition.agreementId} (quantity ${addition.quantity}) ` +
		`is not managed by the sync and is left untouched: if ${item.linkId === null ? 'the link' : `link ${item.linkId}`} bills the same seats, cancel it; to hand it to the sync, set its ${markerLabel(row)} to ${MANAGED_MARKER}`;
	return {
		origin: { input: 'additions', index },
		item: {
			key: planKey(line, day.today, reason),
			lineKey: line,
			linkId: item.linkId,
			tenantId: item.tenantId,
			skuIds: item.skuIds,
			term: item.term,
			agreementId: addition.agreementId,
			billingProfile: item.billingProfile,
			productIdentifier: addition.productIdentifier,
			referenceDate: day.today,
			timeZone: day.timeZone,
			reasons: [reason],
			action: 'skip',
			field: 'serialNumber',
			row: sortedRow(row),
		},
	};
}

function manualLines(item: PlanItem, inputs: Inputs, today: string): Addition[] {
	const lineItem = item.action === 'update' || item.action === 'unchanged' || (item.action === 'needsApproval' && item.proposedAction !== 'create');
	if (!lineItem || item.agreementId === null || item.productIdentifier === null) return NONE_ADDED;
	const product = item.productIdentifier;
	const onAgreement = inputs.additions.get(item.agreementId);
	if (!onAgreement || onAgreement.every((a) => a.managed)) return NONE_ADDED;
	return onAgreement.filter((a) => !a.managed && !isProrateLine(a) && isActiveOn(a, today) && sameProduct(a, product));
}

/** Order by key (ties by content) so the same inputs in any order give the same plan. */
function byKey(a: PlanEntry, b: PlanEntry): number {
	if (a.item.key !== b.item.key) return a.item.key < b.item.key ? -1 : 1;
	const ja = stableJson(a.item);
	const jb = stableJson(b.item);
	return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/**
 * The plan with, for each item, the input row it came from (for n8n's pairedItem).
 * Rows are plain objects; bad rows become skip items naming the row and field, never a throw.
 */
export function planEntries(
	licenses: Row[],
	links: Row[],
	profiles: Row[],
	additions: Row[],
	optionsInput: ReconcileOptionsInput,
): PlanEntry[] {
	const options = resolveOptions(optionsInput);
	const day: Day = { today: referenceDay(options.referenceDate, options.timeZone), timeZone: options.timeZone };
	const { today } = day;
	const inputs = readInputs(licenses, links, profiles, additions, billCustomerList(options.billCustomerValues));
	const { owners, slots } = slotOwners(inputs);
	const counters = seatCounters(inputs.links);
	const problems = [...inputs.problems, ...rejectedLicenseProblems(inputs)];
	const entries: PlanEntry[] = problems.map((problem) => ({ origin: problem.origin, item: problemItem(problem, day) }));
	const manual = new Map<number, PlanEntry>();
	inputs.links.forEach((entry, position) => {
		const { link, index } = entry;
		const slot = slots[position];
		const sharing = slot === null ? 0 : (owners.get(slot)?.length ?? 0);
		const item = planLink(link, {
			inputs,
			options,
			today,
			slotClash: sharing > 1 ? `${sharing} links write agreement ${link.agreementId} product ${slot?.split('/')[1]}: merge them into one link (several SKUs may feed one line)` : null,
			alsoCountedBy: () => counters.get(index) ?? NONE,
			orphans: () => orphansOf(link.agreementId, inputs, owners, today),
		});
		entries.push({ origin: { input: 'links', index }, item });
		for (const addition of manualLines(item, inputs, today)) {
			const row = inputs.additionIndex.get(addition) ?? 0;
			if (!manual.has(addition.additionId)) manual.set(addition.additionId, manualLineEntry(addition, item, row, additions[row], day));
		}
	});
	entries.push(...manual.values(), ...untouchedFailures(inputs, day));
	if (options.reportUnlinked) entries.push(...unlinkedEntries(inputs, day.today, day.timeZone));
	return entries.sort(byKey);
}

/** reconcile(licenses, links, profiles, additions, options) → the plan, in a fixed order. */
export function reconcile(
	licenses: Row[],
	links: Row[],
	profiles: Row[],
	additions: Row[],
	options: ReconcileOptionsInput,
): PlanItem[] {
	return planEntries(licenses, links, profiles, additions, options).map((entry) => entry.item);
}
