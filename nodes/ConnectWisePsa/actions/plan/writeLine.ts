/**
 * The writes of Apply, each safe to repeat: before creating a line it looks for the
 * one a previous (interrupted) run may already have made.
 */
import { ApiError } from '../../../shared';
import { isManagedSerial, isProrateSerial, MANAGED_MARKER, PRORATE_MARKER, sameSerial } from '../../../shared/managedMarker';
import type { OperationContext } from '../../helpers/context';
import { ItemError } from '../../helpers/parameters';
import { day, toCwDate } from '../../shapes/dates';
import type { CwAddition, CwAgreement, CwCatalogItem } from '../../shapes/types';
import type { ApplyItem, ProrateTarget } from './planItem';
import { lineValues, patchFor, type LineValues, type ProrateResult } from './result';

/** Every addition on the agreement, read once per item: managed lines and prorate lines both come from it. */
export async function agreementLines(ctx: OperationContext, agreementId: number): Promise<CwAddition[]> {
	return await ctx.client.getAll<CwAddition>(`/finance/agreements/${agreementId}/additions`, { action: `read the additions of agreement ${agreementId}` });
}

const ofProduct = (a: CwAddition, item: ApplyItem, product: CwCatalogItem) => a.product?.id === product.id || a.product?.identifier === item.productIdentifier;

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
export function existingCreate(lines: CwAddition[], item: ApplyItem, product: CwCatalogItem): CwAddition[] {
	return lines.filter((a) => {
		if (!isManagedSerial(a.serialNumber) || !ofProduct(a, item, product)) return false;
		const cancelled = day(a.cancelledDate);
		return cancelled === null || cancelled > item.effectiveDate;
	});
}

/**
 * The prorate line standing for this change, if one is there: the line with the plan's
 * change-identifying serial; for older plans (bare marker) one of the same product, day and quantity.
 */
export function existingProrate(lines: CwAddition[], item: ApplyItem, product: CwCatalogItem, target: ProrateTarget): CwAddition | undefined {
	if (!sameSerial(target.serialNumber, PRORATE_MARKER)) return lines.find((a) => sameSerial(a.serialNumber, target.serialNumber));
	return lines.find((a) => isProrateSerial(a.serialNumber) && ofProduct(a, item, product) && day(a.effectiveDate) === target.from && (a.quantity ?? 0) === target.quantity);
}

export function prorateResult(target: ProrateTarget, additionId: number | null, applied: boolean): ProrateResult {
	return { additionId, quantity: target.quantity, from: target.from, to: target.to, serialNumber: target.serialNumber, applied };
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

export async function createProrateLine(ctx: OperationContext, item: ApplyItem, target: ProrateTarget, product: CwCatalogItem, after: LineValues): Promise<CwAddition> {
	return await ctx.client.send<CwAddition>(
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
			serialNumber: target.serialNumber,
			prorateCurrentPeriodFlag: false,
		},
		`create the ${item.productIdentifier} prorate line on agreement ${item.agreementId}`,
	);
}

/**
 * ConnectWise refused the request for good (a 4xx other than timeout or throttling), so
 * the change did not happen. A 5xx or a lost connection may have been applied: unknown.
 */
export function refusedForGood(error: unknown): boolean {
	const status = error instanceof ApiError ? error.status : undefined;
	return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Deletes the prorate line this call wrote for a change ConnectWise then refused, so no
 * prorate stands for a change that never happened (ConnectWise allows DELETE on an
 * agreement addition; a line written seconds ago has not been invoiced). Returns the
 * error to throw, saying what happened to the prorate line.
 */
export async function withdrawProrate(ctx: OperationContext, item: ApplyItem, prorate: ProrateResult, refusal: ApiError): Promise<ApiError> {
	try {
		await ctx.client.send('DELETE', `/finance/agreements/${item.agreementId}/additions/${prorate.additionId}`, undefined, `delete prorate line ${prorate.additionId}`);
		prorate.removed = true;
		prorate.applied = false;
		return new ApiError(`${refusal.message}; the prorate line ${prorate.additionId} written for this change was deleted again`, refusal.details);
	} catch (error) {
		prorate.removed = false;
		const why = error instanceof Error ? error.message : String(error);
		return new ApiError(`${refusal.message}; the prorate line ${prorate.additionId} written for this change could not be deleted (${why}): delete it in the PSA`, refusal.details);
	}
}

export function refuseUnmanaged(addition: CwAddition, item: ApplyItem): void {
	const serial = addition.serialNumber?.trim() ?? '';
	if (isManagedSerial(serial) || item.adopt) return;
	throw new ItemError(
		`Addition ${addition.id} on agreement ${item.agreementId} is not managed by this package (serial number ${serial ? `"${serial}"` : 'empty'}); nothing was changed`,
		`Set adopt: true on the plan item (or serial number "${MANAGED_MARKER}" on the line) to let the sync take it over`,
	);
}

export function refuseOtherProduct(addition: CwAddition, item: ApplyItem, product: CwCatalogItem): void {
	if (!ofProduct(addition, item, product)) {
		throw new ItemError(`Addition ${addition.id} is for product "${addition.product?.identifier ?? 'unknown'}", not "${item.productIdentifier}"; nothing was changed`);
	}
}

/** Defense in depth for the wrong-customer bug: a line is written only to an agreement of the tenant's mapped company. */
export function refuseOtherCompany(agreement: CwAgreement, item: ApplyItem): void {
	if (item.companyId === null || agreement.company?.id === item.companyId) return;
	const theirs = agreement.company?.id === undefined ? 'no company' : `company ${agreement.company.name ?? 'unnamed'} (${agreement.company.id})`;
	const ours = `${item.companyName ?? 'company'} (${item.companyId})`;
	throw new ItemError(
		`Agreement ${agreement.id} (${agreement.name ?? 'unnamed'}) belongs to ${theirs}, not to ${ours} that tenant ${item.tenantId ?? '(unknown)'} is mapped to; nothing was written`,
		'Fix the license link (its agreement) or the company mapping, then run the reconcile again',
	);
}

export { lineValues, sameLine };
