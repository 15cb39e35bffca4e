/**
 * Autotask records as the node reads them (names as in Autotask's REST models; only the
 * fields the node uses). Dates arrive as `YYYY-MM-DDT00:00:00Z` (or with a time).
 */
export interface AtUdf {
	name: string;
	value: string | null;
}

export interface AtCompany {
	id: number;
	companyName?: string | null;
	companyNumber?: string | null;
	companyType?: number | null;
	webAddress?: string | null;
	isActive?: boolean | null;
	userDefinedFields?: AtUdf[];
}

export interface AtContract {
	id: number;
	companyID?: number | null;
	contractName?: string | null;
	contractType?: number | null;
	contractCategory?: number | null;
	status?: number | null;
	startDate?: string | null;
	endDate?: string | null;
	contractPeriodType?: string | null;
}

export interface AtService {
	id: number;
	name?: string | null;
	description?: string | null;
	invoiceDescription?: string | null;
	sku?: string | null;
	unitPrice?: number | null;
	unitCost?: number | null;
	isActive?: boolean | null;
	periodType?: number | null;
}

export interface AtContractService {
	id: number;
	contractID: number;
	serviceID: number;
	unitPrice?: number | null;
	unitCost?: number | null;
	invoiceDescription?: string | null;
	internalDescription?: string | null;
}

export interface AtContractServiceUnit {
	id: number;
	contractID: number;
	contractServiceID: number;
	serviceID?: number | null;
	units?: number | null;
	startDate?: string | null;
	endDate?: string | null;
}

export interface AtContact {
	id: number;
	companyID?: number | null;
	firstName?: string | null;
	lastName?: string | null;
	emailAddress?: string | null;
	isActive?: number | boolean | null;
}

/** Picklist labels by field and value (from `/Contracts/entityInformation/fields`). */
export type Picklists = Record<string, Record<string, string>>;
