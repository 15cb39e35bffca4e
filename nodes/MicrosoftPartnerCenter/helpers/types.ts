/**
 * What the APIs answer (only the fields we read) and what the node emits.
 * Output shapes follow DESIGN.md's data model; other nodes and the templates read them.
 */

// ---- Partner Center ---------------------------------------------------------

export interface PcCustomer {
	id: string;
	companyProfile?: { tenantId?: string; domain?: string; companyName?: string };
	relationshipToPartner?: string;
}

export interface PcSubscribedSku {
	availableUnits?: number;
	activeUnits?: number;
	consumedUnits?: number;
	suspendedUnits?: number;
	totalUnits?: number;
	warningUnits?: number;
	productSku?: { id?: string; name?: string; skuPartNumber?: string; targetType?: string };
	capabilityStatus?: string;
}

export interface PcSubscription {
	id: string;
	offerId?: string;
	offerName?: string;
	friendlyName?: string;
	quantity?: number;
	status?: string;
	termDuration?: string;
	billingCycle?: string;
	commitmentEndDate?: string;
	autoRenewEnabled?: boolean;
	isTrial?: boolean;
}

// ---- Graph ------------------------------------------------------------------

export interface GraphSubscribedSku {
	skuId: string;
	skuPartNumber?: string;
	capabilityStatus?: string;
	consumedUnits?: number;
	prepaidUnits?: { enabled?: number; suspended?: number; warning?: number; lockedOut?: number };
	subscriptionIds?: string[];
}

/** Graph companySubscription (`/directory/subscriptions`): links a commerce (Partner Center) subscription to its SKU. */
export interface GraphCompanySubscription {
	id: string;
	commerceSubscriptionId?: string | null;
	skuId?: string | null;
	skuPartNumber?: string | null;
	status?: string | null;
	totalLicenses?: number | null;
}

export interface GraphUser {
	id: string;
	userPrincipalName?: string;
	displayName?: string | null;
	givenName?: string | null;
	surname?: string | null;
	mail?: string | null;
	accountEnabled?: boolean | null;
	assignedLicenses?: Array<{ skuId?: string | null }> | null;
}

export interface GraphOrganization {
	id: string;
	displayName?: string | null;
	verifiedDomains?: Array<{ name?: string | null; isDefault?: boolean | null; isInitial?: boolean | null; type?: string | null }> | null;
}

export interface GraphGdapRelationship {
	id: string;
	displayName?: string | null;
	status?: string | null;
	customer?: { tenantId?: string | null; displayName?: string | null } | null;
	endDateTime?: string | null;
	createdDateTime?: string | null;
	activatedDateTime?: string | null;
	autoExtendDuration?: string | null;
	accessDetails?: { unifiedRoles?: Array<{ roleDefinitionId?: string | null }> | null } | null;
}

// ---- Node output ------------------------------------------------------------

export interface TenantItem {
	tenantId: string;
	customerId: string;
	name: string;
	defaultDomain: string;
	domains: string[];
	relationship: string;
	gdapStatus?: string;
}

export interface LicenseSubscriptionItem {
	id: string;
	term: string | null;
	billingCycle: string | null;
	quantity: number;
	status: string | null;
	commitmentEndDate: string | null;
	autoRenew: boolean | null;
}

export interface LicenseItem {
	tenantId: string;
	tenantName?: string;
	skuId: string;
	skuPartNumber: string;
	productName: string;
	purchased: number;
	assigned: number;
	unassigned: number;
	suspended: number;
	warning: number;
	status: string;
	subscriptions?: LicenseSubscriptionItem[];
	users?: string[];
	/** Tenant-level findings a person should see (e.g. a subscription whose SKU is not among the subscribed SKUs). */
	warnings?: string[];
}

export interface SubscriptionItem extends LicenseSubscriptionItem {
	tenantId: string;
	offerId: string | null;
	offerName: string | null;
	friendlyName: string | null;
	isTrial: boolean;
}

export interface UserItem {
	tenantId: string;
	userId: string;
	userPrincipalName: string;
	displayName: string | null;
	givenName: string | null;
	surname: string | null;
	mail: string | null;
	accountEnabled: boolean;
	skuIds: string[];
}

export interface DomainItem {
	name: string;
	isDefault: boolean;
	isInitial: boolean;
	type: string | null;
}

export interface OrganizationItem {
	tenantId: string;
	displayName: string | null;
	defaultDomain: string | null;
	initialDomain: string | null;
	domains: string[];
	verifiedDomains: DomainItem[];
}

export interface GdapRelationshipItem {
	relationshipId: string;
	displayName: string | null;
	tenantId: string | null;
	tenantName: string | null;
	status: string | null;
	endDateTime: string | null;
	daysLeft: number | null;
	expiresWithinDays: boolean;
	roles: string[];
	autoExtendDuration: string | null;
}
