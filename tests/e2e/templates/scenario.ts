/**
 * Configuration rows for the sync templates, chosen from a sandbox's seeded data so every
 * outcome is known beforehand: each link either creates its line, updates an existing managed
 * line upwards, or leaves an up-to-date line alone; one link is held for approval on purpose.
 */
import { hasLiveGdap, LICENSE_READER_ROLES } from '../../../sandbox/data/gdap';
import { SKUS } from '../../../sandbox/data/skus';
import type { CwAddition, SandboxState, Tenant } from '../../../sandbox';

export const MANAGED = 'm365-license-sync';

export interface ExpectedLine {
	tenantId: string;
	companyId: number;
	agreementId: number;
	productIdentifier: string;
	quantity: number;
	invoiceDescription: string;
}

export interface Scenario {
	companyMap: Array<Record<string, unknown>>;
	billingProfiles: Array<Record<string, unknown>>;
	links: Array<Record<string, unknown>>;
	/** Lines the sync writes (or finds up to date) without anyone approving. */
	expected: ExpectedLine[];
	/** The line held back because a manual (unmarked) line for its product is on the agreement. */
	held: ExpectedLine;
}

const purchasedOf = (tenant: Tenant, skuId: string): number => {
	const sku = tenant.skus.find((candidate) => candidate.skuId === skuId);
	return (sku?.prepaidUnits?.enabled ?? 0) + (sku?.prepaidUnits?.warning ?? 0);
};

const isActive = (addition: CwAddition): boolean => !addition.cancelledDate;

export function activeAdditions(state: SandboxState, agreementId: number, productIdentifier: string): CwAddition[] {
	return state.additions.filter((a) => a.agreementId === agreementId && a.product?.identifier === productIdentifier && isActive(a));
}

/**
 * Up to `tenantCount` mapped tenants with an active "M365 Monthly" agreement whose license counts
 * the partner can read (live GDAP with a license-reading role, as Partner Center requires); for
 * each, the SKUs whose line is predictable. The first create-link of the last tenant is held back.
 */
export function buildScenario(state: SandboxState, tenantCount: number, now = Date.now()): Scenario {
	const scenario: Scenario = { companyMap: [], billingProfiles: [], links: [], expected: [], held: undefined as unknown as ExpectedLine };
	const profiles = new Set<string>();
	for (const tenant of state.tenants) {
		if (scenario.companyMap.length >= tenantCount) break;
		const companyId = state.groundTruth.tenantToCompany[tenant.tenantId];
		if (!companyId || tenant.removed) continue;
		if (!hasLiveGdap(state.gdapRelationships, tenant.tenantId, now, LICENSE_READER_ROLES)) continue;
		const agreement = state.agreements.find((a) => a.company?.id === companyId && a.type?.id === 1 && a.agreementStatus === 'Active');
		if (!agreement) continue;
		const lines: ExpectedLine[] = [];
		for (const sku of SKUS) {
			const purchased = purchasedOf(tenant, sku.skuId);
			if (purchased === 0 || !state.catalog.some((item) => item.identifier === sku.catalogIdentifier)) continue;
			const existing = activeAdditions(state, agreement.id, sku.catalogIdentifier);
			const clean = existing.length === 0 || (existing.length === 1 && existing[0].serialNumber === MANAGED && (existing[0].quantity ?? 0) <= purchased);
			if (!clean) continue;
			lines.push({ tenantId: tenant.tenantId, companyId, agreementId: agreement.id, productIdentifier: sku.catalogIdentifier, quantity: purchased, invoiceDescription: sku.productName });
			profiles.add(sku.catalogIdentifier);
			scenario.links.push({ tenantId: tenant.tenantId, skuIds: sku.skuId, agreementId: agreement.id, billingProfile: `M365 ${sku.catalogIdentifier}` });
		}
		if (lines.length === 0) continue;
		const company = state.companies.find((c) => c.id === companyId)!;
		scenario.companyMap.push({ tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId, companyIdentifier: company.identifier, companyName: company.name, method: 'e2e', score: 1 });
		scenario.expected.push(...lines);
	}
	const heldIndex = [...scenario.expected].reverse().findIndex((line) => activeAdditions(state, line.agreementId, line.productIdentifier).length === 0);
	if (heldIndex < 0) throw new Error('the seeded data has no line to create: choose another seed');
	const [held] = scenario.expected.splice(scenario.expected.length - 1 - heldIndex, 1);
	scenario.held = held;
	scenario.billingProfiles = [...profiles].sort().map((identifier) => ({ name: `M365 ${identifier}`, productIdentifier: identifier, agreementTypes: 'M365 Monthly', billCustomer: 'Billable', priceMode: 'catalog' }));
	return scenario;
}
