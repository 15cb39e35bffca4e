/**
 * Checks made before anything is written, so a bad item fails whole instead of
 * leaving half a change in the PSA. The value checks are pure; the PSA checks read
 * through the per-execution cache.
 */
import type { PsaLimits } from '../../shared/psa/contracts';
import * as values from '../../shared/psa/values';
import { day, quantity } from '../../shared/psa/values';
import type { CwAgreement, CwCatalogItem } from '../shapes/types';
import type { OperationContext } from './context';
import { ItemError } from '../../shared/itemError';

export const MAX_INVOICE_DESCRIPTION = 6000;
export const MAX_SERIAL_NUMBER = 50;
export const BILL_CUSTOMER = ['Billable', 'DoNotBill', 'NoCharge'] as const;
export type BillCustomerValue = (typeof BILL_CUSTOMER)[number];

/** ConnectWise's limits for what Apply writes (the PSA seam, #16). */
export const CONNECTWISE_LIMITS: PsaLimits = {
	psaName: 'ConnectWise',
	descriptionMaxLength: MAX_INVOICE_DESCRIPTION,
	markerMaxLength: MAX_SERIAL_NUMBER,
	markerLabel: 'serial number',
	billCustomerValues: BILL_CUSTOMER,
};

export { quantity, day };

export function invoiceDescription(value: unknown): string {
	return values.invoiceDescription(value, CONNECTWISE_LIMITS);
}

export function billCustomer(value: unknown): BillCustomerValue {
	return values.billCustomer(value, CONNECTWISE_LIMITS) as BillCustomerValue;
}

export function serialNumber(value: string): string {
	return values.marker(value, CONNECTWISE_LIMITS);
}

export function isActive(agreement: CwAgreement): boolean {
	return (agreement.agreementStatus ?? '').toLowerCase() === 'active' && agreement.cancelledFlag !== true;
}

export async function activeAgreement(ctx: OperationContext, agreementId: number): Promise<CwAgreement> {
	const agreement = await ctx.lookups.agreement(agreementId);
	if (!agreement) throw new ItemError(`Agreement ${agreementId} was not found in ConnectWise PSA`);
	if (!isActive(agreement)) {
		throw new ItemError(
			`Agreement ${agreementId} (${agreement.name ?? 'unnamed'}) is ${agreement.cancelledFlag ? 'cancelled' : (agreement.agreementStatus ?? 'not active')}; additions are only written to active agreements`,
		);
	}
	return agreement;
}

export async function catalogProduct(ctx: OperationContext, identifier: unknown): Promise<CwCatalogItem> {
	const text = typeof identifier === 'string' ? identifier.trim() : '';
	if (text === '') throw new ItemError('Product identifier is empty');
	const product = await ctx.lookups.product(text);
	if (!product) throw new ItemError(`Product "${text}" is not in the ConnectWise catalog`, 'Add it to Procurement > Product Catalog, or fix the billing profile');
	if (product.inactiveFlag) throw new ItemError(`Product "${text}" is inactive in the ConnectWise catalog`);
	return product;
}
