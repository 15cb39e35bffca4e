/** Autotask records → the items the node emits, in the same words the ConnectWise node uses. */
import { isManagedSerial } from '../../shared/managedMarker';
import type { AgreementFactsRow, LineRow } from '../../shared/psa/contracts';
import { emailDomain, websiteDomain } from '../../ConnectWisePsa/shapes/company';
import type { AtCompany, AtContact, AtContract, AtContractService, AtContractServiceUnit, AtService, Picklists } from './types';

/** Longest contract-service invoice description Autotask stores (the sandbox's reading of `/ContractServices/entityInformation/fields`). */
export const AUTOTASK_DESCRIPTION_MAX_LENGTH = 1000;

/** `YYYY-MM-DD` of an Autotask date, or null. */
export function day(value: string | null | undefined): string | null {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

export function udfValue(company: AtCompany, name: string): string | undefined {
	const wanted = name.trim().toLowerCase();
	const value = (company.userDefinedFields ?? []).find((udf) => udf.name.trim().toLowerCase() === wanted)?.value;
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export interface Company {
	companyId: number;
	identifier: string;
	name: string;
	website: string | null;
	domains: string[];
	status: string;
	types: string[];
	tenantId?: string;
}

const COMPANY_TYPES: Record<number, string> = { 1: 'Customer', 2: 'Lead', 3: 'Prospect', 4: 'Dead', 5: 'Our Company', 6: 'Cancelation', 7: 'Vendor', 8: 'Partner' };

export function toCompany(company: AtCompany, options: { tenantIdField?: string; contactEmails?: string[] } = {}): Company {
	const domains = new Set<string>();
	const site = websiteDomain(company.webAddress);
	if (site) domains.add(site);
	for (const email of options.contactEmails ?? []) {
		const domain = emailDomain(email);
		if (domain) domains.add(domain);
	}
	const out: Company = {
		companyId: company.id,
		identifier: company.companyNumber?.trim() || String(company.id),
		name: company.companyName ?? '',
		website: company.webAddress?.trim() || null,
		domains: [...domains],
		status: company.isActive === false ? 'Inactive' : 'Active',
		types: company.companyType ? [COMPANY_TYPES[company.companyType] ?? String(company.companyType)] : [],
	};
	const tenantId = options.tenantIdField ? udfValue(company, options.tenantIdField) : undefined;
	if (tenantId !== undefined) out.tenantId = tenantId;
	return out;
}

export function label(picklists: Picklists, field: string, value: unknown): string | null {
	if (value === null || value === undefined) return null;
	return picklists[field]?.[String(value)] ?? String(value);
}

/** Contract C2 facts of a contract. Autotask prorates unit changes itself, so the sync never writes prorate lines (agreementProrate false). */
export function contractFacts(contract: AtContract, picklists: Picklists, companyName: string | null, today: string): AgreementFactsRow {
	const end = day(contract.endDate);
	const inactive = contract.status !== 1;
	return {
		agreementId: contract.id,
		// An Active contract past its end date bills nothing more: say so, as ConnectWise's Expired does.
		agreementStatus: inactive ? (label(picklists, 'status', contract.status) ?? 'Inactive') : end !== null && end < today ? 'Expired' : 'Active',
		agreementProrate: false,
		agreementStartDate: day(contract.startDate),
		billingCycle: label(picklists, 'contractPeriodType', contract.contractPeriodType),
		agreementCompanyId: contract.companyID ?? null,
		agreementCompanyName: companyName,
		agreementType: label(picklists, 'contractCategory', contract.contractCategory),
		agreementEndDate: end,
		agreementNoEndingDate: false,
		// License Reconcile cuts descriptions to this for Autotask contracts, also when ConnectWise agreements run beside them.
		descriptionMaxLength: AUTOTASK_DESCRIPTION_MAX_LENGTH,
		lineLabel: 'contract service',
	};
}

export interface Contract extends Omit<AgreementFactsRow, 'kind'> {
	kind: 'contract';
	contractId: number;
	name: string;
	contractType: string | null;
	status: string | null;
	startDate: string | null;
	endDate: string | null;
}

export function toContract(contract: AtContract, picklists: Picklists, companyName: string | null, today: string): Contract {
	return {
		...contractFacts(contract, picklists, companyName, today),
		kind: 'contract',
		contractId: contract.id,
		name: contract.contractName ?? '',
		contractType: label(picklists, 'contractType', contract.contractType),
		status: label(picklists, 'status', contract.status),
		startDate: day(contract.startDate),
		endDate: day(contract.endDate),
	};
}

/** The units that bill on `today`: the period row holding it, else the latest row begun before it, else 0 (starts later). */
export function currentUnits(rows: readonly AtContractServiceUnit[], today: string): { units: number; from: string | null } {
	const begun = rows.filter((row) => (day(row.startDate) ?? '') <= today).sort((a, b) => (day(b.startDate) ?? '').localeCompare(day(a.startDate) ?? ''));
	const holding = begun.find((row) => (day(row.endDate) ?? '9999') >= today) ?? begun[0];
	return holding ? { units: holding.units ?? 0, from: day(holding.startDate) } : { units: 0, from: null };
}

/** The catalog identifier a line is matched on: the service's SKU, else its name. */
export function serviceIdentifier(service: AtService | undefined, serviceID: number): string {
	return service?.sku?.trim() || service?.name?.trim() || `service-${serviceID}`;
}

/**
 * A contract service as a line row (License Reconcile's Current Additions). Autotask has no
 * serial number: the marker is the internal description (see the node README), reported as
 * `marker` and, for workflows written for ConnectWise, `serialNumber`. Autotask has no
 * included quantity and no bill-customer choice on a contract service.
 */
export function toLine(record: AtContractService, units: AtContractServiceUnit[], service: AtService | undefined, today: string): LineRow & { kind: 'addition'; contractServiceId: number } {
	const marker = record.internalDescription?.trim() || null;
	const managed = isManagedSerial(marker);
	const { units: quantity, from } = currentUnits(units, today);
	return {
		kind: 'addition',
		agreementId: record.contractID,
		additionId: record.id,
		contractServiceId: record.id,
		productIdentifier: serviceIdentifier(service, record.serviceID),
		productId: record.serviceID,
		quantity,
		lessIncluded: 0,
		unitPrice: record.unitPrice ?? null,
		billCustomer: 'Billable',
		invoiceDescription: record.invoiceDescription ?? '',
		description: service?.name ?? null,
		effectiveDate: from,
		// A manual service at 0 units bills nothing (a service cannot be removed through the API).
		cancelledDate: !managed && quantity === 0 ? from : null,
		marker,
		serialNumber: marker,
		markerLabel: 'internal description',
		lastUpdated: null,
		managed,
	};
}

export interface Service {
	serviceId: number;
	identifier: string;
	name: string;
	description: string | null;
	invoiceDescription: string | null;
	price: number | null;
	cost: number | null;
	inactive: boolean;
}

export function toService(service: AtService): Service {
	return {
		serviceId: service.id,
		identifier: serviceIdentifier(service, service.id),
		name: service.name ?? '',
		description: service.description ?? null,
		invoiceDescription: service.invoiceDescription ?? null,
		price: service.unitPrice ?? null,
		cost: service.unitCost ?? null,
		inactive: service.isActive === false,
	};
}

export interface Contact {
	contactId: number;
	companyId: number | null;
	firstName: string;
	lastName: string;
	email: string | null;
	inactive: boolean;
}

export function toContact(contact: AtContact): Contact {
	return {
		contactId: contact.id,
		companyId: contact.companyID ?? null,
		firstName: contact.firstName ?? '',
		lastName: contact.lastName ?? '',
		email: contact.emailAddress?.trim() || null,
		inactive: contact.isActive === 0 || contact.isActive === false,
	};
}
