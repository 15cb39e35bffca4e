/** Fixed PSA reference data: agreement types and catalog products. */
import type { CwAgreementType, CwCatalogItem } from '../types';
import { SKUS } from './skus';

export const AGREEMENT_TYPES: ReadonlyArray<{ id: number; name: string }> = [
	{ id: 1, name: 'M365 Monthly' },
	{ id: 2, name: 'M365 Annual' },
	{ id: 3, name: 'Managed Services' },
	{ id: 4, name: 'Block Time' },
];

export function agreementTypes(): CwAgreementType[] {
	return AGREEMENT_TYPES.map(({ id, name }) => ({
		id,
		name,
		prefixSuffixOption: 'Prefix',
		defaultFlag: false,
		inactiveFlag: false,
		prePaymentFlag: false,
		employeeCompRate: 'Actual',
		employeeCompNotExceed: 'Billing',
		invoicingCycle: 'ContractYear',
		billTime: 'Billable',
		billExpenses: 'Billable',
		billProducts: 'Billable',
		prorateFlag: id !== 4,
		invoiceProratedAdditionsFlag: id !== 4,
		_info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: 'sandbox' },
	}));
}

const EXTRA_ITEMS = [
	{ identifier: 'MSP-SUPPORT-USER', description: 'Managed Services - per user', price: 45, cost: 0, inactiveFlag: false },
	{ identifier: 'BACKUP-365', description: 'Microsoft 365 Backup - per user', price: 3, cost: 1.2, inactiveFlag: false },
	{ identifier: 'O365-E1-LEGACY', description: 'Office 365 E1 (legacy)', price: 8, cost: 7.2, inactiveFlag: true },
];

export const CATALOG_ID_START = 100;

export function catalogItems(): CwCatalogItem[] {
	const m365 = SKUS.filter((sku) => sku.kind !== 'free').map((sku) => ({
		identifier: sku.catalogIdentifier,
		description: sku.productName,
		price: sku.price,
		cost: sku.cost,
		inactiveFlag: false,
	}));
	return [...m365, ...EXTRA_ITEMS].map((item, index) => ({
		id: CATALOG_ID_START + index,
		...item,
		customerDescription: item.description,
		subcategory: { id: 1, name: 'Microsoft 365' },
		type: { id: 1, name: 'Licence' },
		productClass: 'NonInventory',
		taxableFlag: false,
		dropShipFlag: false,
		specialOrderFlag: false,
		unitOfMeasure: { id: 1, name: 'Each' },
		_info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: 'sandbox' },
	}));
}
