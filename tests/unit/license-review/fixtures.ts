import type { ApprovalRow, CompanyMapRow } from '../../../nodes/LicenseReview/core';

export const MANUAL_REASON = (ids: number[], seats: number[]) =>
	`agreement already has ${ids.length} unmarked addition(s) for M365-BP (${ids.join(', ')}) with ${seats.join(' + ')} seat(s): adopt one (the sync takes it over), replace them (cancelled, a managed line created) or add a second line (billed beside them)`;

export const tenant = (n: number) => `0000000${n}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`;

export function companyMap(companies: number): CompanyMapRow[] {
	return Array.from({ length: companies }, (_, n) => ({ tenantId: tenant(n), tenantName: `Tenant ${n}`, defaultDomain: `t${n}.onmicrosoft.com`, companyId: 300 + n, companyName: `Company ${String.fromCharCode(65 + (n % 26))}${n}` }));
}

export function manualRow(key: string, n: number, manual: Array<{ additionId: number; quantity: number }>, quantity = 5): ApprovalRow {
	return {
		key,
		status: 'pending',
		proposedAction: 'create',
		tenantId: tenant(n),
		companyId: 300 + n,
		agreementId: 500 + n,
		product: 'M365-BP',
		currentQuantity: null,
		quantity,
		reason: `${MANUAL_REASON(manual.map((m) => m.additionId), manual.map((m) => m.quantity))}; no managed addition for M365-BP: create with quantity ${quantity}`,
		plan: JSON.stringify({ invoiceDescription: 'Microsoft 365 Business Premium\n2 users', manualLines: manual.map((m) => ({ ...m, invoiceDescription: 'typed by hand' })) }),
	};
}

export function decreaseRow(key: string, n: number, from: number, to: number): ApprovalRow {
	return {
		key,
		status: 'pending',
		proposedAction: 'update',
		tenantId: tenant(n),
		companyId: 300 + n,
		agreementId: 500 + n,
		product: 'M365-E3',
		currentQuantity: from,
		quantity: to,
		reason: `decrease of ${from - to} is more than 10 licenses; quantity ${from} → ${to}; warning: agreement status unknown (not on the link nor in Current Additions): not checked`,
		plan: JSON.stringify({ invoiceDescription: 'Office 365 E3' }),
	};
}

/** 196 held changes over 40 companies: 150 beside a manual line, 46 large decreases. */
export function manyHeld(): { rows: ApprovalRow[]; map: CompanyMapRow[] } {
	const map = companyMap(40);
	const rows: ApprovalRow[] = [];
	for (let i = 0; i < 150; i++) rows.push(manualRow(`m${i}`, i % 40, [{ additionId: 5000 + i, quantity: 2 }], 3 + (i % 4)));
	for (let i = 0; i < 46; i++) rows.push(decreaseRow(`d${i}`, i % 40, 40, 12));
	return { rows, map };
}
