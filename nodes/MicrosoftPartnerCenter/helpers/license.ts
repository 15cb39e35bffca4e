/**
 * Both license sources → one License shape (DESIGN.md). Pure.
 * - Partner Center subscribedskus: totalUnits = activeUnits + warningUnits (what is paid for);
 *   consumedUnits are assigned; suspendedUnits no longer usable.
 * - Graph subscribedSkus: prepaidUnits.enabled + warning are paid for; consumedUnits assigned.
 */
import { isFreeTrialOrSelfServiceSku, productNameOf } from '../../shared';
import type { GraphCompanySubscription, GraphSubscribedSku, GraphUser, LicenseItem, LicenseSubscriptionItem, PcSubscribedSku, PcSubscription } from './types';

function count(value: unknown): number {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : 0;
}

interface Counts {
	purchased: number;
	assigned: number;
	suspended: number;
	warning: number;
}

function license(tenantId: string, skuId: string, skuPartNumber: string, apiName: string | undefined, counts: Counts, status: string | undefined): LicenseItem {
	return {
		tenantId: tenantId.toLowerCase(),
		skuId: skuId.toLowerCase(),
		skuPartNumber,
		productName: productNameOf(skuId, skuPartNumber, apiName),
		...counts,
		unassigned: Math.max(0, counts.purchased - counts.assigned),
		status: status || 'Unknown',
	};
}

export function licenseFromPartnerCenter(tenantId: string, sku: PcSubscribedSku): LicenseItem {
	const active = count(sku.activeUnits);
	const warning = count(sku.warningUnits);
	const purchased = sku.totalUnits !== undefined ? count(sku.totalUnits) : active + warning;
	return license(tenantId, sku.productSku?.id ?? '', sku.productSku?.skuPartNumber ?? '', sku.productSku?.name, {
		purchased,
		assigned: count(sku.consumedUnits),
		suspended: count(sku.suspendedUnits),
		warning,
	}, sku.capabilityStatus);
}

export function licenseFromGraph(tenantId: string, sku: GraphSubscribedSku): LicenseItem {
	const prepaid = sku.prepaidUnits ?? {};
	const warning = count(prepaid.warning);
	return license(tenantId, sku.skuId, sku.skuPartNumber ?? '', undefined, {
		purchased: count(prepaid.enabled) + warning,
		assigned: count(sku.consumedUnits),
		suspended: count(prepaid.suspended),
		warning,
	}, sku.capabilityStatus);
}

export function isBillable(license: LicenseItem): boolean {
	return !isFreeTrialOrSelfServiceSku(license.skuPartNumber);
}

export function toLicenseSubscription(subscription: PcSubscription): LicenseSubscriptionItem {
	return {
		id: subscription.id,
		term: subscription.termDuration?.toUpperCase() ?? null,
		billingCycle: subscription.billingCycle ?? null,
		quantity: count(subscription.quantity),
		status: subscription.status?.toLowerCase() ?? null,
		commitmentEndDate: subscription.commitmentEndDate ?? null,
		autoRenew: typeof subscription.autoRenewEnabled === 'boolean' ? subscription.autoRenewEnabled : null,
	};
}

export interface SubscriptionMapping {
	bySku: Map<string, PcSubscription[]>;
	/** Live subscriptions no directory subscription names: their SKU is unknown. */
	unmapped: PcSubscription[];
	/** Live subscriptions whose directory SKU is not among the tenant's subscribed SKUs: their quantity is in no license. */
	outsideSkus: Array<{ subscription: PcSubscription; skuId: string; skuPartNumber?: string }>;
}

/** Ended subscriptions leave the directory; not finding them changes no quantity. */
const ENDED = new Set(['expired', 'deleted', 'disabled']);

/**
 * Which subscriptions feed which SKU. Partner Center subscriptions carry no SKU id and their
 * names are editable (friendlyName) or newer than the product-names table (offerName), so
 * names never decide. Graph `directory/subscriptions` does: `commerceSubscriptionId` is the
 * Partner Center subscription id and `skuId` its SKU (CIPP-API Get-CIPPLicenseOverview.ps1).
 */
export function subscriptionsBySku(licenses: LicenseItem[], subscriptions: PcSubscription[], directory: GraphCompanySubscription[]): SubscriptionMapping {
	const bySku = new Map<string, PcSubscription[]>(licenses.map((l) => [l.skuId, []]));
	const byCommerceId = new Map(directory.filter((d) => d.commerceSubscriptionId && d.skuId).map((d) => [d.commerceSubscriptionId!.toLowerCase(), d]));
	const unmapped: PcSubscription[] = [];
	const outsideSkus: SubscriptionMapping['outsideSkus'] = [];
	for (const subscription of subscriptions) {
		const entry = byCommerceId.get(subscription.id.toLowerCase());
		const live = !ENDED.has((subscription.status ?? '').toLowerCase());
		if (entry === undefined) {
			if (live) unmapped.push(subscription);
			continue;
		}
		const skuId = entry.skuId!.toLowerCase();
		const forSku = bySku.get(skuId);
		if (forSku) forSku.push(subscription);
		else if (live) outsideSkus.push({ subscription, skuId, ...(entry.skuPartNumber ? { skuPartNumber: entry.skuPartNumber } : {}) });
	}
	return { bySku, unmapped, outsideSkus };
}

/** The text that names a subscription left out of every license, so nobody loses it silently. */
export function outsideSkuWarning({ subscription, skuId, skuPartNumber }: SubscriptionMapping['outsideSkus'][number]): string {
	const name = subscription.friendlyName || subscription.offerName || 'unnamed';
	return `Partner Center subscription "${name}" (${subscription.id}, quantity ${count(subscription.quantity)}) belongs to SKU ${skuPartNumber ? `${skuPartNumber} ` : ''}(${skuId}), which is not among the tenant's subscribed SKUs: its quantity is in no license`;
}

/** Sorted, de-duplicated UPNs per SKU from users with their assigned licenses. */
export function usersBySku(users: GraphUser[]): Map<string, string[]> {
	const sets = new Map<string, Set<string>>();
	for (const user of users) {
		if (!user.userPrincipalName) continue;
		for (const assigned of user.assignedLicenses ?? []) {
			const skuId = assigned.skuId?.toLowerCase();
			if (!skuId) continue;
			if (!sets.has(skuId)) sets.set(skuId, new Set());
			sets.get(skuId)!.add(user.userPrincipalName);
		}
	}
	return new Map([...sets].map(([skuId, set]) => [skuId, [...set].sort((a, b) => a.localeCompare(b))]));
}
