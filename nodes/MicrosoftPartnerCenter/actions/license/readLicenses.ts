/**
 * Licenses of one tenant: one subscribed-SKU call, plus (only when asked) its subscriptions
 * and its users, all three at once so an option costs a call but no extra wall time.
 */
import { collect } from '../../../shared';
import { isBillable, licenseFromGraph, licenseFromPartnerCenter, subscriptionsBySku, toLicenseSubscription, usersBySku } from '../../helpers/license';
import type { TenantRef } from '../../helpers/tenantErrors';
import type { GraphUser, LicenseItem, PcSubscription } from '../../helpers/types';
import type { PartnerCenterApi } from '../../transport';
import { graphSkus, partnerCenterSkus, partnerCenterSubscriptions, userPages } from '../../transport/resources';

export type LicenseSource = 'partnerCenter' | 'graph';

export interface LicenseOptions {
	source: LicenseSource;
	includeUsers: boolean;
	includeSubscriptions: boolean;
	excludeFree: boolean;
	signal?: AbortSignal;
}

interface SkuRead {
	licenses: LicenseItem[];
	subscriptionIdsBySku: Map<string, string[]>;
	apiNamesBySku: Map<string, string>;
}

async function readSkus(api: PartnerCenterApi, tenantId: string, source: LicenseSource, signal?: AbortSignal): Promise<SkuRead> {
	if (source === 'graph') {
		const skus = await graphSkus(api, tenantId, signal);
		return {
			licenses: skus.map((sku) => licenseFromGraph(tenantId, sku)),
			subscriptionIdsBySku: new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku.subscriptionIds ?? []])),
			apiNamesBySku: new Map(),
		};
	}
	const skus = await partnerCenterSkus(api, tenantId, signal);
	return {
		licenses: skus.map((sku) => licenseFromPartnerCenter(tenantId, sku)),
		subscriptionIdsBySku: new Map(),
		apiNamesBySku: new Map(skus.filter((s) => s.productSku?.id && s.productSku.name).map((s) => [s.productSku!.id!.toLowerCase(), s.productSku!.name!])),
	};
}

export async function readLicenses(api: PartnerCenterApi, tenant: TenantRef, options: LicenseOptions): Promise<LicenseItem[]> {
	const { signal } = options;
	const [skus, subscriptions, users] = await Promise.all([
		readSkus(api, tenant.tenantId, options.source, signal),
		options.includeSubscriptions ? partnerCenterSubscriptions(api, tenant.tenantId, signal) : Promise.resolve<PcSubscription[]>([]),
		options.includeUsers ? collect(userPages(api, tenant.tenantId, { signal })) : Promise.resolve<GraphUser[]>([]),
	]);
	let licenses = skus.licenses.filter((license) => license.skuId !== '');
	if (options.excludeFree) licenses = licenses.filter(isBillable);
	const bySku = options.includeSubscriptions ? subscriptionsBySku(licenses, subscriptions, skus.subscriptionIdsBySku, skus.apiNamesBySku) : undefined;
	const upns = options.includeUsers ? usersBySku(users) : undefined;
	return licenses.map(({ tenantId, ...license }) => ({
		tenantId,
		...(tenant.tenantName ? { tenantName: tenant.tenantName } : {}),
		...license,
		...(bySku ? { subscriptions: (bySku.get(license.skuId) ?? []).map(toLicenseSubscription) } : {}),
		...(upns ? { users: upns.get(license.skuId) ?? [] } : {}),
	}));
}
