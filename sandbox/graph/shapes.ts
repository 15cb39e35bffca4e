/** Graph JSON the sandbox builds from its records (typed against the official Graph types). */
import type { CompanySubscription } from '@microsoft/microsoft-graph-types';
import { SKUS } from '../data/skus';
import type { PcSubscription, Tenant } from '../types';

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
