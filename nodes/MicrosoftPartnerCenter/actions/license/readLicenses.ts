/**
 * Licenses of one tenant: one subscribed-SKU call, plus (only when asked) its subscriptions
 * and its users, all three at once so an option costs a call but no extra wall time.
 */
import { collect } from '../../../shared';
import { isBillable, licenseFromGraph, licenseFromPartnerCenter, outsideSkuWarning, subscriptionsBySku, toLicenseSubscription, usersBySku } from '../../helpers/license';
import { describeTenant, type TenantRef } from '../../helpers/tenantErrors';
import type { GraphCompanySubscription, GraphUser, LicenseItem, PcSubscription } from '../../helpers/types';
import type { PartnerCenterApi } from '../../transport';
import { readCountTokens } from './readCounts';
import { directorySubscriptions, graphSkus, partnerCenterSkus, partnerCenterSubscriptions, userPages } from '../../transport/resources';

export type LicenseSource = 'partnerCenter' | 'graph';

export interface LicenseOptions {
	source: LicenseSource;
	includeUsers: boolean;
	includeSubscriptions: boolean;
	excludeFree: boolean;
	/** Link tokens naming custom counts (contract C6); read through Graph after the SKUs. */
	counts?: string[];
	signal?: AbortSignal;
}

async function readSkus(api: PartnerCenterApi, tenantId: string, source: LicenseSource, signal?: AbortSignal): Promise<LicenseItem[]> {
	if (source === 'graph') return (await graphSkus(api, tenantId, signal)).map((sku) => licenseFromGraph(tenantId, sku));
	return (await partnerCenterSkus(api, tenantId, signal)).map((sku) => licenseFromPartnerCenter(tenantId, sku));
}

/** A subscription whose SKU is unknown would bill its term as 0: the tenant's read fails instead, naming it. */
export class UnmappedSubscriptionsError extends Error {
	constructor(tenant: TenantRef, subscriptions: PcSubscription[]) {
		super(
			`${describeTenant(tenant)}: ${subscriptions.length} Partner Center subscription(s) could not be matched to a SKU through Graph directory/subscriptions (commerceSubscriptionId): ${subscriptions
				.map((s) => `"${s.friendlyName || s.offerName || 'unnamed'}" (${s.id})`)
				.join(', ')}. Term quantities are not reported rather than counted as 0; check the subscriptions in Partner Center and that GDAP and the app consent cover this tenant`,
		);
		this.name = 'UnmappedSubscriptionsError';
	}
}

export async function readLicenses(api: PartnerCenterApi, tenant: TenantRef, options: LicenseOptions): Promise<LicenseItem[]> {
	const { signal } = options;
	const [skus, subscriptions, directory, users] = await Promise.all([
		readSkus(api, tenant.tenantId, options.source, signal),
		options.includeSubscriptions ? partnerCenterSubscriptions(api, tenant.tenantId, signal) : Promise.resolve<PcSubscription[]>([]),
		options.includeSubscriptions ? directorySubscriptions(api, tenant.tenantId, signal) : Promise.resolve<GraphCompanySubscription[]>([]),
		options.includeUsers ? collect(userPages(api, tenant.tenantId, { signal })) : Promise.resolve<GraphUser[]>([]),
	]);
	const all = skus.filter((license) => license.skuId !== '');
	const licenses = options.excludeFree ? all.filter(isBillable) : all;
	let bySku: Map<string, PcSubscription[]> | undefined;
	let warnings: string[] = [];
	if (options.includeSubscriptions) {
		const mapping = subscriptionsBySku(all, subscriptions, directory);
		if (mapping.unmapped.length > 0) throw new UnmappedSubscriptionsError(tenant, mapping.unmapped);
		bySku = mapping.bySku;
		warnings = mapping.outsideSkus.map(outsideSkuWarning);
		// No license item to carry the warning: the read fails, naming the subscriptions.
		if (warnings.length > 0 && licenses.length === 0) throw new Error(`${describeTenant(tenant)}: ${warnings.join('; ')}`);
	}
	const upns = options.includeUsers ? usersBySku(users) : undefined;
	const counts = await readCountTokens(api, tenant, options.counts ?? [], all, signal);
	const skuRows: LicenseItem[] = licenses.map(({ tenantId, ...license }) => ({
		tenantId,
		...(tenant.tenantName ? { tenantName: tenant.tenantName } : {}),
		...license,
		...(bySku ? { subscriptions: (bySku.get(license.skuId) ?? []).map(toLicenseSubscription) } : {}),
		...(upns ? { users: upns.get(license.skuId) ?? [] } : {}),
		...(warnings.length > 0 ? { warnings } : {}),
	}));
	return [...skuRows, ...counts];
}
