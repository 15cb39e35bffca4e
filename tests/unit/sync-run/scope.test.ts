/**
 * The scope of a sync run (Sync Run → Scope of This Run): which links bill which company in
 * which PSA, what is read, and what is Not Synced with its reason instead of a guess.
 */
import { scopeOfRun, type ScopeInput } from '../../../nodes/SyncRun/core';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const T3 = '33333333-3333-4333-8333-333333333333';

const input = (overrides: Partial<ScopeInput> = {}): ScopeInput => ({
	request: {},
	companyMap: [
		{ tenantId: T1, companyId: 250, companyName: 'Contoso', tenantName: 'Contoso Ltd' },
		{ tenantId: T2, companyId: 260, companyName: 'Fabrikam', psa: 'autotask' },
	],
	licenseLinks: [
		{ tenantId: T1, skuIds: 'sku-e3', agreementId: 100, billingProfile: 'M365 E3' },
		{ tenantId: T2, skuIds: 'sku-bp', agreementId: 200, billingProfile: 'M365 BP', showUsernames: 'true' },
	],
	batchTenantIds: null,
	defaultPsa: 'connectwise',
	...overrides,
});

describe('the PSA each link bills in', () => {
	it('is the company-map row\'s psa, else the default; agreements and their PSA are listed for the reads and applies', () => {
		const scope = scopeOfRun(input());
		expect(scope.links.map((link) => [link.tenantId, link.companyId, link.psa])).toEqual([[T1, 250, 'connectwise'], [T2, 260, 'autotask']]);
		expect(scope.agreements).toEqual([{ agreementId: 100, psa: 'connectwise' }, { agreementId: 200, psa: 'autotask' }]);
		expect(scope.agreementPsa).toEqual({ 100: 'connectwise', 200: 'autotask' });
		expect(scope.notSynced).toEqual([]);
	});

	test.each([
		{ name: 'an existing install (no psa column, no default)', defaultPsa: '', psa: undefined, expected: 'connectwise' },
		{ name: 'defaultPsa autotask for rows that name none', defaultPsa: 'autotask', psa: undefined, expected: 'autotask' },
		{ name: 'a row\'s own psa wins over the default', defaultPsa: 'autotask', psa: 'ConnectWise ', expected: 'connectwise' },
		{ name: 'an empty psa cell takes the default', defaultPsa: 'Autotask', psa: '', expected: 'autotask' },
	])('$name → $expected', ({ defaultPsa, psa, expected }) => {
		const scope = scopeOfRun(input({ defaultPsa, companyMap: [{ tenantId: T1, companyId: 250, ...(psa === undefined ? {} : { psa }) }], licenseLinks: [{ tenantId: T1, skuIds: 'a', agreementId: 100 }] }));
		expect(scope.agreements).toEqual([{ agreementId: 100, psa: expected }]);
	});

	it('a PSA it does not know is Not Synced, named, not sent anywhere', () => {
		const scope = scopeOfRun(input({ companyMap: [{ tenantId: T1, companyId: 250, psa: 'halo' }] , licenseLinks: [{ tenantId: T1, skuIds: 'a', agreementId: 100, billingProfile: 'P' }] }));
		expect(scope.links).toEqual([]);
		expect(scope.agreements).toEqual([]);
		expect(scope.notSynced).toEqual([{ action: 'skip', tenantId: T1, agreementId: 100, product: 'P', reasons: ['company 250 of tenant ' + T1 + ' is in PSA "halo" (m365_company_map psa or Sync settings defaultPsa): use connectwise or autotask'] }]);
	});

	it('a tenant mapped to the same company id in both PSAs is not synced (ids are per PSA)', () => {
		const scope = scopeOfRun(input({
			companyMap: [{ tenantId: T1, companyId: 250 }, { tenantId: T1, companyId: 250, psa: 'autotask' }],
			licenseLinks: [{ tenantId: T1, skuIds: 'a', agreementId: 100, companyId: 250 }],
		}));
		expect(scope.links).toEqual([]);
		expect(scope.notSynced[0].reasons[0]).toBe(`tenant ${T1} is mapped to company 250 in connectwise and autotask: keep one company-map row`);
	});

	it('an agreement id linked for companies in both PSAs is synced in neither, and its licenses are not "unlinked"', () => {
		const scope = scopeOfRun(input({ licenseLinks: [{ tenantId: T1, skuIds: 'a', agreementId: 100 }, { tenantId: T2, skuIds: 'b', agreementId: 100 }] }));
		expect(scope.links).toEqual([]);
		expect(scope.agreements).toEqual([]);
		expect(scope.notSynced.map((item) => item.reasons[0])).toEqual([
			'agreement 100 is linked for companies in connectwise and autotask: an id names a different agreement in each PSA, so neither is synced',
			'agreement 100 is linked for companies in connectwise and autotask: an id names a different agreement in each PSA, so neither is synced',
		]);
		expect(scope.linkedElsewhere).toEqual([`${T1}|a`, `${T2}|b`]);
	});
});

describe('what the run covers (unchanged from the template expression it replaces)', () => {
	it('one company: only its links; the other tenant\'s links are linked elsewhere', () => {
		const scope = scopeOfRun(input({ request: { companyId: 260 } }));
		expect(scope.companyId).toBe('260');
		expect(scope.links.map((link) => link.tenantId)).toEqual([T2]);
		expect(scope.tenants).toEqual([{ tenantId: T2, tenantName: null, includeUsernames: true, includeSubscriptions: false, counts: JSON.stringify(['sku-bp']) }]);
		expect(scope.linkedElsewhere).toEqual([`${T1}|sku-e3`]);
	});

	it('one tenant, given in capitals; dryRun "true"', () => {
		const scope = scopeOfRun(input({ request: { tenantId: T1.toUpperCase(), dryRun: 'true' } }));
		expect(scope).toMatchObject({ tenantId: T1, dryRun: true, companyId: null });
		expect(scope.tenants.map((tenant) => tenant.tenantId)).toEqual([T1]);
	});

	it('a batch syncs only its own tenants', () => {
		const scope = scopeOfRun(input({ batchTenantIds: [T2] }));
		expect(scope.links.map((link) => link.tenantId)).toEqual([T2]);
	});

	it('mapped tenants without links are read (their licenses are reported unlinked); unmapped tenants\' links are Not Synced', () => {
		const scope = scopeOfRun(input({
			companyMap: [...input().companyMap, { tenantId: T3, companyId: 270 }],
			licenseLinks: [...input().licenseLinks, { tenantId: 'aaaaaaaa-0000-4000-8000-000000000000', skuIds: 'x', agreementId: 9 }],
		}));
		expect(scope.tenants.map((tenant) => tenant.tenantId)).toEqual([T1, T2, T3]);
		expect(scope.notSynced.map((item) => item.reasons[0])).toEqual(['tenant aaaaaaaa-0000-4000-8000-000000000000 is not mapped to a company']);
	});

	it('a tenant mapped to two companies needs the link to name one', () => {
		const companyMap = [{ tenantId: T1, companyId: 250 }, { tenantId: T1, companyId: 251 }];
		const unnamed = scopeOfRun(input({ companyMap, licenseLinks: [{ tenantId: T1, skuIds: 'a', agreementId: 100 }] }));
		expect(unnamed.notSynced[0].reasons[0]).toBe(`tenant ${T1} is mapped to companies 250, 251 and the link names none: set companyId on the link`);
		const named = scopeOfRun(input({ companyMap, licenseLinks: [{ tenantId: T1, skuIds: 'a', agreementId: 100, companyId: '251' }] }));
		expect(named.links.map((link) => link.companyId)).toEqual([251]);
	});
});
