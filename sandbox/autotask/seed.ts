/**
 * The Autotask side of the seeded data, made from the same companies, agreements, catalog
 * and contacts as the ConnectWise side (same seed), so an Autotask sync sees the same
 * customers: company ↔ company (same id), agreement ↔ contract, catalog product ↔ service,
 * open addition ↔ contract service with its units for the current period. Managed additions
 * become contract services whose internal description is the marker; legacy manual ones keep
 * a person's text there (or none).
 */
import { addDays, isoDay } from '../data/dates';
import { AGREEMENT_TYPES } from '../data/catalog';
import type { CwAgreement, SandboxState } from '../types';
import { MANAGED_SERIAL_NUMBER, TENANT_ID_CUSTOM_FIELD } from '../types';
import { AUTOTASK_MANAGED_MARKER, AUTOTASK_TENANT_UDF, type AtContract, type AtContractService, type AtContractServiceUnit, type AutotaskState } from './types';

export const CONTRACT_TYPE = { recurringService: 7, blockHours: 4 } as const;
export const CONTRACT_STATUS = { inactive: 0, active: 1 } as const;
/** API-only user the sandbox answers for, and a resource an integration may impersonate. */
export const API_RESOURCE_ID = 29682885;
export const IMPERSONATED_RESOURCE_ID = 29682901;

const day = (value: string | undefined): string => (value ?? '').slice(0, 10);

/** The billing period of a contract that holds `today`: the calendar month, or the contract year. */
export function currentPeriod(contract: Pick<AtContract, 'startDate' | 'contractPeriodType'>, today: string): { start: string; end: string } {
	if (contract.contractPeriodType === 'y') {
		const start = day(contract.startDate);
		let year = Number(today.slice(0, 4));
		let from = `${year}${start.slice(4)}`;
		if (from > today) from = `${--year}${start.slice(4)}`;
		return { start: from, end: addDays(`${year + 1}${start.slice(4)}`, -1) };
	}
	const first = `${today.slice(0, 7)}-01`;
	const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1)).toISOString().slice(0, 10);
	return { start: first, end: addDays(next, -1) };
}

function contractOf(agreement: CwAgreement, today: string): AtContract {
	const typeId = agreement.type?.id ?? 1;
	const start = day(agreement.startDate);
	// Autotask contracts always end: an agreement with no ending date runs five more years.
	const end = agreement.noEndingDateFlag || !agreement.endDate ? `${Number(today.slice(0, 4)) + 5}-12-31` : day(agreement.endDate);
	return {
		id: agreement.id,
		companyID: agreement.company?.id ?? 0,
		contractName: agreement.name ?? `Contract ${agreement.id}`,
		contractType: typeId === 4 ? CONTRACT_TYPE.blockHours : CONTRACT_TYPE.recurringService,
		contractCategory: typeId,
		status: agreement.agreementStatus === 'Active' && !agreement.cancelledFlag ? CONTRACT_STATUS.active : CONTRACT_STATUS.inactive,
		startDate: isoDay(start),
		endDate: isoDay(end),
		contractPeriodType: typeId === 2 ? 'y' : 'm',
		isDefaultContract: false,
	};
}

export function seedAutotask(state: Omit<SandboxState, 'autotask'>): AutotaskState {
	const today = state.today;
	const companies = state.companies.map((company) => {
		const tenantId = company.customFields?.find((field) => field.caption === TENANT_ID_CUSTOM_FIELD)?.value;
		return {
			id: company.id,
			companyName: company.name ?? '',
			companyNumber: company.identifier ?? String(company.id),
			// 1 Customer, 5 Our Company (Autotask's company type picklist).
			companyType: company.types?.some((type) => type.name === 'Owner') ? 5 : 1,
			webAddress: company.website ?? null,
			isActive: company.status?.name !== 'Inactive',
			phone: '',
			userDefinedFields: [{ name: AUTOTASK_TENANT_UDF, value: typeof tenantId === 'string' ? tenantId : null }],
			lastActivityDate: isoDay(today),
		};
	});
	const contracts = state.agreements.map((agreement) => contractOf(agreement, today));
	const contractById = new Map(contracts.map((contract) => [contract.id, contract]));
	const services = state.catalog.map((item) => ({
		id: item.id,
		name: item.description ?? item.identifier ?? `Service ${item.id}`,
		description: item.customerDescription ?? item.description ?? '',
		invoiceDescription: item.description ?? '',
		sku: item.identifier ?? '',
		catalogNumberPartNumber: item.identifier ?? '',
		unitPrice: item.price ?? 0,
		unitCost: item.cost ?? 0,
		isActive: item.inactiveFlag !== true,
		periodType: 1,
		billingCodeID: 29682800,
		userDefinedFields: [],
	}));
	const contractServices: AtContractService[] = [];
	const contractServiceUnits: AtContractServiceUnit[] = [];
	for (const addition of state.additions) {
		const contract = contractById.get(addition.agreementId);
		// A cancelled addition is gone from the contract (services cannot be removed through the API; a person removed it).
		if (!contract || addition.cancelledDate) continue;
		const managed = addition.serialNumber === MANAGED_SERIAL_NUMBER;
		const service: AtContractService = {
			id: addition.id,
			contractID: contract.id,
			serviceID: addition.product?.id ?? 0,
			unitPrice: addition.unitPrice ?? 0,
			unitCost: addition.unitCost ?? 0,
			invoiceDescription: addition.invoiceDescription ?? null,
			internalDescription: managed ? AUTOTASK_MANAGED_MARKER : addition.id % 3 === 0 ? 'Added by hand at onboarding' : null,
			quoteItemID: null,
		};
		contractServices.push(service);
		const period = currentPeriod(contract, today);
		contractServiceUnits.push({
			id: 80000 + contractServiceUnits.length,
			contractID: contract.id,
			contractServiceID: service.id,
			serviceID: service.serviceID,
			units: addition.quantity ?? 0,
			startDate: isoDay(period.start),
			endDate: isoDay(period.end),
			price: service.unitPrice,
			cost: service.unitCost,
			approveAndPostDate: null,
		});
	}
	const contacts = state.contacts.map((contact) => ({
		id: contact.id,
		companyID: contact.company?.id ?? 0,
		firstName: contact.firstName ?? '',
		lastName: contact.lastName ?? '',
		emailAddress: contact.communicationItems?.find((item) => item.communicationType === 'Email')?.value ?? null,
		isActive: contact.inactiveFlag ? 0 : 1,
	}));
	return {
		companies,
		contracts,
		services,
		contractServices,
		contractServiceUnits,
		adjustments: [],
		contacts,
		resources: [
			{ id: API_RESOURCE_ID, userName: 'sandbox-api-user', firstName: 'API', lastName: 'User', isActive: true },
			{ id: IMPERSONATED_RESOURCE_ID, userName: 'jsmith', firstName: 'Jane', lastName: 'Smith', isActive: true },
		],
		nextId: { contractService: 20000, unit: 90000, adjustment: 1, contact: 30000 },
	};
}

/** Picklists the node reads from `/{Entity}/entityInformation/fields` (labels are the sandbox's). */
export const CONTRACT_PICKLISTS = {
	status: [
		{ value: '0', label: 'Inactive' },
		{ value: '1', label: 'Active' },
	],
	contractType: [
		{ value: '1', label: 'Time and Materials' },
		{ value: '3', label: 'Fixed Price' },
		{ value: '4', label: 'Block Hours' },
		{ value: '6', label: 'Retainer' },
		{ value: '7', label: 'Recurring Service' },
		{ value: '8', label: 'Per Ticket' },
	],
	// A retired category no contract uses: Autotask keeps inactive picklist values in the list (isActive false).
	contractCategory: [...AGREEMENT_TYPES.map(({ id, name }) => ({ value: String(id), label: name })), { value: '90', label: 'Legacy Hosting', isActive: false }],
	contractPeriodType: [
		{ value: 'm', label: 'Monthly' },
		{ value: 'q', label: 'Quarterly' },
		{ value: 's', label: 'Semi-Annual' },
		{ value: 'y', label: 'Yearly' },
	],
};
