import {
	flag,
	optionalDate,
	optionalNumber,
	optionalString,
	parseRow,
	positiveId,
	type Parsed,
} from './fields';
import { isManagedSerial, isProrateSerial } from '../../shared/managedMarker';
import type { Addition, Row } from './types';

export function parseAddition(row: Row): Parsed<Addition> {
	return parseRow(() => {
		// The marker: `marker` from any PSA node, `serialNumber` from the ConnectWise node (C5).
		const serialNumber = optionalString(row, 'marker') ?? optionalString(row, 'serialNumber');
		return {
			agreementId: positiveId(row, 'agreementId'),
			additionId: positiveId(row, 'additionId'),
			// An addition without a product is never a license line; it simply matches nothing.
			productIdentifier: optionalString(row, 'productIdentifier') ?? '',
			productId: optionalNumber(row, 'productId'),
			quantity: optionalNumber(row, 'quantity') ?? 0,
			lessIncluded: optionalNumber(row, 'lessIncluded') ?? 0,
			unitPrice: optionalNumber(row, 'unitPrice'),
			billCustomer: optionalString(row, 'billCustomer'),
			invoiceDescription: typeof row.invoiceDescription === 'string' ? row.invoiceDescription : '',
			description: optionalString(row, 'description'),
			effectiveDate: optionalDate(row, 'effectiveDate'),
			cancelledDate: optionalDate(row, 'cancelledDate'),
			serialNumber,
			lastUpdated: optionalString(row, 'lastUpdated'),
			// A prorate line is never the product's line, whatever the PSA node says.
			managed: !isProrateSerial(serialNumber) && (flag(row, 'managed', false) || isManagedSerial(serialNumber)),
		};
	});
}
