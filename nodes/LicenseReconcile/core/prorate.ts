import { PRORATE_MARKER } from '../../shared/managedMarker';
import { addDays, addMonthsClamped, monthsBetween } from './dates';
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
	/** The link's agreement facts, completed from the Current Additions input. */
	agreement: AgreementFacts;
	delta: number;
	today: string;
	productName: string;
	/** Prorate lines already on the agreement for this product. */
	existing: Addition[];
}

/** Rule 4: a prorate line for the delta, today → end of period, when link and agreement both prorate. */
export function decideProrate(context: ProrateContext): ProrateDecision {
	const { link, delta, today } = context;
	if (link.prorate === 'off' || delta === 0) return { prorate: null, reasons: [] };
	if (delta < 0 && link.prorate !== 'increasesAndDecreases') return { prorate: null, reasons: [] };
	const { agreementProrate } = context.agreement;
	if (agreementProrate !== true) {
		const why = agreementProrate === false ? 'the agreement does not prorate' : 'agreementProrate unknown';
		return { prorate: null, reasons: [`no prorate line: ${why}`] };
	}
	const period = billingPeriodEnd(context.agreement, today);
	if (period.end === null) return { prorate: null, reasons: period.reasons };
	// Same day, same delta already written (a re-run after a partial apply): do not bill twice.
	const written = context.existing.some((a) => a.effectiveDate === today && a.quantity === delta);
	if (written) return { prorate: null, reasons: [...period.reasons, `prorate line for ${today} already written`] };
	const sign = delta > 0 ? '+' : '';
	return {
		prorate: {
			quantity: delta,
			from: today,
			to: period.end,
			invoiceDescription: `${context.productName}: ${sign}${delta} prorated ${today} to ${period.end}`,
			serialNumber: PRORATE_MARKER,
		},
		reasons: period.reasons,
	};
}
