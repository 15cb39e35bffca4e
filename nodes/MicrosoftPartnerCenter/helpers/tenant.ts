import type { PcCustomer, TenantItem } from './types';

/** Partner Center customer → DESIGN's Tenant. The customer id is the tenant id in Partner Center. */
export function toTenant(customer: PcCustomer): TenantItem {
	const profile = customer.companyProfile ?? {};
	const domain = (profile.domain ?? '').toLowerCase();
	return {
		tenantId: (profile.tenantId ?? customer.id).toLowerCase(),
		customerId: customer.id,
		name: profile.companyName ?? '',
		defaultDomain: domain,
		domains: domain ? [domain] : [],
		relationship: customer.relationshipToPartner ?? 'unknown',
	};
}

/** Case-insensitive "contains" on name and domain, for the name filter and list search. */
export function tenantMatches(tenant: TenantItem, filter: string | undefined): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	if (!needle) return true;
	return tenant.name.toLowerCase().includes(needle) || tenant.defaultDomain.includes(needle) || tenant.tenantId === needle;
}
