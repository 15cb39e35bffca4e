import type { PlanOrigin, Row } from './types';

function value(row: Row, field: string): string | null {
	const v = row[field];
	return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number' ? String(v).trim() : null;
}

/**
 * Names an input row by what it says (never by its position, which changes with input order),
 * so a person can find the row a reason is about.
 */
export function describeRow(input: PlanOrigin['input'], row: Row): string {
	const parts = (fields: Array<[string, string]>) => {
		const known = fields.flatMap(([field, label]) => (value(row, field) === null ? [] : [`${label} ${value(row, field)}`]));
		return known.length > 0 ? ` (${known.join(', ')})` : '';
	};
	if (input === 'links') {
		const id = value(row, 'linkId') ?? value(row, 'id');
		return id !== null ? `link row ${id}` : `link row${parts([['tenantId', 'tenant'], ['agreementId', 'agreement'], ['billingProfile', 'profile']])}`;
	}
	if (input === 'licenses') return `license row${parts([['tenantId', 'tenant'], ['skuId', 'SKU'], ['skuPartNumber', 'part number']])}`;
	if (input === 'additions') {
		return row.kind === 'agreement' ? `agreement row${parts([['agreementId', 'agreement']])}` : `addition row${parts([['additionId', 'addition'], ['agreementId', 'agreement']])}`;
	}
	return `billing profile row${parts([['name', 'name']])}`;
}
