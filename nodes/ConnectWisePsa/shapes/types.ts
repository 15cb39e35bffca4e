import type { Addition as SharedAddition } from '../../shared/addition';

/** The ConnectWise records we read (only the fields we use) and the items the node emits. */
export interface CwRef {
	id?: number;
	identifier?: string;
	name?: string;
}

export interface CwCustomField {
	id?: number;
	caption?: string;
	type?: string;
	entryMethod?: string;
	numberOfDecimals?: number;
	value?: unknown;
}

export interface CwCompany {
	id: number;
	identifier?: string;
	name?: string;
	website?: string;
	status?: CwRef;
	types?: CwRef[];
	deletedFlag?: boolean;
	customFields?: CwCustomField[];
}

export interface CwAgreement {
	id: number;
	name?: string;
	type?: CwRef;
	company?: CwRef;
	agreementStatus?: string;
	startDate?: string;
	endDate?: string;
	noEndingDateFlag?: boolean;
	cancelledFlag?: boolean;
	billingCycle?: CwRef;
	prorateFlag?: boolean;
}

export interface CwAgreementType {
	id: number;
	name?: string;
	inactiveFlag?: boolean;
	prorateFlag?: boolean;
	defaultFlag?: boolean;
}

export interface CwAddition {
	id: number;
	agreementId?: number;
	product?: CwRef;
	quantity?: number;
	lessIncluded?: number;
	unitPrice?: number;
	billCustomer?: string;
	invoiceDescription?: string;
	description?: string;
	effectiveDate?: string;
	cancelledDate?: string;
	serialNumber?: string;
	/** ConnectWise's bookkeeping; `lastUpdated` moves whenever the line is written. */
	_info?: { lastUpdated?: string; updatedBy?: string };
	agreementStatus?: string;
}

export interface CwCatalogItem {
	id: number;
	identifier?: string;
	description?: string;
	customerDescription?: string;
	price?: number;
	cost?: number;
	inactiveFlag?: boolean;
}

export interface CwCommunicationItem {
	id?: number;
	type?: CwRef;
	value?: string;
	defaultFlag?: boolean;
	communicationType?: string;
}

export interface CwContact {
	id: number;
	firstName?: string;
	lastName?: string;
	title?: string;
	company?: CwRef;
	inactiveFlag?: boolean;
	communicationItems?: CwCommunicationItem[];
}

export interface Company {
	companyId: number;
	identifier: string;
	name: string;
	website: string | null;
	domains: string[];
	status: string | null;
	types: string[];
	tenantId?: string;
}

export interface Agreement {
	agreementId: number;
	name: string;
	companyId: number | null;
	companyName: string | null;
	typeId: number | null;
	typeName: string | null;
	status: string | null;
	startDate: string | null;
	endDate: string | null;
	cancelled: boolean;
	prorate: boolean;
	billingCycle: string | null;
}

export interface AgreementType {
	typeId: number;
	name: string;
	inactive: boolean;
	prorate: boolean | null;
}

/** The shared addition shape, plus the agreement's status and prorate flag when read with facts. */
export interface Addition extends SharedAddition {
	agreementStatus?: string | null;
	agreementProrate?: boolean | null;
}

export interface Product {
	productId: number;
	identifier: string;
	description: string;
	customerDescription: string | null;
	price: number | null;
	cost: number | null;
	inactive: boolean;
}

export interface Contact {
	contactId: number;
	companyId: number | null;
	companyName: string | null;
	firstName: string;
	lastName: string;
	email: string | null;
	title: string | null;
	inactive: boolean;
}
