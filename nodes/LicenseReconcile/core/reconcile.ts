import { referenceDay } from './dates';
import { isActiveOn, readInputs, type Inputs, type RowProblem } from './inputs';
import { fnv1a, planKey, slotKey, stableJson } from './key';
import { resolveOptions, type ReconcileOptionsInput } from './options';
import { profileKey } from './profile';
import { planLink } from './planLink';
import type { Addition, PlanEntry, PlanItem, Row } from './types';

function problemItem(problem: RowProblem, today: string): PlanItem {
	const row = problem.row;
	const text = (field: string) => (typeof row[field] === 'string' ? (row[field] as string) : null);
	const line = `${problem.origin.input}/${fnv1a(stableJson(row))}`;
	return {
		key: planKey(line, today, problem.reason),
		lineKey: line,
		linkId: text('linkId') ?? (row.id === undefined ? null : String(row.id)),
		tenantId: text('tenantId') ?? '',
		skuIds: [],
		term: null,
		agreementId: typeof row.agreementId === 'number' ? row.agreementId : null,
		billingProfile: text('billingProfile'),
		productIdentifier: text('productIdentifier'),
		referenceDate: today,
		reasons: [problem.reason],
		action: 'skip',
		field: problem.field,
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

function unlinkedEntries(inputs: Inputs, today: string): PlanEntry[] {
	const covered = new Map<string, Set<string>>();
	for (const { link } of inputs.links) {
		const skus = covered.get(link.tenantId);
		if (skus) link.skuIds.forEach((sku) => skus.add(sku));
		else covered.set(link.tenantId, new Set(link.skuIds));
	}
	const entries: PlanEntry[] = [];
	for (const [tenantId, bySku] of inputs.licenses) {
		for (const [skuId, rows] of bySku) {
			if (covered.get(tenantId)?.has(skuId)) continue;
			for (const { license, index } of rows) {
				if (license.purchased === 0 && license.assigned === 0) continue;
				const line = `unlinked/${tenantId}/${skuId}`;
				entries.push({
					origin: { input: 'licenses', index },
					item: {
						key: planKey(line, today, `${license.purchased}/${license.assigned}`),
						lineKey: line,
						linkId: null,
						tenantId,
						skuIds: [skuId],
						term: null,
						agreementId: null,
						billingProfile: null,
						productIdentifier: null,
						referenceDate: today,
						reasons: [`no link for ${license.productName ?? license.skuPartNumber ?? skuId}: link it to an agreement`],
						action: 'unlinked',
						skuPartNumber: license.skuPartNumber,
						productName: license.productName,
						purchased: license.purchased,
						assigned: license.assigned,
					},
				});
			}
		}
	}
	return entries;
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
 * Rows are plain objects; bad rows become skip items naming the field, never a throw.
 */
export function planEntries(
	licenses: Row[],
	links: Row[],
	profiles: Row[],
	additions: Row[],
	optionsInput: ReconcileOptionsInput,
): PlanEntry[] {
	const options = resolveOptions(optionsInput);
	const today = referenceDay(options.referenceDate, options.timeZone);
	const inputs = readInputs(licenses, links, profiles, additions);
	const { owners, slots } = slotOwners(inputs);
	const entries: PlanEntry[] = inputs.problems.map((problem) => ({ origin: problem.origin, item: problemItem(problem, today) }));
	inputs.links.forEach(({ link, index }, position) => {
		const slot = slots[position];
		const sharing = slot === null ? 0 : (owners.get(slot)?.length ?? 0);
		const item = planLink(link, {
			inputs,
			options,
			today,
			slotClash: sharing > 1 ? `${sharing} links write agreement ${link.agreementId} product ${slot?.split('/')[1]}: merge them into one link (several SKUs may feed one line)` : null,
			orphans: () => orphansOf(link.agreementId, inputs, owners, today),
		});
		entries.push({ origin: { input: 'links', index }, item });
	});
	if (options.reportUnlinked) entries.push(...unlinkedEntries(inputs, today));
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
