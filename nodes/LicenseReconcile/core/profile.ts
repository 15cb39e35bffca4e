import {
	FieldError,
	optionalChoice,
	optionalNumber,
	parseRow,
	requiredString,
	stringList,
	type Parsed,
} from './fields';
import type { BillingProfile, PriceMode, Row } from './types';

const PRICE_MODES: readonly PriceMode[] = ['catalog', 'custom'];

/** Profile names are matched without case or surrounding spaces. */
export function profileKey(name: string): string {
	return name.trim().toLowerCase();
}

/** `billCustomers`: the PSA's bill-customer values, the default first (the `billCustomerValues` option). */
export function parseProfile(row: Row, billCustomers: readonly string[]): Parsed<BillingProfile> {
	return parseRow(() => {
		const unitPrice = optionalNumber(row, 'unitPrice');
		if (unitPrice !== null && unitPrice < 0) throw new FieldError('unitPrice', 'unitPrice must be 0 or more');
		const priceMode = optionalChoice(row, 'priceMode', PRICE_MODES) ?? (unitPrice === null ? 'catalog' : 'custom');
		if (priceMode === 'custom' && unitPrice === null) {
			throw new FieldError('unitPrice', 'unitPrice is missing (priceMode is custom)');
		}
		return {
			name: requiredString(row, 'name'),
			productIdentifier: requiredString(row, 'productIdentifier'),
			agreementTypes: stringList(row, 'agreementTypes'),
			billCustomer: optionalChoice(row, 'billCustomer', billCustomers) ?? billCustomers[0],
			priceMode,
			unitPrice: priceMode === 'custom' ? unitPrice : null,
		};
	});
}
