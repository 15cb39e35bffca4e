import type { ReasonKind } from './types';

interface ReasonRule {
	kind: ReasonKind;
	test: RegExp;
}

/** The guard wording of License Reconcile (guards.ts, planLink.ts), first match wins. */
const RULES: ReasonRule[] = [
	{ kind: 'manualLine', test: /unmarked addition/ },
	{ kind: 'tenantGone', test: /^tenant has no licenses/ },
	{ kind: 'zero', test: /^license count fell to 0/ },
	{ kind: 'decrease', test: /^decrease of / },
	{ kind: 'increase', test: /^increase of / },
	{ kind: 'ceiling', test: /more than the ceiling/ },
	{ kind: 'agreementClosed', test: /^agreement is .* not Active|^agreement ended on/ },
	{ kind: 'agreementType', test: /^agreement type "/ },
	{ kind: 'countedTwice', test: /also counted by/ },
];

/** Group names as a person reads them, in the order the filter lists them. */
export const REASON_GROUPS: Record<ReasonKind, string> = {
	manualLine: 'A line typed by hand already bills the product',
	decrease: 'Large decrease',
	increase: 'Large increase',
	zero: 'License count fell to 0',
	tenantGone: 'Tenant gone or access lost',
	agreementClosed: 'Agreement not active or ended',
	agreementType: 'Agreement of another type than the billing profile',
	ceiling: 'Quantity over the ceiling',
	countedTwice: 'Seats counted by two links',
	other: 'Other reason',
};

/** The held reasons of an approval row; warnings and notes are not why it was held. */
export function heldReasons(reason: string | undefined): string[] {
	return String(reason ?? '')
		.split('; ')
		.map((part) => part.trim())
		.filter((part) => part !== '' && !part.startsWith('warning:') && !part.startsWith('no prorate line') && !part.startsWith('prorate line') && !/^no managed addition for/.test(part) && !/^quantity \d+ → \d+$/.test(part));
}

export function reasonKind(reason: string): ReasonKind {
	return RULES.find((rule) => rule.test.test(reason))?.kind ?? 'other';
}

/** The first held reason decides the group: it is the one that matters most (guards order them). */
export function primaryReason(reasons: string[]): ReasonKind {
	const kinds = reasons.map(reasonKind);
	if (kinds.includes('manualLine')) return 'manualLine';
	return kinds[0] ?? 'other';
}
