/**
 * The writes of Apply, each safe to repeat: before creating a line it looks for the
 * one a previous (interrupted) run may already have made.
 */
import { MANAGED_MARKER, PRORATE_MARKER } from '../../../shared/managedMarker';
import type { OperationContext } from '../../helpers/context';
import { ItemError } from '../../helpers/parameters';
import { buildConditions } from '../../transport';
import { day, toCwDate } from '../../shapes/dates';
import type { CwAddition, CwCatalogItem } from '../../shapes/types';
import type { ApplyItem, ProrateTarget } from './planItem';
import { lineValues, patchFor, type LineValues, type ProrateResult } from './result';

export async function managedLines(ctx: OperationContext, agreementId: number, productIdentifier: string, marker: string): Promise<CwAddition[]> {
	return await ctx.client.getAll<CwAddition>(`/finance/agreements/${agreementId}/additions`, {
		conditions: buildConditions(
			{ field: 'product/identifier', op: '=', value: productIdentifier },
			{ field: 'serialNumber', op: '=', value: marker },
		),
		action: `read ${productIdentifier} additions of agreement ${agreementId}`,
	});
}

export function targetValues(item: ApplyItem, product: CwCatalogItem, current: LineValues | null): LineValues {
	return {
		quantity: item.quantity,
		lessIncluded: item.lessIncluded,
		unitPrice: item.unitPrice ?? current?.unitPrice ?? product.price ?? null,
		billCustomer: item.billCustomer,
		invoiceDescription: item.invoiceDescription,
		effectiveDate: current?.effectiveDate ?? item.effectiveDate,
		serialNumber: MANAGED_MARKER,
	};
}

function sameLine(a: LineValues, b: LineValues): boolean {
	return patchFor(a, b).length === 0;
}

/** A managed line for the product still billing on the effective date, if a previous run made it. */
export function existingCreate(lines: CwAddition[], item: ApplyItem): CwAddition[] {
	return lines.filter((a) => {
		const cancelled = day(a.cancelledDate);
		return cancelled === null || cancelled > item.effectiveDate;
	});
}

export async function createLine(ctx: OperationContext, item: ApplyItem, product: CwCatalogItem, after: LineValues): Promise<CwAddition> {
	return await ctx.client.send<CwAddition>(
		'POST',
		`/finance/agreements/${item.agreementId}/additions`,
		{
			product: { id: product.id },
			quantity: after.quantity,
			lessIncluded: after.lessIncluded,
			unitPrice: after.unitPrice,
			billCustomer: after.billCustomer,
			effectiveDate: toCwDate(item.effectiveDate),
			invoiceDescription: after.invoiceDescription,
			serialNumber: MANAGED_MARKER,
			prorateCurrentPeriodFlag: item.prorateCurrentPeriod,
		},
		`create the ${item.productIdentifier} addition on agreement ${item.agreementId}`,
	);
}

export async function updateLine(ctx: OperationContext, item: ApplyItem, before: LineValues, after: LineValues): Promise<CwAddition> {
	return await ctx.client.send<CwAddition>(
		'PATCH',
		`/finance/agreements/${item.agreementId}/additions/${item.additionId}`,
		patchFor(before, after),
		`update addition ${item.additionId} (${item.productIdentifier})`,
	);
}

/** Looks up the prorate line of the same day and quantity; creates it unless found (or dry run). */
export async function prorateLine(
	ctx: OperationContext,
	item: ApplyItem,
	target: ProrateTarget,
	product: CwCatalogItem,
	after: LineValues,
	write: boolean,
): Promise<ProrateResult> {
	const lines = await managedLines(ctx, item.agreementId, item.productIdentifier, PRORATE_MARKER);
	const done = lines.find((a) => day(a.effectiveDate) === target.from && (a.quantity ?? 0) === target.quantity);
	if (done) return { additionId: done.id, quantity: target.quantity, from: target.from, to: target.to, applied: false };
	if (!write) return { additionId: null, quantity: target.quantity, from: target.from, to: target.to, applied: false };
	const created = await ctx.client.send<CwAddition>(
		'POST',
		`/finance/agreements/${item.agreementId}/additions`,
		{
			product: { id: product.id },
			quantity: target.quantity,
			lessIncluded: 0,
			unitPrice: after.unitPrice,
			billCustomer: after.billCustomer,
			effectiveDate: toCwDate(target.from),
			cancelledDate: toCwDate(target.to),
			invoiceDescription: target.invoiceDescription,
			serialNumber: PRORATE_MARKER,
			prorateCurrentPeriodFlag: false,
		},
		`create the ${item.productIdentifier} prorate line on agreement ${item.agreementId}`,
	);
	return { additionId: created.id, quantity: target.quantity, from: target.from, to: target.to, applied: true };
}

export function refuseUnmanaged(addition: CwAddition, item: ApplyItem): void {
	const serial = addition.serialNumber?.trim() ?? '';
	if (serial === MANAGED_MARKER || item.adopt) return;
	throw new ItemError(
		`Addition ${addition.id} on agreement ${item.agreementId} is not managed by this package (serial number ${serial ? `"${serial}"` : 'empty'}); nothing was changed`,
		`Set adopt: true on the plan item (or serial number "${MANAGED_MARKER}" on the line) to let the sync take it over`,
	);
}

export function refuseOtherProduct(addition: CwAddition, item: ApplyItem, product: CwCatalogItem): void {
	const same = addition.product?.id === product.id || addition.product?.identifier === item.productIdentifier;
	if (!same) {
		throw new ItemError(`Addition ${addition.id} is for product "${addition.product?.identifier ?? 'unknown'}", not "${item.productIdentifier}"; nothing was changed`);
	}
}

export { lineValues, sameLine };
