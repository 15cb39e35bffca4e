/** Graph users, organization and Partner Center subscriptions → the node's items. Pure. */
import { toLicenseSubscription } from './license';
import type { DomainItem, GraphOrganization, GraphUser, OrganizationItem, PcSubscription, SubscriptionItem, UserItem } from './types';

export function toSubscriptionItem(tenantId: string, subscription: PcSubscription): SubscriptionItem {
	return {
		tenantId: tenantId.toLowerCase(),
		...toLicenseSubscription(subscription),
		offerId: subscription.offerId ?? null,
		offerName: subscription.offerName ?? null,
		friendlyName: subscription.friendlyName ?? null,
		isTrial: subscription.isTrial === true,
	};
}

export function toUserItem(tenantId: string, user: GraphUser): UserItem {
	return {
		tenantId: tenantId.toLowerCase(),
		userId: user.id,
		userPrincipalName: user.userPrincipalName ?? '',
		displayName: user.displayName ?? null,
		givenName: user.givenName ?? null,
		surname: user.surname ?? null,
		mail: user.mail ?? null,
		accountEnabled: user.accountEnabled !== false,
		skuIds: (user.assignedLicenses ?? []).map((l) => l.skuId?.toLowerCase()).filter((id): id is string => !!id),
	};
}

export function toOrganizationItem(tenantId: string, organization: GraphOrganization): OrganizationItem {
	const verifiedDomains: DomainItem[] = (organization.verifiedDomains ?? [])
		.filter((d) => !!d.name)
		.map((d) => ({ name: d.name!.toLowerCase(), isDefault: d.isDefault === true, isInitial: d.isInitial === true, type: d.type ?? null }));
	return {
		tenantId: (organization.id || tenantId).toLowerCase(),
		displayName: organization.displayName ?? null,
		defaultDomain: verifiedDomains.find((d) => d.isDefault)?.name ?? null,
		initialDomain: verifiedDomains.find((d) => d.isInitial)?.name ?? null,
		domains: verifiedDomains.map((d) => d.name),
		verifiedDomains,
	};
}
