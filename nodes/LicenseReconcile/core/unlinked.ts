import { isCountToken, unmatchedIdOf } from '../../shared/customCount';
import type { Inputs } from './inputs';
import { planKey } from './key';
import { termQuantities } from './quantity';
import type { License, PlanEntry, Term } from './types';

const TERMS = new Set(['P1M', 'P1Y', 'P3Y']);

interface Uncovered {
	term: string | null;
	purchased: number;
	assigned: number | null;
	reason: string;
}

function nameOf(license: License): string {
	return license.productName ?? license.skuPartNumber ?? license.skuId;
}

/**
 * Rule B3: seats no link counts, whatever the reason — a SKU no link names, or a term of a SKU
 * whose links take other terms only (monthly seats beside an annual-only link).
 */
function uncovered(license: License, terms: ReadonlySet<string> | undefined): Uncovered[] {
	if (terms?.has('all')) return [];
	if (license.purchased === 0 && license.assigned === 0) return [];
	if (!terms || terms.size === 0) {
		return [{ term: null, purchased: license.purchased, assigned: license.assigned, reason: `no link for ${nameOf(license)}: link it to an agreement` }];
	}
	const linked = [...terms].sort().join(', ');
	if (license.subscriptions === null) {
		return [{ term: null, purchased: license.purchased, assigned: license.assigned, reason: `links for ${nameOf(license)} take term ${linked} only, and the Licenses input has no subscriptions to tell which seats are of another term: read subscriptions, or link all terms` }];
	}
	const out: Uncovered[] = [];
	for (const [term, quantity] of [...termQuantities(license)].sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (terms.has(term) || quantity === 0) continue;
		const which = term === 'none' ? 'seats without a term' : `${term} seats`;
		out.push({ term: TERMS.has(term) ? term : null, purchased: quantity, assigned: null, reason: `no link for the ${which} of ${nameOf(license)} (links take term ${linked} only): link this term too` });
	}
	return out;
}

/**
 * A custom count (contract C6) is read only because some link names it — maybe a link of
 * another company outside this run — so it is never "unlinked". The users of a split base that
 * match no company (`…@unmatched`) are: no link can take them, someone must see them.
 */
function readForALink(skuId: string): boolean {
	return isCountToken(skuId) && skuId !== unmatchedIdOf(skuId.slice(0, skuId.indexOf('@')));
}

export function unlinkedEntries(inputs: Inputs, today: string, timeZone: string): PlanEntry[] {
	const entries: PlanEntry[] = [];
	for (const [tenantId, bySku] of inputs.licenses) {
		// A tenant whose read failed has no trustworthy rows: its links are readFailed, nothing is invented.
		if (inputs.failures.licenses.byId.has(tenantId)) continue;
		const coverage = inputs.coverage.get(tenantId);
		for (const [skuId, rows] of bySku) {
			if (readForALink(skuId)) continue;
			for (const { license, index } of rows) {
				for (const seats of uncovered(license, coverage?.get(skuId))) {
					const line = `unlinked/${tenantId}/${skuId}${seats.term === null ? '' : `/${seats.term}`}`;
					entries.push({
						origin: { input: 'licenses', index },
						item: {
							key: planKey(line, today, `${seats.purchased}/${seats.assigned ?? ''}`),
							lineKey: line,
							linkId: null,
							tenantId,
							skuIds: [skuId],
							term: seats.term as Term | null,
							agreementId: null,
							billingProfile: null,
							productIdentifier: null,
							referenceDate: today,
							timeZone,
							reasons: [seats.reason],
							action: 'unlinked',
							skuPartNumber: license.skuPartNumber,
							productName: license.productName,
							purchased: seats.purchased,
							assigned: seats.assigned,
						},
					});
				}
			}
		}
	}
	return entries;
}
