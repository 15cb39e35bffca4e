/**
 * Sandbox state. ConnectWise records are typed against the official schemas shipped in
 * connectwise-rest and Graph records against @microsoft/microsoft-graph-types, so tsc holds
 * what the sandbox serves to the real APIs' shapes.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { components } from 'connectwise-rest/dist/ManageTypes';
import type { AutotaskState } from './autotask/types';

type Schemas = components['schemas'];

/** The official schema types a custom field's value as an object; the API sends a string/number/boolean. */
export type CwCustomField = Omit<Schemas['CustomFieldValue'], 'value'> & { value?: string | number | boolean | null };
export type CwCompany = Omit<Schemas['Company'], 'customFields'> & { id: number; customFields?: CwCustomField[] };
export type CwContact = Schemas['Contact'] & { id: number };
export type CwAgreement = Schemas['Agreement'] & { id: number };
export type CwAgreementType = Schemas['AgreementType'] & { id: number };
export type CwAddition = Schemas['Addition'] & { id: number; agreementId: number };
export type CwCatalogItem = Schemas['CatalogItem'] & { id: number };
export type CwSystemInfo = Schemas['Info'];

export type GraphUser = Graph.User & { id: string; userPrincipalName: string };
export type GraphSubscribedSku = Graph.SubscribedSku & { skuId: string; skuPartNumber: string };
export type GraphOrganization = Graph.Organization & { id: string };
export type GraphGdapRelationship = Graph.DelegatedAdminRelationship & { id: string };

export type SubscriptionStatus = 'active' | 'suspended' | 'expired' | 'deleted';

/** A Partner Center NCE subscription. */
export interface PcSubscription {
	id: string;
	offerId: string;
	offerName: string;
	friendlyName: string;
	quantity: number;
	unitType: 'Licenses';
	status: SubscriptionStatus;
	termDuration: 'P1M' | 'P1Y' | 'P3Y';
	billingCycle: 'monthly' | 'annual' | 'triennial';
	commitmentEndDate: string;
	autoRenewEnabled: boolean;
	isTrial: boolean;
	creationDate: string;
	effectiveStartDate: string;
	/** The SKU it buys; Partner Center does not say (Graph directory/subscriptions does). */
	skuId: string;
	/** Its id in the customer's directory (Graph companySubscription.id, subscribedSku.subscriptionIds): not the commerce id. */
	directorySubscriptionId: string;
}

/** An Entra group: direct members are users (by id), nested groups (by id) and other objects (devices). */
export interface SandboxGroup {
	id: string;
	displayName: string;
	memberUserIds: string[];
	memberGroupIds: string[];
	/** Members that are neither users nor groups (e.g. devices): transitiveMembers/microsoft.graph.user leaves them out. */
	otherMemberIds: string[];
}

/** One row of Graph's mailbox usage report. Shared mailboxes need no user license. */
export interface SandboxMailbox {
	userPrincipalName: string;
	displayName: string;
	recipientType: 'User' | 'Shared' | 'Room';
	isDeleted: boolean;
}

/** A customer tenant as Microsoft sees it. */
export interface Tenant {
	tenantId: string;
	name: string;
	defaultDomain: string;
	initialDomain: string;
	domains: string[];
	organization: GraphOrganization;
	skus: GraphSubscribedSku[];
	subscriptions: PcSubscription[];
	users: GraphUser[];
	/** Entra groups (custom counts, #18); seeded apart from the rest so other data stays as it was. */
	groups: SandboxGroup[];
	/** The mailbox usage report's rows. */
	mailboxes: SandboxMailbox[];
	/** Users' attributes differ by subsidiary (companyName, department, office): one tenant billed to several companies. */
	split: boolean;
	/** Gone from Partner Center (faults.removeTenant). */
	removed: boolean;
}

/** How a seeded company name differs from its tenant's name (for auto-map evaluation). */
export type NameVariation =
	| 'same'
	| 'legalForm'
	| 'punctuation'
	| 'ampersand'
	| 'abbreviation'
	| 'diacritics'
	| 'typo'
	| 'rebrand'
	| 'decoy'
	| 'noTenant';

export interface GroundTruth {
	tenantToCompany: Record<string, number | null>;
	companyToTenant: Record<number, string | null>;
	variationByCompany: Record<number, NameVariation>;
}

export interface Partner {
	tenantId: string;
	name: string;
	domain: string;
}

export interface SandboxState {
	seed: number;
	today: string;
	partner: Partner;
	tenants: Tenant[];
	gdapRelationships: GraphGdapRelationship[];
	companies: CwCompany[];
	contacts: CwContact[];
	agreementTypes: CwAgreementType[];
	agreements: CwAgreement[];
	additions: CwAddition[];
	catalog: CwCatalogItem[];
	groundTruth: GroundTruth;
	/** The same customers as Autotask PSA records (companies, contracts, services, contract services and units). */
	autotask: AutotaskState;
	/** Next ids for records the PSA creates. */
	nextId: { contact: number; addition: number };
}

/** The marker the sync writes on additions it manages. */
export const MANAGED_SERIAL_NUMBER = 'm365-license-sync';
/** The company custom field that may hold a tenant id. */
export const TENANT_ID_CUSTOM_FIELD = 'M365 Tenant ID';
