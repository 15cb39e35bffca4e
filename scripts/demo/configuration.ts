/**
 * The billing profiles and licence links a person would set up for the demo: one profile per
 * Microsoft 365 catalog product, and each mapped tenant's paid licences linked to its company's
 * active M365 agreement (monthly first). Pure: reads what the PSA and Partner Center show.
 */
import type { CwAgreement, CwCatalogItem, SandboxState, Tenant } from '../../sandbox';
import { SKUS } from '../../sandbox/data/skus';

/** A row of m365_company_map, as the onboarding workflow saves it. */
export interface CompanyMapRow {
	tenantId: string;
	companyId: number;
	tenantName?: string;
	companyName?: string;
	method?: string;
	score?: number;
}

export interface BillingProfileRow {
	name: string;
	productIdentifier: string;
	agreementTypes: string;
	billCustomer: 'Billable';
	priceMode: 'catalog';
}

export interface LicenseLinkRow {
	tenantId: string;
	skuIds: string;
	agreementId: number;
	billingProfile: string;
}

export interface DemoConfiguration {
	billingProfiles: BillingProfileRow[];
	links: LicenseLinkRow[];
	/** Mapped tenants whose company has no active M365 agreement: nothing to link them to. */
	withoutAgreement: string[];
}

const M365_AGREEMENT_TYPES = ['M365 Monthly', 'M365 Annual'];

function purchased(tenant: Tenant, skuId: string): number {
	const sku = tenant.skus.find((candidate) => candidate.skuId === skuId);
	return (sku?.prepaidUnits?.enabled ?? 0) + (sku?.prepaidUnits?.warning ?? 0);
}

function m365Agreement(agreements: CwAgreement[], companyId: number): CwAgreement | undefined {
	const active = agreements.filter((a) => a.company?.id === companyId && a.agreementStatus === 'Active');
	for (const type of M365_AGREEMENT_TYPES) {
		const found = active.find((a) => a.type?.name === type);
		if (found) return found;
	}
	return undefined;
}

function profileName(item: CwCatalogItem): string {
	return `M365 ${item.description ?? item.identifier}`;
}

export function demoConfiguration(state: SandboxState, companyMap: CompanyMapRow[]): DemoConfiguration {
	const products = new Map(
		SKUS.map((sku) => [sku.skuId, state.catalog.find((item) => item.identifier === sku.catalogIdentifier && !item.inactiveFlag)] as const).filter(
			(entry): entry is readonly [string, CwCatalogItem] => entry[1] !== undefined,
		),
	);
	const tenants = new Map(state.tenants.map((tenant) => [tenant.tenantId, tenant]));
	const links: LicenseLinkRow[] = [];
	const withoutAgreement: string[] = [];
	const used = new Set<CwCatalogItem>();
	for (const row of companyMap) {
		const tenant = tenants.get(row.tenantId);
		if (!tenant) continue;
		const agreement = m365Agreement(state.agreements, Number(row.companyId));
		if (!agreement) {
			withoutAgreement.push(row.tenantId);
			continue;
		}
		for (const sku of tenant.skus) {
			const product = products.get(sku.skuId);
			if (!product || purchased(tenant, sku.skuId) === 0) continue;
			used.add(product);
			links.push({ tenantId: tenant.tenantId, skuIds: sku.skuId, agreementId: agreement.id, billingProfile: profileName(product) });
		}
	}
	const billingProfiles = [...used]
		.sort((a, b) => a.identifier!.localeCompare(b.identifier!))
		.map((item): BillingProfileRow => ({
			name: profileName(item),
			productIdentifier: item.identifier!,
			agreementTypes: M365_AGREEMENT_TYPES.join(', '),
			billCustomer: 'Billable',
			priceMode: 'catalog',
		}));
	return { billingProfiles, links, withoutAgreement };
}
