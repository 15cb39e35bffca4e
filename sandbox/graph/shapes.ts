/** Graph JSON the sandbox builds from its records (typed against the official Graph types). */
import type { CompanySubscription } from '@microsoft/microsoft-graph-types';
import { SKUS } from '../data/skus';
import type { GraphOrganization, PcSubscription, Tenant } from '../types';

const DIRECTORY_STATUS: Record<PcSubscription['status'], string> = { active: 'Enabled', suspended: 'Suspended', expired: 'Deleted', deleted: 'Deleted' };

/** `GET /v1.0/directory/subscriptions`: its own id; `commerceSubscriptionId` is the Partner Center subscription id. */
export function companySubscriptionJson(tenant: Tenant, subscription: PcSubscription): CompanySubscription & { id: string } {
	const sku = SKUS.find((candidate) => candidate.skuId === subscription.skuId);
	return {
		id: subscription.directorySubscriptionId,
		commerceSubscriptionId: subscription.id,
		createdDateTime: `${subscription.creationDate}T00:00:00Z`,
		isTrial: subscription.isTrial,
		nextLifecycleDateTime: `${subscription.commitmentEndDate}T00:00:00Z`,
		ownerId: null,
		ownerTenantId: null,
		ownerType: null,
		serviceStatus: (sku?.servicePlans ?? []).map((plan) => ({ servicePlanId: plan.servicePlanId, servicePlanName: plan.servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' })),
		skuId: subscription.skuId,
		skuPartNumber: sku?.skuPartNumber ?? null,
		status: DIRECTORY_STATUS[subscription.status],
		totalLicenses: subscription.quantity,
	} as CompanySubscription & { id: string };
}

// The sandbox keeps no creation date for a tenant without subscriptions (e.g. the partner's).
const CREATED_FALLBACK = '2020-01-01';

/** Documented properties that @microsoft/microsoft-graph-types does not declare. */
type DocumentedOrganization = GraphOrganization & { isMultipleDataLocationsForServicesEnabled: boolean | null; directorySizeQuota: { used: number; total: number } };

/**
 * `GET /v1.0/organization`: every property of Microsoft's documented answer (organization-list),
 * filled from the tenant record; the partner tenant (no record) has no plans and is the reseller.
 */
export function organizationJson(organization: GraphOrganization, tenant?: Tenant): DocumentedOrganization {
	const subscriptions = tenant?.subscriptions ?? [];
	const created = subscriptions.map((subscription) => subscription.creationDate).sort()[0] ?? CREATED_FALLBACK;
	const plans = new Map<string, { servicePlanId: string; service: string; capabilityStatus: string; assignedDateTime: string }>();
	for (const sku of tenant?.skus ?? []) {
		const since = subscriptions.filter((subscription) => subscription.skuId === sku.skuId).map((subscription) => subscription.creationDate).sort()[0] ?? created;
		for (const plan of sku.servicePlans ?? []) {
			if (!plan.servicePlanId || plans.has(plan.servicePlanId)) continue;
			// Graph names the workload (e.g. "exchange"); the sandbox only knows the plan name.
			plans.set(plan.servicePlanId, { servicePlanId: plan.servicePlanId, service: plan.servicePlanName ?? '', capabilityStatus: sku.capabilityStatus ?? 'Enabled', assignedDateTime: `${since}T00:00:00Z` });
		}
	}
	const initialDomain = organization.verifiedDomains?.find((domain) => domain.isInitial)?.name ?? '';
	return {
		id: organization.id,
		deletedDateTime: null,
		businessPhones: [],
		city: null,
		country: null,
		countryLetterCode: 'US',
		createdDateTime: `${created}T00:00:00Z`,
		defaultUsageLocation: 'US',
		displayName: organization.displayName,
		isMultipleDataLocationsForServicesEnabled: null,
		marketingNotificationEmails: [],
		onPremisesLastSyncDateTime: null,
		onPremisesSyncEnabled: null,
		partnerTenantType: tenant ? null : 'resellerPartnerDelegatedAdmin',
		postalCode: null,
		preferredLanguage: 'en',
		securityComplianceNotificationMails: [],
		securityComplianceNotificationPhones: [],
		state: null,
		street: null,
		technicalNotificationMails: [`admin@${initialDomain}`],
		tenantType: organization.tenantType ?? 'AAD',
		directorySizeQuota: { used: (tenant?.users.length ?? 0) + 1, total: 50000 },
		assignedPlans: [...plans.values()],
		privacyProfile: { contactEmail: '', statementUrl: '' },
		provisionedPlans: [...plans.values()].map(({ service, capabilityStatus }) => ({ capabilityStatus, provisioningStatus: 'Success', service })),
		verifiedDomains: organization.verifiedDomains,
	};
}
