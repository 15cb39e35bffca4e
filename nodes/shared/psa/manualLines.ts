/**
 * Unmarked (manual) lines for the product on the agreement: a create or adopt never leaves
 * one billing beside the managed line unless the plan item says so (`secondLine`), and the
 * lines it replaces (`cancelAdditions`) are checked as read and cancelled before the write.
 */
import { ApiError } from '../apiError';
import { identified, ItemError } from '../itemError';
import { MANAGED_MARKER } from '../managedMarker';
import type { ApplyItem, CancelResult, PsaLimits, PsaLine, PsaProduct } from './contracts';
import { billsOn, isManual, lineWord, ofProduct, seats } from './lines';

/** A line to cancel: what the audit sees, and whether it still needs the write. */
export interface PlannedCancel {
	result: CancelResult;
	write: boolean;
}

/**
 * Checks the plan's decision about the manual lines against what the PSA has now, before
 * anything is written: each line to cancel is there, unmarked, of the product and as read;
 * no other manual line still bills unless a second line was chosen. Returns what to cancel.
 */
export function planCancels(lines: readonly PsaLine[], item: ApplyItem, product: PsaProduct, adoptedId: number | null, limits: PsaLimits): PlannedCancel[] {
	const word = lineWord(limits);
	const cancels = item.cancelAdditions.map((target): PlannedCancel => {
		const line = lines.find((a) => a.id === target.additionId);
		const what = `${word.upper} ${target.additionId} on agreement ${item.agreementId}`;
		if (!line) throw new ItemError(`${what} is not there any more; nothing was written`, 'Someone removed the line after the plan was made: run the sync again');
		if (!ofProduct(line, item, product)) throw new ItemError(`${what} is for product "${line.productIdentifier ?? 'unknown'}", not "${item.productIdentifier}"; nothing was written`);
		if (!isManual(line)) throw new ItemError(`${what} is a line of the sync (${limits.markerLabel} "${line.marker ?? ''}"), not a manual line; nothing was written`);
		if (line.quantity !== target.quantity) {
			throw new ItemError(
				`${what} has quantity ${line.quantity} in the PSA but the decision was made on ${target.quantity}; nothing was written`,
				'Someone changed the line after the change was held: decide again on what the PSA has now',
			);
		}
		const start = line.effectiveDate;
		const cancelledDate = start !== null && start > item.effectiveDate ? start : item.effectiveDate;
		const previous = line.cancelledDate;
		// Cancelled on or before that day already (an earlier run of this decision): nothing to write.
		const done = previous !== null && previous <= cancelledDate;
		return {
			result: { additionId: line.id, quantity: line.quantity, cancelledDate: done ? previous : cancelledDate, previousCancelledDate: previous, applied: false },
			write: !done,
		};
	});
	if (item.secondLine) return cancels;
	const handled = new Set([...item.cancelAdditions.map((c) => c.additionId), ...(adoptedId === null ? [] : [adoptedId])]);
	const left = lines.filter((a) => !handled.has(a.id) && isManual(a) && ofProduct(a, item, product) && billsOn(a, item.effectiveDate));
	if (left.length > 0) {
		const named = left.map((a) => `${a.id} (${seats(a.quantity)})`).join(', ');
		throw identified(
			new ItemError(
				`Agreement ${item.agreementId} already has unmarked ${word.lower} ${named} for ${item.productIdentifier}; nothing was written: ` +
					`choose adopt (the sync takes the line over and sets its quantity), replace (cancel it and create a managed line) ` +
					`or addSecond (a second line beside it: the customer is billed for both, ${left.reduce((sum, a) => sum + a.quantity, 0)} + ${item.quantity})`,
				`A line the sync writes beside a manual one bills the seats twice. To take a line over by hand, set its ${limits.markerLabel} to ${MANAGED_MARKER}.`,
			),
			{ decisionNeeded: true, unmarkedAdditions: left.map((a) => ({ additionId: a.id, quantity: a.quantity })) },
		);
	}
	return cancels;
}

/** What a cancel or restore does to a line, so the agreement's lines as read stay true. */
export type CancelWrite = (lineId: number, cancelledDate: string | null, restore: boolean) => Promise<void>;

/** Cancels the lines still billing, in order; each is recorded as applied as soon as the PSA accepted it. */
export async function cancelLines(cancels: PlannedCancel[], dryRun: boolean, cancel: CancelWrite): Promise<void> {
	for (const { result, write } of cancels) {
		if (!write || dryRun) continue;
		await cancel(result.additionId, result.cancelledDate, false);
		result.applied = true;
	}
}

/**
 * The write these cancellations made room for was refused for good: the lines cancelled by
 * this call bill again as before, so the customer is not left without a line. Returns the
 * error to throw, saying what happened to them.
 */
export async function restoreCancelled(cancels: CancelResult[], refusal: ApiError, cancel: CancelWrite, limits: PsaLimits): Promise<ApiError> {
	const word = lineWord(limits);
	const notes: string[] = [];
	for (const done of cancels.filter((c) => c.applied)) {
		try {
			await cancel(done.additionId, done.previousCancelledDate, true);
			done.applied = false;
			done.restored = true;
			notes.push(`${word.lower} ${done.additionId}, cancelled for it, bills again as before`);
		} catch (error) {
			done.restored = false;
			notes.push(`${word.lower} ${done.additionId} was cancelled for it and could not be restored (${error instanceof Error ? error.message : String(error)}): set its cancelled date back in the PSA`);
		}
	}
	return notes.length === 0 ? refusal : new ApiError(`${refusal.message}; ${notes.join('; ')}`, refusal.details);
}
