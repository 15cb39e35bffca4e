import type { License, Link, QuantityBasis } from './types';

/** Subscriptions in these states are not billed by Microsoft, so they are not counted. */
const COUNTED_STATUSES = new Set([null, 'active']);

/**
 * Rule 1: the sum over the link's SKUs of purchased or assigned — or, for a link with a term,
 * of the quantities of that term's subscriptions (one line per term on the agreement).
 */
export type SourceQuantity = { quantity: number } | { field: string; reason: string };

export function sourceQuantity(link: Link, licenses: License[], basis: QuantityBasis): SourceQuantity {
	if (link.term === null) {
		return { quantity: licenses.reduce((sum, license) => sum + license[basis], 0) };
	}
	if (basis === 'assigned') {
		return { field: 'term', reason: 'term needs quantityBasis purchased: assigned licenses cannot be split by term' };
	}
	let sum = 0;
	for (const license of licenses) {
		if (license.subscriptions === null) {
			return { field: 'term', reason: `license ${license.skuId} has no subscriptions in the input to split by term` };
		}
		for (const subscription of license.subscriptions) {
			if (subscription.term === link.term && COUNTED_STATUSES.has(subscription.status)) sum += subscription.quantity;
		}
	}
	return { quantity: sum };
}

/** Rule 2: never below the agreed minimum. */
export function targetQuantity(source: number, link: Link): number {
	return Math.max(source, link.minimumQuantity);
}

/** Licenses bought but not given to anyone, across the link's SKUs. */
export function unassignedCount(licenses: License[]): number {
	return licenses.reduce(
		(sum, license) => sum + Math.max(0, license.unassigned ?? license.purchased - license.assigned),
		0,
	);
}

/** Seats of each term among a license's billed subscriptions (what a term-limited link counts). */
export function termQuantities(license: License): Map<string, number> {
	const byTerm = new Map<string, number>();
	for (const subscription of license.subscriptions ?? []) {
		if (!COUNTED_STATUSES.has(subscription.status)) continue;
		// A subscription without a term is counted by no term-limited link: 'none'.
		const term = subscription.term ?? 'none';
		byTerm.set(term, (byTerm.get(term) ?? 0) + subscription.quantity);
	}
	return byTerm;
}

/** What the invoice bills for a line: its quantity less the included seats, never below 0. */
export function billedQuantity(quantity: number, lessIncluded: number): number {
	return Math.max(0, quantity - lessIncluded);
}
