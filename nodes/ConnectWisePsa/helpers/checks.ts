/**
 * Checks made before anything is written, so a bad item fails whole instead of
 * leaving half a change in the PSA. The value checks are pure; the PSA checks read
 * through the per-execution cache.
 */
import { isDay } from '../shapes/dates';
import type { CwAgreement, CwCatalogItem } from '../shapes/types';
import type { OperationContext } from './context';
import { ItemError } from './parameters';

export const MAX_INVOICE_DESCRIPTION = 6000;
export const MAX_SERIAL_NUMBER = 50;
export const BILL_CUSTOMER = ['Billable', 'DoNotBill', 'NoCharge'] as const;
export type BillCustomerValue = (typeof BILL_CUSTOMER)[number];

export function quantity(value: unknown, what = 'Quantity', allowNegative = false): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(n)) throw new ItemError(`${what} must be a number, got ${JSON.stringify(value ?? null)}`);
	if (!allowNegative && n < 0) throw new ItemError(`${what} must not be negative, got ${n}`);
	return n;
}

export function invoiceDescription(value: unknown): string {
	const text = value === undefined || value === null ? '' : String(value);
	if (text.length > MAX_INVOICE_DESCRIPTION) {
		throw new ItemError(
			`Invoice description is ${text.length} characters; ConnectWise allows at most ${MAX_INVOICE_DESCRIPTION}`,
			'Shorten the description template or turn off the user name list',
		);
	}
	return text;
}

export function day(value: unknown, what: string): string {
	if (!isDay(value)) throw new ItemError(`${what} must be a date written YYYY-MM-DD, got ${JSON.stringify(value ?? null)}`);
	return value;
}

export function billCustomer(value: unknown): BillCustomerValue {
	const found = BILL_CUSTOMER.find((b) => b.toLowerCase() === String(value ?? '').trim().toLowerCase());
	if (!found) throw new ItemError(`Bill customer must be one of ${BILL_CUSTOMER.join(', ')}, got ${JSON.stringify(value ?? null)}`);
	return found;
}

export function serialNumber(value: string): string {
	if (value.length > MAX_SERIAL_NUMBER) throw new ItemError(`Serial number is ${value.length} characters; ConnectWise allows at most ${MAX_SERIAL_NUMBER}`);
	return value;
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
