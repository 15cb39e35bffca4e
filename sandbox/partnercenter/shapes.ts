/** Partner Center's JSON for customers, subscribed SKUs, subscriptions and users. */
import { SKUS } from '../data/skus';
import type { GraphSubscribedSku, GraphUser, PcSubscription, Tenant } from '../types';

const link = (uri: string) => ({ uri, method: 'GET', headers: [] as Array<{ key: string; value: string }> });

export function customerJson(tenant: Tenant) {
	return {
		id: tenant.tenantId,
		commerceId: tenant.tenantId,
		companyProfile: {
			tenantId: tenant.tenantId,
			domain: tenant.initialDomain,
			companyName: tenant.name,
			links: { self: link(`/customers/${tenant.tenantId}/profiles/company`) },
			attributes: { objectType: 'CustomerCompanyProfile' },
		},
		relationshipToPartner: 'reseller',
		links: { self: link(`/customers/${tenant.tenantId}`) },
		attributes: { objectType: 'Customer' },
	};
}

export function subscribedSkuJson(sku: GraphSubscribedSku) {
	const activeUnits = sku.prepaidUnits?.enabled ?? 0;
	const warningUnits = sku.prepaidUnits?.warning ?? 0;
	const consumedUnits = sku.consumedUnits ?? 0;
	const totalUnits = activeUnits + warningUnits;
	const info = SKUS.find((candidate) => candidate.skuId === sku.skuId);
	return {
		availableUnits: totalUnits - consumedUnits,
		activeUnits,
		consumedUnits,
		suspendedUnits: sku.prepaidUnits?.suspended ?? 0,
		totalUnits,
		warningUnits,
		productSku: {
			id: sku.skuId,
			name: info?.productName ?? sku.skuPartNumber,
			skuPartNumber: sku.skuPartNumber,
			targetType: 'User',
			licenseGroupId: 'group1',
		},
		servicePlans: (sku.servicePlans ?? []).map((servicePlan) => ({
			displayName: servicePlan.servicePlanName,
			serviceName: servicePlan.servicePlanName,
			id: servicePlan.servicePlanId,
			capabilityStatus: 'Enabled',
			targetType: 'User',
		})),
		capabilityStatus: sku.capabilityStatus,
		attributes: { objectType: 'SubscribedSku' },
	};
}

export function subscriptionJson(tenant: Tenant, subscription: PcSubscription) {
	return {
		id: subscription.id,
		offerId: subscription.offerId,
		offerName: subscription.offerName,
		friendlyName: subscription.friendlyName,
		quantity: subscription.quantity,
		unitType: subscription.unitType,
		status: subscription.status,
		termDuration: subscription.termDuration,
		billingCycle: subscription.billingCycle,
		commitmentEndDate: subscription.commitmentEndDate,
		autoRenewEnabled: subscription.autoRenewEnabled,
		isTrial: subscription.isTrial,
		creationDate: subscription.creationDate,
		effectiveStartDate: subscription.effectiveStartDate,
		entitlementId: subscription.id,
		orderId: subscription.id.slice(0, 8),
		billingType: 'license',
		contractType: 'subscription',
		productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
		publisherName: 'Microsoft Corporation',
		// Documented answer ("Get all of a customer's subscriptions"): the offer and the subscription itself.
		links: { offer: link(`/offers/${subscription.offerId}`), self: link(`/customers/${tenant.tenantId}/subscriptions/${subscription.id}`) },
		attributes: { etag: `"${subscription.quantity}"`, objectType: 'Subscription' },
	};
}

export function userJson(user: GraphUser) {
	return {
		id: user.id,
		userPrincipalName: user.userPrincipalName,
		firstName: user.givenName ?? '',
		lastName: user.surname ?? '',
		displayName: user.displayName ?? '',
		userDomainType: 'none',
		state: user.accountEnabled ? 'active' : 'inactive',
		lastDirectorySyncTime: null,
		usageLocation: 'US',
		attributes: { objectType: 'CustomerUser' },
	};
}
