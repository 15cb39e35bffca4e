/**
 * Autotask PSA records as the REST API answers them (field names as in Autotask's REST
 * OpenAPI models: CompanyModel, ContractModel, ContractServiceModel, ContractServiceUnitModel,
 * ContractServiceAdjustmentModel, ServiceModel, ContactModel). Dates are `YYYY-MM-DDT00:00:00Z`.
 */
export interface AtUserDefinedField {
	name: string;
	value: string | null;
}

export interface AtCompany {
	id: number;
	companyName: string;
	companyNumber: string;
	companyType: number;
	webAddress: string | null;
	isActive: boolean;
	phone: string;
	userDefinedFields: AtUserDefinedField[];
	lastActivityDate: string;
}

export interface AtContract {
	id: number;
	companyID: number;
	contractName: string;
	/** Picklist: 7 Recurring Service, 4 Block Hours (labels in entityInformation/fields). */
	contractType: number;
	/** Picklist: the MSP's own classification (M365 Monthly, M365 Annual...). */
	contractCategory: number;
	/** Picklist: 0 Inactive, 1 Active. */
	status: number;
	startDate: string;
	endDate: string;
	/** Picklist: how often a recurring service contract bills (m monthly, y yearly). */
	contractPeriodType: string;
	isDefaultContract: boolean;
}

export interface AtService {
	id: number;
	name: string;
	description: string;
	invoiceDescription: string;
	sku: string;
	catalogNumberPartNumber: string;
	unitPrice: number;
	unitCost: number;
	isActive: boolean;
	/** Picklist: 1 Monthly. */
	periodType: number;
	billingCodeID: number;
	userDefinedFields: AtUserDefinedField[];
}

export interface AtContractService {
	id: number;
	contractID: number;
	serviceID: number;
	unitPrice: number;
	unitCost: number;
	invoiceDescription: string | null;
	internalDescription: string | null;
	quoteItemID: number | null;
}

export interface AtContractServiceUnit {
	id: number;
	contractID: number;
	contractServiceID: number;
	serviceID: number;
	units: number;
	startDate: string;
	endDate: string;
	price: number;
	cost: number;
	approveAndPostDate: string | null;
}

export interface AtContractServiceAdjustment {
	id: number;
	contractID: number;
	contractServiceID: number;
	serviceID: number;
	unitChange: number;
	effectiveDate: string;
	adjustedUnitPrice: number | null;
	adjustedUnitCost: number | null;
	/** Who wrote it (the impersonated resource, else the API user): for assertions. */
	resourceID: number;
}

export interface AtContact {
	id: number;
	companyID: number;
	firstName: string;
	lastName: string;
	emailAddress: string | null;
	/** Autotask answers 1 / 0 here, not a boolean. */
	isActive: number;
}

export interface AtResource {
	id: number;
	userName: string;
	firstName: string;
	lastName: string;
	isActive: boolean;
}

export interface AutotaskState {
	companies: AtCompany[];
	contracts: AtContract[];
	services: AtService[];
	contractServices: AtContractService[];
	contractServiceUnits: AtContractServiceUnit[];
	adjustments: AtContractServiceAdjustment[];
	contacts: AtContact[];
	resources: AtResource[];
	nextId: { contractService: number; unit: number; adjustment: number; contact: number };
}

/** The marker the sync writes in a contract service's internal description (Autotask has no serial number). */
export const AUTOTASK_MANAGED_MARKER = 'm365-license-sync';
/** The company user-defined field that may hold a tenant id. */
export const AUTOTASK_TENANT_UDF = 'M365 Tenant ID';
