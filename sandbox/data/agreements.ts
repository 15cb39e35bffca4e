/** Agreements per company and their additions: in sync, out of date, legacy manual, duplicated. */
import type { Random } from '../random';
import type { CwAddition, CwAgreement, CwCatalogItem, CwCompany, Tenant } from '../types';
import { MANAGED_SERIAL_NUMBER } from '../types';
import { AGREEMENT_TYPES } from './catalog';
import { addDays, isoDay } from './dates';
import { SKUS } from './skus';

type Status = 'Active' | 'Cancelled' | 'Expired';

const FIRST_AGREEMENT_ID = 500;
const FIRST_ADDITION_ID = 5000;

export interface AgreementData {
	agreements: CwAgreement[];
	additions: CwAddition[];
}

export function makeAgreements(
	companies: CwCompany[],
	tenantOf: (companyId: number) => Tenant | undefined,
	catalog: CwCatalogItem[],
	today: string,
	random: Random,
): AgreementData {
	const agreements: CwAgreement[] = [];
	const additions: CwAddition[] = [];
	const sequenceByAgreement = new Map<number, number>();
	const productBySku = new Map(SKUS.map((sku) => [sku.skuId, catalog.find((item) => item.identifier === sku.catalogIdentifier)]));

	const addAgreement = (company: CwCompany, typeId: number, status: Status): CwAgreement => {
		const type = AGREEMENT_TYPES.find((candidate) => candidate.id === typeId)!;
		const start = addDays(today, -random.int(60, 1200));
		const ended = status === 'Active' ? undefined : addDays(today, -random.int(1, 50));
		const agreement: CwAgreement = {
			id: FIRST_AGREEMENT_ID + agreements.length,
			name: `${type.name} - ${company.name}`.slice(0, 100),
			type: { id: type.id, name: type.name },
			company: { id: company.id, identifier: company.identifier, name: company.name },
			agreementStatus: status,
			startDate: isoDay(start),
			...(ended ? { endDate: isoDay(ended) } : {}),
			noEndingDateFlag: status === 'Active' && random.chance(0.7),
			cancelledFlag: status === 'Cancelled',
			...(status === 'Cancelled' ? { dateCancelled: isoDay(ended!) } : {}),
			billingCycle: typeId === 2 ? { id: 4, name: 'Yearly' } : { id: 2, name: 'Monthly' },
			applicationUnits: 'Amount',
			applicationCycle: typeId === 2 ? 'ContractYear' : 'CalendarMonth',
			prorateFlag: random.chance(0.5),
			billAmount: 0,
			taxable: false,
			billOneTimeFlag: false,
			_info: { lastUpdated: isoDay(start), updatedBy: 'sandbox' },
		};
		agreements.push(agreement);
		return agreement;
	};

	const addAddition = (agreement: CwAgreement, skuId: string, quantity: number, managed: boolean, description: string) => {
		const product = productBySku.get(skuId);
		if (!product) return;
		const sku = SKUS.find((candidate) => candidate.skuId === skuId)!;
		const cancelled = agreement.agreementStatus !== 'Active';
		const sequenceNumber = (sequenceByAgreement.get(agreement.id) ?? 0) + 1;
		sequenceByAgreement.set(agreement.id, sequenceNumber);
		additions.push({
			id: FIRST_ADDITION_ID + additions.length,
			agreementId: agreement.id,
			product: { id: product.id, identifier: product.identifier },
			quantity,
			lessIncluded: 0,
			unitPrice: sku.price,
			unitCost: sku.cost,
			billCustomer: 'Billable',
			effectiveDate: agreement.startDate,
			...(cancelled && agreement.endDate ? { cancelledDate: agreement.endDate } : {}),
			taxableFlag: false,
			...(managed ? { serialNumber: MANAGED_SERIAL_NUMBER } : {}),
			invoiceDescription: description,
			purchaseItemFlag: false,
			specialOrderFlag: false,
			description: sku.productName,
			billedQuantity: quantity,
			uom: 'Each',
			extPrice: Math.round(quantity * sku.price * 100) / 100,
			extCost: Math.round(quantity * sku.cost * 100) / 100,
			margin: Math.round(quantity * (sku.price - sku.cost) * 100) / 100,
			sequenceNumber,
			prorateCurrentPeriodFlag: false,
			agreementStatus: agreement.agreementStatus,
			_info: { lastUpdated: agreement.startDate!, updatedBy: managed ? 'm365-license-sync' : 'jsmith' },
		});
	};

	const fillM365 = (agreement: CwAgreement, tenant: Tenant, onlyTerm?: 'P1Y') => {
		for (const sku of tenant.skus) {
			const subscriptions = tenant.subscriptions.filter((subscription) => subscription.skuId === sku.skuId && subscription.status !== 'expired');
			if (onlyTerm && !subscriptions.some((subscription) => subscription.termDuration === onlyTerm)) continue;
			const purchased = (sku.prepaidUnits?.enabled ?? 0) + (sku.prepaidUnits?.warning ?? 0);
			if (!productBySku.get(sku.skuId) || purchased === 0) continue;
			const roll = random.next();
			const name = SKUS.find((candidate) => candidate.skuId === sku.skuId)!.productName;
			if (roll < 0.45) addAddition(agreement, sku.skuId, purchased, true, name);
			else if (roll < 0.65) addAddition(agreement, sku.skuId, Math.max(1, purchased + random.pick([-3, -2, -1, 1, 2, 5])), true, name);
			else if (roll < 0.8) addAddition(agreement, sku.skuId, Math.max(1, purchased - random.int(0, 2)), false, `${name} licences`);
			else if (roll < 0.85) {
				addAddition(agreement, sku.skuId, purchased, true, name);
				addAddition(agreement, sku.skuId, random.int(1, purchased), true, name);
			}
		}
	};

	for (const company of companies) {
		if (company.types?.some((type) => type.name === 'Owner')) continue;
		const tenant = tenantOf(company.id);
		if (!tenant) {
			if (random.chance(0.4)) addAgreement(company, 3, 'Active');
			continue;
		}
		const roll = random.next();
		if (roll < 0.85) fillM365(addAgreement(company, 1, 'Active'), tenant);
		else if (roll < 0.9) fillM365(addAgreement(company, 1, 'Cancelled'), tenant);
		if (tenant.subscriptions.some((subscription) => subscription.termDuration === 'P1Y') && random.chance(0.25)) {
			fillM365(addAgreement(company, 2, 'Active'), tenant, 'P1Y');
		}
		if (random.chance(0.05)) addAgreement(company, 2, 'Expired');
		if (random.chance(0.08)) fillM365(addAgreement(company, 1, 'Cancelled'), tenant);
		if (random.chance(0.5)) addAgreement(company, 3, 'Active');
	}
	return { agreements, additions };
}
