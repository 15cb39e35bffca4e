import type { GuardAction, ReconcileOptions } from './options';

export interface GuardInput {
	tenantPresent: boolean;
	sourceQuantity: number;
	currentQuantity: number | null;
	targetQuantity: number;
	agreementStatus: string | null;
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
		return `decrease of ${decrease} is more than ${options.maxDecreaseCount} licences`;
	}
	if (percent > options.maxDecreasePercent) {
		return `decrease of ${decrease} (${Math.round(percent)}%) is more than ${options.maxDecreasePercent}%`;
	}
	return null;
}

/**
 * Rule 5. A vanished tenant and an inactive agreement are reported even when nothing would
 * change (someone must know); a zero count and a large decrease only hold back a write.
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
		apply(options.onVanishedTenant, 'tenant has no licences in Partner Center (gone, or access lost)');
	} else if (input.changes && input.sourceQuantity === 0 && (input.currentQuantity ?? 0) > 0) {
		apply(options.onZeroCount, `licence count fell to 0 (line has ${input.currentQuantity})`);
	}
	const explicitlyApplied = notes.length > 0;
	if (input.changes && !explicitlyApplied && input.currentQuantity !== null) {
		const reason = decreaseReason(input.currentQuantity, input.targetQuantity, options);
		if (reason) held.push(reason);
	}
	if (input.agreementStatus !== null && input.agreementStatus.toLowerCase() !== 'active') {
		held.push(`agreement is ${input.agreementStatus}, not Active`);
	}
	if (skipped.length > 0) return { verdict: 'skip', reasons: [...skipped, ...held, ...notes] };
	if (held.length > 0) return { verdict: 'needsApproval', reasons: [...held, ...notes] };
	return { verdict: null, reasons: notes };
}
