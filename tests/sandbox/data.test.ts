import { generateState } from '../../sandbox/data/generate';
import { MANAGED_SERIAL_NUMBER } from '../../sandbox/types';

describe('seeded sandbox data', () => {
	const options = { tenants: 400, seed: 21, today: '2026-03-15' };
	const state = generateState(options);

	it('is the same for the same seed, tenant count and day, and differs for another seed', () => {
		expect(generateState(options)).toEqual(state);
		expect(generateState({ ...options, seed: 22 }).tenants[0].name).not.toBe(state.tenants[0].name);
	});

	it('has the name variations auto-map must handle, tenants without company and companies without tenant', () => {
		const variations = new Set(Object.values(state.groundTruth.variationByCompany));
		for (const kind of ['same', 'legalForm', 'punctuation', 'ampersand', 'abbreviation', 'diacritics', 'typo', 'rebrand', 'decoy', 'noTenant']) {
			expect(variations).toContain(kind);
		}
		const unmapped = Object.values(state.groundTruth.tenantToCompany).filter((companyId) => companyId === null);
		expect(unmapped.length).toBeGreaterThan(10);
		for (const [tenantId, companyId] of Object.entries(state.groundTruth.tenantToCompany)) {
			if (companyId !== null) expect(state.groundTruth.companyToTenant[companyId]).toBe(tenantId);
		}
	});

	it('has licences with purchased ≠ assigned, licensed users matching consumed units, and GDAP in every state', () => {
		const skus = state.tenants.flatMap((tenant) => tenant.skus.filter((sku) => sku.skuPartNumber !== 'FLOW_FREE').map((sku) => ({ tenant, sku })));
		expect(skus.some(({ sku }) => sku.prepaidUnits!.enabled! > sku.consumedUnits!)).toBe(true);
		for (const { tenant, sku } of skus.slice(0, 50)) {
			expect(tenant.users.filter((user) => user.assignedLicenses?.some((license) => license.skuId === sku.skuId))).toHaveLength(sku.consumedUnits!);
		}
		expect(new Set(state.gdapRelationships.map((relationship) => relationship.status))).toEqual(new Set(['active', 'expired', 'terminated', 'approvalPending']));
		expect(new Set(state.tenants.flatMap((tenant) => tenant.subscriptions.map((subscription) => subscription.termDuration)))).toEqual(new Set(['P1M', 'P1Y', 'P3Y']));
	});

	it('has agreements in every status and additions managed, legacy and duplicated', () => {
		expect(new Set(state.agreements.map((agreement) => agreement.agreementStatus))).toEqual(new Set(['Active', 'Cancelled', 'Expired']));
		expect(new Set(state.agreements.map((agreement) => agreement.prorateFlag))).toEqual(new Set([true, false]));
		const managed = state.additions.filter((addition) => addition.serialNumber === MANAGED_SERIAL_NUMBER);
		expect(managed.length).toBeGreaterThan(0);
		expect(state.additions.some((addition) => addition.serialNumber === undefined)).toBe(true);
		const keys = managed.map((addition) => `${addition.agreementId}:${addition.product?.id}`);
		expect(new Set(keys).size).toBeLessThan(keys.length);
	});
});
