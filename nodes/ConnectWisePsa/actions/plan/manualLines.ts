/**
 * Unmarked (manual) lines for the product on the agreement: a create or adopt never leaves
 * one billing beside the managed line unless the plan item says so (`secondLine`), and the
 * lines it replaces (`cancelAdditions`) are checked as read and cancelled before the write.
 */
import { ApiError } from '../../../shared';
import { isManagedSerial, isProrateSerial, MANAGED_MARKER } from '../../../shared/managedMarker';
import type { OperationContext } from '../../helpers/context';
import { identified } from '../../helpers/identified';
import { ItemError } from '../../helpers/parameters';
import { day, toCwDate } from '../../shapes/dates';
import type { CwAddition, CwCatalogItem } from '../../shapes/types';
import type { ApplyItem } from './planItem';

/** What Apply reports for each line it cancels (or found cancelled by an earlier run). */
export interface CancelResult {
	additionId: number;
	quantity: number;
	/** The first day the line no longer bills: the day the managed line starts. */
	cancelledDate: string;
	/** What the line had before (null: it was open-ended), to put back if the write it made room for is refused. */
	previousCancelledDate: string | null;
	/** Cancelled by this call. */
	applied: boolean;
	/** Cancelled by this call and opened again because the write it made room for was refused. */
	restored?: boolean;
}

const ofProduct = (a: CwAddition, item: ApplyItem, product: CwCatalogItem) => a.product?.id === product.id || a.product?.identifier === item.productIdentifier;

const isManual = (a: CwAddition) => !isManagedSerial(a.serialNumber) && !isProrateSerial(a.serialNumber);

/** Still billing on `date` (a cancelled date is the first day a line no longer bills). */
const billsOn = (a: CwAddition, date: string) => {
	const cancelled = day(a.cancelledDate);
	return cancelled === null || cancelled > date;
};

const seats = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

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
export function planCancels(lines: CwAddition[], item: ApplyItem, product: CwCatalogItem, adoptedId: number | null): PlannedCancel[] {
	const cancels = item.cancelAdditions.map((target): PlannedCancel => {
		const line = lines.find((a) => a.id === target.additionId);
		const what = `Addition ${target.additionId} on agreement ${item.agreementId}`;
		if (!line) throw new ItemError(`${what} is not there any more; nothing was written`, 'Someone removed the line after the plan was made: run the sync again');
		if (!ofProduct(line, item, product)) throw new ItemError(`${what} is for product "${line.product?.identifier ?? 'unknown'}", not "${item.productIdentifier}"; nothing was written`);
		if (!isManual(line)) throw new ItemError(`${what} is a line of the sync (serial number "${line.serialNumber ?? ''}"), not a manual line; nothing was written`);
		if ((line.quantity ?? 0) !== target.quantity) {
			throw new ItemError(
				`${what} has quantity ${line.quantity ?? 0} in the PSA but the decision was made on ${target.quantity}; nothing was written`,
				'Someone changed the line after the change was held: decide again on what the PSA has now',
			);
		}
		const start = day(line.effectiveDate);
		const cancelledDate = start !== null && start > item.effectiveDate ? start : item.effectiveDate;
		const previous = day(line.cancelledDate);
		// Cancelled on or before that day already (an earlier run of this decision): nothing to write.
		const done = previous !== null && previous <= cancelledDate;
		return {
			result: { additionId: line.id, quantity: line.quantity ?? 0, cancelledDate: done ? previous : cancelledDate, previousCancelledDate: previous, applied: false },
			write: !done,
		};
	});
	if (item.secondLine) return cancels;
	const handled = new Set([...item.cancelAdditions.map((c) => c.additionId), ...(adoptedId === null ? [] : [adoptedId])]);
	const left = lines.filter((a) => !handled.has(a.id) && isManual(a) && ofProduct(a, item, product) && billsOn(a, item.effectiveDate));
	if (left.length > 0) {
		const named = left.map((a) => `${a.id} (${seats(a.quantity ?? 0)})`).join(', ');
		throw identified(
			new ItemError(
				`Agreement ${item.agreementId} already has unmarked addition ${named} for ${item.productIdentifier}; nothing was written: ` +
					`choose adopt (the sync takes the line over and sets its quantity), replace (cancel it and create a managed line) ` +
					`or addSecond (a second line beside it: the customer is billed for both, ${left.reduce((sum, a) => sum + (a.quantity ?? 0), 0)} + ${item.quantity})`,
				`A line the sync writes beside a manual one bills the seats twice. To take a line over by hand, set its serial number to ${MANAGED_MARKER}.`,
			),
			{ decisionNeeded: true, unmarkedAdditions: left.map((a) => ({ additionId: a.id, quantity: a.quantity ?? 0 })) },
		);
	}
	return cancels;
}

/** Cancels the lines still billing, in order; each is recorded as applied as soon as the PSA accepted it. */
export async function cancelLines(ctx: OperationContext, item: ApplyItem, cancels: PlannedCancel[], dryRun: boolean): Promise<void> {
	for (const { result, write } of cancels) {
		if (!write || dryRun) continue;
		await ctx.client.send<CwAddition>(
			'PATCH',
			`/finance/agreements/${item.agreementId}/additions/${result.additionId}`,
			[{ op: 'replace', path: 'cancelledDate', value: toCwDate(result.cancelledDate) }],
			`cancel addition ${result.additionId} (${item.productIdentifier}) from ${result.cancelledDate}`,
		);
		result.applied = true;
	}
}

/**
 * The write these cancellations made room for was refused for good: the lines cancelled by
 * this call bill again as before, so the customer is not left without a line. Returns the
 * error to throw, saying what happened to them.
 */
export async function restoreCancelled(ctx: OperationContext, item: ApplyItem, cancels: CancelResult[], refusal: ApiError): Promise<ApiError> {
	const notes: string[] = [];
	for (const cancel of cancels.filter((c) => c.applied)) {
		try {
			await ctx.client.send(
				'PATCH',
				`/finance/agreements/${item.agreementId}/additions/${cancel.additionId}`,
				[{ op: 'replace', path: 'cancelledDate', value: cancel.previousCancelledDate === null ? null : toCwDate(cancel.previousCancelledDate) }],
				`restore addition ${cancel.additionId}`,
			);
			cancel.applied = false;
			cancel.restored = true;
			notes.push(`addition ${cancel.additionId}, cancelled for it, bills again as before`);
		} catch (error) {
			cancel.restored = false;
			notes.push(`addition ${cancel.additionId} was cancelled for it and could not be restored (${error instanceof Error ? error.message : String(error)}): set its cancelled date back in the PSA`);
		}
	}
	return notes.length === 0 ? refusal : new ApiError(`${refusal.message}; ${notes.join('; ')}`, refusal.details);
}
