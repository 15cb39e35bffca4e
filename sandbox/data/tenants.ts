/** Customer tenants as Microsoft sees them: domains, users, subscribed SKUs, NCE subscriptions. */
import { createHash } from 'node:crypto';
import type { Random } from '../random';
import type { GraphSubscribedSku, GraphUser, PcSubscription, Tenant } from '../types';
import { addDays, isoDay } from './dates';
import { FIRST_NAMES, SURNAMES } from './names';
import { slug, unique } from './slug';
import { ADDON_SKUS, BASE_SKUS, FREE_SKUS, type SkuInfo } from './skus';

const TLDS = ['com', 'co.uk', 'de', 'com.au', 'nl', 'fr', 'net', 'ca', 'io', 'se'];

function userCount(random: Random): number {
	const roll = random.next();
	if (roll < 0.004) return random.int(600, 1500);
	if (roll < 0.06) return random.int(50, 150);
	return random.int(2, 25);
}

export interface UsedDomains {
	initial: Set<string>;
	custom: Set<string>;
}

interface TenantDomains {
	initialDomain: string;
	defaultDomain: string;
	domains: string[];
}

function domainsFor(base: string, random: Random, usedDomains: UsedDomains): TenantDomains {
	const label = slug(base).slice(0, 40) || 'tenant';
	const initialLabel = random.chance(0.2) ? `${label.slice(0, 12)}${random.int(1, 999)}` : label;
	const initialDomain = unique(initialLabel, usedDomains.initial) + '.onmicrosoft.com';
	if (random.chance(0.15)) return { initialDomain, defaultDomain: initialDomain, domains: [initialDomain] };
	const custom = unique(label, usedDomains.custom) + '.' + random.pick(TLDS);
	const domains = [custom, initialDomain];
	if (random.chance(0.15)) domains.push(`${label}-mail.${random.pick(TLDS)}`);
	return { initialDomain, defaultDomain: custom, domains };
}

function makeUsers(tenantDomain: string, count: number, random: Random): GraphUser[] {
	const usedUpns = new Set<string>();
	const users: GraphUser[] = [];
	for (let i = 0; i < count; i++) {
		const givenName = random.pick(FIRST_NAMES);
		const surname = random.pick(SURNAMES);
		const local = unique(`${slug(givenName)}.${slug(surname)}`, usedUpns);
		const userPrincipalName = `${local}@${tenantDomain}`;
		users.push({
			id: random.guid(),
			userPrincipalName,
			displayName: `${givenName} ${surname}`,
			givenName,
			surname,
			mail: userPrincipalName,
			accountEnabled: !random.chance(0.05),
			userType: 'Member',
			assignedLicenses: [],
		});
	}
	return users;
}

function pickSkus(random: Random): SkuInfo[] {
	const bases = [random.pick(BASE_SKUS)];
	if (random.chance(0.3)) {
		const second = random.pick(BASE_SKUS);
		if (second !== bases[0]) bases.push(second);
	}
	const addons = ADDON_SKUS.filter(() => random.chance(0.12));
	const free = random.chance(0.15) ? FREE_SKUS : [];
	return [...bases, ...addons, ...free];
}

function assignLicenses(users: GraphUser[], skus: SkuInfo[], random: Random): Map<string, number> {
	const consumed = new Map<string, number>(skus.map((sku) => [sku.skuId, 0]));
	const bases = skus.filter((sku) => sku.kind === 'base');
	const others = skus.filter((sku) => sku.kind !== 'base');
	const give = (user: GraphUser, sku: SkuInfo) => {
		user.assignedLicenses!.push({ skuId: sku.skuId, disabledPlans: [] });
		consumed.set(sku.skuId, (consumed.get(sku.skuId) ?? 0) + 1);
	};
	for (const user of users) {
		// Shared mailboxes and service accounts hold no licence.
		if (random.chance(0.08)) continue;
		if (bases.length > 0) give(user, bases.length > 1 && random.chance(0.3) ? bases[1] : bases[0]);
		for (const sku of others) if (random.chance(sku.kind === 'free' ? 0.5 : 0.35)) give(user, sku);
	}
	return consumed;
}

/** A GUID derived from text: ids the seed adds without drawing from its random stream. */
function derivedGuid(text: string): string {
	const hex = createHash('sha256').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Names partners give subscriptions in Partner Center (friendlyName is editable). */
const FRIENDLY_NAMES = ['Sales team', 'Office staff', 'Licenses for new hires', 'Main'];

function subscriptionsFor(sku: SkuInfo, purchased: number, today: string, random: Random, status: PcSubscription['status']): PcSubscription[] {
	const make = (quantity: number, termDuration: PcSubscription['termDuration'], subStatus: PcSubscription['status']): PcSubscription => {
		const started = addDays(today, -random.int(10, termDuration === 'P1M' ? 600 : 300));
		const termDays = termDuration === 'P1M' ? 30 : termDuration === 'P1Y' ? 365 : 1095;
		const ends = subStatus === 'expired' ? addDays(today, -random.int(1, 60)) : addDays(today, random.int(1, termDays));
		const id = random.guid();
		const hash = parseInt(id.slice(0, 2), 16);
		// Microsoft sells some SKUs under newer names than the product-names table; partners rename
		// subscriptions: names never identify the SKU.
		const offerName = sku.offerName ?? sku.productName;
		return {
			id,
			offerId: `CFQ7TTC0${slug(sku.skuPartNumber).slice(0, 4).toUpperCase()}:000${termDuration === 'P1M' ? 1 : 2}:${termDuration}`,
			offerName,
			friendlyName: hash % 4 === 0 ? `${FRIENDLY_NAMES[hash % FRIENDLY_NAMES.length]} - ${offerName}` : offerName,
			quantity,
			unitType: 'Licenses',
			status: subStatus,
			termDuration,
			billingCycle: termDuration === 'P1M' ? 'monthly' : random.chance(0.7) ? 'monthly' : termDuration === 'P1Y' ? 'annual' : 'triennial',
			commitmentEndDate: isoDay(ends),
			autoRenewEnabled: subStatus === 'active' && !random.chance(0.1),
			isTrial: false,
			creationDate: isoDay(started),
			effectiveStartDate: isoDay(started),
			skuId: sku.skuId,
			directorySubscriptionId: derivedGuid(`directory-subscription:${id}`),
		};
	};
	const roll = random.next();
	const subscriptions: PcSubscription[] = [];
	if (roll < 0.12 && purchased >= 2) {
		const annual = random.int(1, purchased - 1);
		subscriptions.push(make(annual, 'P1Y', status), make(purchased - annual, 'P1M', status));
	} else if (roll < 0.17) {
		subscriptions.push(make(purchased, 'P3Y', status));
	} else if (roll < 0.45) {
		subscriptions.push(make(purchased, 'P1M', status));
	} else {
		subscriptions.push(make(purchased, 'P1Y', status));
	}
	if (random.chance(0.1)) subscriptions.push(make(random.int(1, 5), random.pick(['P1M', 'P1Y'] as const), 'expired'));
	return subscriptions;
}

export function makeTenant(tenantId: string, name: string, base: string, today: string, random: Random, usedDomains: UsedDomains): Tenant {
	const { initialDomain, defaultDomain, domains } = domainsFor(base, random, usedDomains);
	const users = makeUsers(defaultDomain, userCount(random), random);
	const skuInfos = pickSkus(random);
	const consumed = assignLicenses(users, skuInfos, random);
	const skus: GraphSubscribedSku[] = [];
	const subscriptions: PcSubscription[] = [];
	for (const sku of skuInfos) {
		const used = consumed.get(sku.skuId) ?? 0;
		if (sku.kind !== 'free' && used === 0) continue;
		const purchased = sku.kind === 'free' ? 10000 : used + (random.chance(0.35) ? 0 : random.int(1, 4));
		const roll = random.next();
		const capabilityStatus = sku.kind === 'free' || roll >= 0.05 ? 'Enabled' : roll < 0.03 ? 'Warning' : 'Suspended';
		const skuSubscriptions =
			sku.kind === 'free' ? [] : subscriptionsFor(sku, purchased, today, random, capabilityStatus === 'Suspended' ? 'suspended' : 'active');
		subscriptions.push(...skuSubscriptions);
		skus.push({
			id: `${tenantId}_${sku.skuId}`,
			accountId: tenantId,
			accountName: name,
			skuId: sku.skuId,
			skuPartNumber: sku.skuPartNumber,
			appliesTo: 'User',
			capabilityStatus,
			consumedUnits: used,
			prepaidUnits: {
				enabled: capabilityStatus === 'Enabled' ? purchased : 0,
				warning: capabilityStatus === 'Warning' ? purchased : 0,
				suspended: capabilityStatus === 'Suspended' ? purchased : 0,
				lockedOut: 0,
			},
			servicePlans: sku.servicePlans.map((servicePlan) => ({ ...servicePlan, provisioningStatus: 'Success', appliesTo: 'User' })),
			// Directory subscription ids, not the Partner Center (commerce) ids.
			subscriptionIds: skuSubscriptions.filter((subscription) => subscription.status !== 'expired').map((subscription) => subscription.directorySubscriptionId),
		});
	}
	return {
		tenantId,
		name,
		defaultDomain,
		initialDomain,
		domains,
		organization: {
			id: tenantId,
			displayName: name,
			tenantType: 'AAD',
			verifiedDomains: domains.map((domain) => ({
				name: domain,
				isDefault: domain === defaultDomain,
				isInitial: domain === initialDomain,
				type: 'Managed',
				capabilities: 'Email, OfficeCommunicationsOnline',
			})),
		},
		skus,
		subscriptions,
		users,
		groups: [],
		mailboxes: [],
		split: false,
		removed: false,
	};
}
