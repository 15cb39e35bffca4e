import type { Decision, HeldChange } from './types';

export type GroupAction = 'approve' | 'reject' | 'adopt' | 'replace';

export interface GroupOutcome {
	change: HeldChange;
	/** 'pending' when the action does not fit this change (it stays for a person to decide). */
	decision: Decision;
	additionId?: number;
	/** What happens, in words. */
	consequence: string;
}

/**
 * One action for a whole group, never more than the person asked for: Approve never adds a
 * line beside a line typed by hand, Adopt only takes over a line when exactly one is there.
 */
export function decideGroup(changes: HeldChange[], action: GroupAction): GroupOutcome[] {
	return changes.map((change): GroupOutcome => {
		const manual = change.manualLines;
		if (action === 'reject') return { change, decision: 'reject', consequence: 'rejected: nothing is written' };
		if (action === 'approve') {
			if (manual.length > 0) return { change, decision: 'pending', consequence: 'stays pending: a line typed by hand is there, choose adopt, replace or a second line' };
			return { change, decision: 'approve', consequence: `approved: ${change.change}` };
		}
		if (action === 'adopt') {
			if (manual.length === 0) return { change, decision: 'pending', consequence: 'stays pending: no line typed by hand to adopt' };
			if (manual.length > 1) return { change, decision: 'pending', consequence: `stays pending: ${manual.length} lines typed by hand, choose which one to adopt on its own` };
			const [line] = manual;
			return { change, decision: 'adopt', additionId: line.additionId, consequence: `line ${line.additionId} adopted: ${line.quantity} \u2192 ${change.proposed ?? 0} seats, still one line` };
		}
		if (manual.length === 0) return { change, decision: 'pending', consequence: 'stays pending: no line typed by hand to replace' };
		return {
			change,
			decision: 'replace',
			consequence: `line ${manual.map((line) => line.additionId).join(', ')} cancelled, a managed line of ${change.proposed ?? 0} seats created`,
		};
	});
}
