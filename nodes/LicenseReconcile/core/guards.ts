import type { GuardAction, ReconcileOptions } from './options';
import type { AgreementFacts, BillingProfile, License } from './types';

export interface GuardInput {
	tenantPresent: boolean;
	sourceQuantity: number;
	currentQuantity: number | null;
	targetQuantity: number;
	agreement: AgreementFacts;
	today: string;
	/** Would anything be written without the guards? */
	changes: boolean;
}

export interface GuardResult {
	/** needsApproval: hold the write; skip: leave the line alone (Not Synced); null: go ahead. */
	verdict: 'needsApproval' | 'skip' | null;
	reasons: string[];
}

function decreaseReason(current: number, target: number, options: ReconcileOptions): string | null {
	const decrease = current - target;
	if (decrease <= 0) return null;
	const percent = (decrease * 100) / current;
	if (decrease > options.maxDecreaseCount) {
		return `decrease of ${decrease} is more than ${options.maxDecreaseCount} licenses`;
	}
	if (percent > options.maxDecreasePercent) {
		return `decrease of ${decrease} (${Math.round(percent)}%) is more than ${options.maxDecreasePercent}%`;
	}
	return null;
}

/** Growth is normal: held only when it is large both in share and in seats (a typo, a wrong SKU). */
function increaseReason(current: number, target: number, options: ReconcileOptions): string | null {
	const increase = target - current;
	if (increase <= 0) return null;
	const percent = current === 0 ? Infinity : (increase * 100) / current;
	if (increase > options.maxIncreaseCount && percent > options.maxIncreasePercent) {
		const share = Number.isFinite(percent) ? `${Math.round(percent)}%` : 'from 0';
		return `increase of ${increase} (${share}) is more than ${options.maxIncreaseCount} licenses and ${options.maxIncreasePercent}%`;
	}
	return null;
}

/** An agreement that is not Active, or whose end date has passed, bills nothing new unattended. */
export function agreementClosedReason(agreement: AgreementFacts, today: string): string | null {
	if (agreement.agreementStatus !== null && agreement.agreementStatus.toLowerCase() !== 'active') {
		return `agreement is ${agreement.agreementStatus}, not Active`;
	}
	if (agreement.agreementEndDate !== null && agreement.agreementEndDate < today && agreement.agreementNoEndingDate !== true) {
		return `agreement ended on ${agreement.agreementEndDate}`;
	}
	return null;
}

/**
 * Rule 5. A vanished tenant and a closed agreement are reported even when nothing would
 * change (someone must know); a zero count, a large decrease or increase and a quantity over
 * the ceiling only hold back a write.
 */
export function checkGuards(input: GuardInput, options: ReconcileOptions): GuardResult {
	const held: string[] = [];
	const skipped: string[] = [];
	const notes: string[] = [];
	const apply = (action: GuardAction, reason: string) => {
		if (action === 'needsApproval') held.push(reason);
		else if (action === 'skip') skipped.push(reason);
		else notes.push(`${reason} (applied: option says apply)`);
	};
	if (!input.tenantPresent) {
		apply(options.onVanishedTenant, 'tenant has no licenses in Partner Center (gone, or access lost)');
	} else if (input.changes && input.sourceQuantity === 0 && (input.currentQuantity ?? 0) > 0) {
		apply(options.onZeroCount, `license count fell to 0 (line has ${input.currentQuantity})`);
	}
	const explicitlyApplied = notes.length > 0;
	if (input.changes && !explicitlyApplied && input.currentQuantity !== null) {
		const reason = decreaseReason(input.currentQuantity, input.targetQuantity, options) ?? increaseReason(input.currentQuantity, input.targetQuantity, options);
		if (reason) held.push(reason);
	}
	if (input.changes && input.targetQuantity > options.maxLineQuantity) {
		held.push(`quantity ${input.targetQuantity} is more than the ceiling of ${options.maxLineQuantity} licenses on one line`);
	}
	const closed = agreementClosedReason(input.agreement, input.today);
	if (closed) held.push(closed);
	if (skipped.length > 0) return { verdict: 'skip', reasons: [...skipped, ...held, ...notes] };
	if (held.length > 0) return { verdict: 'needsApproval', reasons: [...held, ...notes] };
	return { verdict: null, reasons: notes };
}

/** Rule 7: the profile bills only agreements of its types; an unknown type is a warning, not a hold. */
export function agreementTypeCheck(profile: BillingProfile, agreement: AgreementFacts): { hold: string } | { warning: string } | null {
	if (profile.agreementTypes.length === 0) return null;
	const types = profile.agreementTypes.map((t) => `"${t}"`).join(', ');
	if (agreement.agreementType === null) return { warning: `warning: agreement type unknown, billing profile "${profile.name}" is for ${types}: not checked` };
	const wanted = agreement.agreementType.trim().toLowerCase();
	if (profile.agreementTypes.some((t) => t.trim().toLowerCase() === wanted)) return null;
	return { hold: `agreement type "${agreement.agreementType}" is not one of billing profile "${profile.name}"'s types (${types})` };
}

/** Rule 9: billing by assigned seats while more are assigned than bought is a count to check. */
export function assignedOverPurchased(licenses: License[]): string | null {
	const over = licenses.filter((l) => l.assigned > l.purchased);
	if (over.length === 0) return null;
	const list = over.map((l) => `${l.skuPartNumber ?? l.skuId}: ${l.assigned} assigned, ${l.purchased} purchased`).join('; ');
	return `more licenses assigned than purchased (${list})`;
}
