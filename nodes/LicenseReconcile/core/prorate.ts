import { addDays, addMonthsClamped, monthsBetween } from './dates';
import { sameSerial } from '../../shared/managedMarker';
import { lineState, prorateChangeId, prorateSerial } from './prorateMarker';
import type { Addition, AgreementFacts, Link, ProrateLine } from './types';

const CYCLES: Array<[RegExp, number]> = [
	[/^month/i, 1],
	[/^quarter/i, 3],
	[/^(semi|half|bi-?annual)/i, 6],
	[/^(annual|year)/i, 12],
	[/^bienn/i, 24],
	[/^trienn/i, 36],
];

export function cycleMonths(billingCycle: string): number | null {
	return CYCLES.find(([pattern]) => pattern.test(billingCycle.trim()))?.[1] ?? null;
}

export type PeriodEnd = { end: string; reasons: string[] } | { end: null; reasons: string[] };

/**
 * Last day of the billing period holding `today`: billingPeriodEnd when given, else periods
 * of billingCycle counted from the agreement start (calendar periods without one).
 */
export function billingPeriodEnd(agreement: AgreementFacts, today: string): PeriodEnd {
	if (agreement.billingPeriodEnd !== null && agreement.billingPeriodEnd >= today) return { end: agreement.billingPeriodEnd, reasons: [] };
	const reasons: string[] = [];
	let months = 1;
	if (agreement.billingCycle === null) reasons.push('billingCycle not given: monthly periods assumed');
	else {
		const found = cycleMonths(agreement.billingCycle);
		if (found === null) return { end: null, reasons: [`no prorate line: billingCycle "${agreement.billingCycle}" not understood`] };
		months = found;
	}
	const started = agreement.agreementStartDate;
	if (started === null) reasons.push('warning: agreement start date unknown: billing periods counted from 1 January');
	const anchor = started !== null && started <= today ? started : `${today.slice(0, 4)}-01-01`;
	const anchorDay = Number(anchor.slice(8, 10));
	let periods = Math.floor(monthsBetween(anchor, today) / months);
	let start = addMonthsClamped(anchor, periods * months, anchorDay);
	if (start > today) start = addMonthsClamped(anchor, --periods * months, anchorDay);
	const next = addMonthsClamped(anchor, (periods + 1) * months, anchorDay);
	return { end: addDays(next, -1), reasons };
}

export interface ProrateDecision {
	prorate: ProrateLine | null;
	reasons: string[];
}

export interface ProrateContext {
	link: Link;
	lineKey: string;
	/** The link's agreement facts, completed from the Current Additions input. */
	agreement: AgreementFacts;
	/** Seats billed before and after the change: quantity less included, after the minimum. */
	billedBefore: number;
	billedAfter: number;
	/** The line being changed: its id and last-updated stamp name the state the change starts from. */
	line: Addition;
	today: string;
	productName: string;
	/** Every addition on the agreement (a prorate line of this change may already be there). */
	existing: Addition[];
}

/**
 * Rule 4: a prorate line for the billed change, today → end of period, when link and agreement
 * both prorate. Its serial number names the change (C3), so it is written once per change.
 */
export function decideProrate(context: ProrateContext): ProrateDecision {
	const { link, today, billedBefore, billedAfter } = context;
	const delta = billedAfter - billedBefore;
	if (link.prorate === 'off' || delta === 0) return { prorate: null, reasons: [] };
	if (delta < 0 && link.prorate !== 'increasesAndDecreases') return { prorate: null, reasons: [] };
	const { agreementProrate } = context.agreement;
	if (agreementProrate !== true) {
		const why = agreementProrate === false ? 'the agreement does not prorate' : 'agreementProrate unknown';
		return { prorate: null, reasons: [`no prorate line: ${why}`] };
	}
	const period = billingPeriodEnd(context.agreement, today);
	if (period.end === null) return { prorate: null, reasons: period.reasons };
	const state = lineState(context.line.additionId, context.line.lastUpdated, today);
	const pending = pendingProrated(context, state);
	const from = billedBefore + pending.quantity;
	const rest = billedAfter - from;
	if (rest === 0 || (rest < 0 && link.prorate !== 'increasesAndDecreases')) {
		return { prorate: null, reasons: [...period.reasons, ...pending.reasons] };
	}
	const changeId = prorateChangeId(context.lineKey, from, billedAfter, state);
	const serialNumber = prorateSerial(changeId);
	const sign = rest > 0 ? '+' : '';
	return {
		prorate: {
			quantity: rest,
			from: today,
			to: period.end,
			invoiceDescription: `${context.productName}: ${sign}${rest} prorated ${today} to ${period.end}`,
			serialNumber,
			changeId,
			billedBefore: from,
			billedAfter,
		},
		reasons: [...period.reasons, ...pending.reasons],
	};
}

/**
 * Prorate lines already written for changes from this very line state whose update never
 * landed (a crash or fault between the two writes). Followed as a chain (before → +q → …), so
 * the next prorate line bills only what they do not cover, and a rerun finds its own line.
 */
function pendingProrated(context: ProrateContext, state: string): { quantity: number; reasons: string[] } {
	const reasons: string[] = [];
	let billed = context.billedBefore;
	const used = new Set<number>();
	for (;;) {
		const from = billed;
		const serialFor = (a: Addition) => prorateSerial(prorateChangeId(context.lineKey, from, from + a.quantity, state));
		const found = context.existing.find((a) => !used.has(a.additionId) && sameSerial(a.serialNumber, serialFor(a)));
		if (!found) break;
		used.add(found.additionId);
		reasons.push(`prorate line ${serialFor(found)} for this change already written (addition ${found.additionId})`);
		billed += found.quantity;
	}
	return { quantity: billed - context.billedBefore, reasons };
}
