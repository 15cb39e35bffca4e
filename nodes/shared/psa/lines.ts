/**
 * Pure helpers of Apply over the lines of one agreement, for any PSA: which line is the
 * sync's for a product, which prorate line stands for a change, the values a line should
 * have, and which fields differ.
 */
import { isManagedSerial, isProrateSerial, MANAGED_MARKER, PRORATE_MARKER, sameSerial } from '../managedMarker';
import type { ApplyItem, LineValues, ProrateResult, ProrateTarget, PsaLimits, PsaLine, PsaProduct } from './contracts';

export function lineValues(line: PsaLine): LineValues {
	return {
		quantity: line.quantity,
		lessIncluded: line.lessIncluded,
		unitPrice: line.unitPrice,
		billCustomer: line.billCustomer,
		invoiceDescription: line.invoiceDescription,
		effectiveDate: line.effectiveDate,
		marker: line.marker?.trim() || null,
	};
}

/** The fields Apply changes on a line; the effective date never (a new date is a new line). */
export const CHANGEABLE = ['quantity', 'lessIncluded', 'unitPrice', 'billCustomer', 'invoiceDescription', 'marker'] as const;
export type Changeable = (typeof CHANGEABLE)[number];

export function changedFields(before: LineValues, after: LineValues): Changeable[] {
	return CHANGEABLE.filter((f) => before[f] !== after[f]);
}

export function sameLine(a: LineValues, b: LineValues): boolean {
	return changedFields(a, b).length === 0;
}

export function ofProduct(line: PsaLine, item: ApplyItem, product: PsaProduct): boolean {
	return (line.productId !== null && line.productId === product.id) || line.productIdentifier === item.productIdentifier;
}

/** Neither the sync's product line nor one of its prorate lines: a line a person keeps. */
export const isManual = (line: PsaLine): boolean => !isManagedSerial(line.marker) && !isProrateSerial(line.marker);

/** Still billing on `date` (a cancelled date is the first day a line no longer bills). */
export function billsOn(line: PsaLine, date: string): boolean {
	return line.cancelledDate === null || line.cancelledDate > date;
}

export function targetValues(item: ApplyItem, product: PsaProduct, current: LineValues | null): LineValues {
	return {
		quantity: item.quantity,
		lessIncluded: item.lessIncluded,
		unitPrice: item.unitPrice ?? current?.unitPrice ?? product.price ?? null,
		billCustomer: item.billCustomer,
		invoiceDescription: item.invoiceDescription,
		effectiveDate: current?.effectiveDate ?? item.effectiveDate,
		marker: MANAGED_MARKER,
	};
}

/** Managed lines for the product still billing on the effective date: what a previous (interrupted) run may have made. */
export function existingCreate(lines: readonly PsaLine[], item: ApplyItem, product: PsaProduct): PsaLine[] {
	return lines.filter((line) => isManagedSerial(line.marker) && ofProduct(line, item, product) && billsOn(line, item.effectiveDate));
}

/**
 * The prorate line standing for this change, if one is there: the line with the plan's
 * change-identifying marker (C3); for older plans (bare marker) one of the same product, day and quantity.
 */
export function existingProrate(lines: readonly PsaLine[], item: ApplyItem, product: PsaProduct, target: ProrateTarget): PsaLine | undefined {
	if (!sameSerial(target.serialNumber, PRORATE_MARKER)) return lines.find((line) => sameSerial(line.marker, target.serialNumber));
	return lines.find((line) => isProrateSerial(line.marker) && ofProduct(line, item, product) && line.effectiveDate === target.from && line.quantity === target.quantity);
}

export function prorateResult(target: ProrateTarget, additionId: number | null, applied: boolean): ProrateResult {
	return { additionId, quantity: target.quantity, from: target.from, to: target.to, serialNumber: target.serialNumber, applied };
}

/** The PSA's word for a line in messages: "addition" (ConnectWise) unless the PSA says otherwise. */
export function lineWord(limits: PsaLimits): { lower: string; upper: string } {
	const lower = limits.lineLabel ?? 'addition';
	return { lower, upper: lower.charAt(0).toUpperCase() + lower.slice(1) };
}

export const seats = (n: number): string => `${n} seat${n === 1 ? '' : 's'}`;
