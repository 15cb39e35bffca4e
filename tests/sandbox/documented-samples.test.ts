/**
 * Microsoft's documented sample responses (tests/fixtures/microsoft, each with its source URL)
 * against our two sides: the node's parsers read them into the values a person expects, and the
 * sandbox answers with every field a sample has, with the same JSON type.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { toOrganizationItem, toUserItem } from '../../nodes/MicrosoftPartnerCenter/helpers/directory';
import { toGdapRelationshipItem } from '../../nodes/MicrosoftPartnerCenter/helpers/gdap';
import { licenseFromGraph, licenseFromPartnerCenter, subscriptionsBySku, toLicenseSubscription } from '../../nodes/MicrosoftPartnerCenter/helpers/license';
import { toTenant } from '../../nodes/MicrosoftPartnerCenter/helpers/tenant';
import type { GraphCompanySubscription, GraphGdapRelationship, GraphOrganization, GraphSubscribedSku, GraphUser, PcCustomer, PcSubscribedSku, PcSubscription } from '../../nodes/MicrosoftPartnerCenter/helpers/types';
import { redeemForPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/transport/redeem';
import { USER_FIELDS } from '../../nodes/MicrosoftPartnerCenter/transport/resources';
import { gdapTenant, get, token } from './helpers';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sample<T = { [key: string]: Json }>(file: string): T {
	const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'microsoft', file), 'utf8')) as { source: string; response: T };
	expect(fixture.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
	return fixture.response;
}

const kind = (value: Json): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Paths of the sample (first array element stands for all) that `actual` lacks or holds with another
 * type; `nullable` paths may answer null (where Microsoft shows both).
 */
function shapeGaps(documented: Json, actual: Json, at = '$', nullable: string[] = []): string[] {
	if (documented === null) return [];
	if (actual === null && nullable.includes(at)) return [];
	if (kind(actual) !== kind(documented)) return [`${at}: ${kind(documented)} documented, ${actual === undefined ? 'missing' : kind(actual)} answered`];
	if (Array.isArray(documented)) {
		if (documented.length === 0 || (actual as Json[]).length === 0) return [];
		return shapeGaps(documented[0], (actual as Json[])[0], `${at}[]`, nullable);
	}
	if (typeof documented !== 'object') return [];
	return Object.entries(documented).flatMap(([key, value]) => shapeGaps(value, (actual as { [key: string]: Json })[key], `${at}.${key}`, nullable));
}

describe('the node reads the documented samples', () => {
	test('customers → tenants', () => {
		const tenants = sample<{ items: PcCustomer[] }>('partner-center-customers.json').items.map(toTenant);
		expect(tenants.map(({ tenantId, name, relationship }) => ({ tenantId, name, relationship }))).toEqual([
			{ tenantId: 'b44bb1fb-c595-45b0-9e09-d657365580bf', name: 'companyName', relationship: 'reseller' },
			{ tenantId: '45c44870-ef77-4fdd-b6fe-3dacb075cff2', name: 'companyName', relationship: 'reseller' },
		]);
	});

	test('Partner Center subscribedskus → licenses: totalUnits purchased, consumedUnits assigned', () => {
		const licenses = sample<{ items: PcSubscribedSku[] }>('partner-center-subscribedskus.json').items.map((sku) => licenseFromPartnerCenter('T', sku));
		expect(licenses.map(({ skuPartNumber, purchased, assigned, unassigned, suspended, status }) => ({ skuPartNumber, purchased, assigned, unassigned, suspended, status }))).toEqual([
			{ skuPartNumber: 'EMS', purchased: 5, assigned: 1, unassigned: 4, suspended: 0, status: 'Enabled' },
			{ skuPartNumber: 'POWER_BI_PRO', purchased: 1, assigned: 1, unassigned: 0, suspended: 0, status: 'Enabled' },
		]);
	});

	test('Graph subscribedSkus → licenses: a suspended SKU has nothing purchased', () => {
		const licenses = sample<{ value: GraphSubscribedSku[] }>('graph-subscribedskus.json').value.map((sku) => licenseFromGraph('T', sku));
		expect(licenses.map(({ skuId, purchased, assigned, suspended, status }) => ({ skuId, purchased, assigned, suspended, status }))).toEqual([
			{ skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', purchased: 25, assigned: 14, suspended: 0, status: 'Enabled' },
			{ skuId: 'd17b27af-3f49-4822-99f9-56a661538792', purchased: 0, assigned: 14, suspended: 25, status: 'Suspended' },
		]);
	});

	test('subscriptions: the documented one reads; directory/subscriptions maps a commerce id to its SKU', () => {
		const [subscription] = sample<{ items: PcSubscription[] }>('partner-center-subscriptions.json').items;
		expect(toLicenseSubscription(subscription)).toEqual({ id: '83ef9d05-4169-4ef9-9657-0e86b1eab1de', term: null, billingCycle: null, quantity: 1, status: 'active', commitmentEndDate: '2016-12-12T08:00:00Z', autoRenew: false });
		const [directory] = sample<{ value: GraphCompanySubscription[] }>('graph-directory-subscriptions.json').value;
		const license = licenseFromGraph('T', { skuId: directory.skuId!, skuPartNumber: directory.skuPartNumber ?? undefined, prepaidUnits: { enabled: 25 } });
		const commerce = { ...subscription, id: directory.commerceSubscriptionId! };
		expect(subscriptionsBySku([license], [commerce], [directory]).bySku.get('0816ccb9-3785-4d19-bf78-6c53e2106509')).toEqual([commerce]);
	});

	test('GDAP relationships: status, customer, roles, end', () => {
		const items = sample<{ value: GraphGdapRelationship[] }>('graph-delegated-admin-relationships.json').value.map((r) => toGdapRelationshipItem(r, Date.parse('2024-01-01T00:00:00Z'), 60));
		expect(items.map(({ tenantId, status, daysLeft, expiresWithinDays, roles }) => ({ tenantId, status, daysLeft, expiresWithinDays, roles: roles.length }))).toEqual([
			{ tenantId: '52eaad04-13a2-4a2f-9ce8-93a294fadf36', status: 'active', daysLeft: 40, expiresWithinDays: true, roles: 1 },
			{ tenantId: '4b827261-d21f-4aa9-b7db-7fa1f56fb163', status: 'terminated', daysLeft: -794, expiresWithinDays: false, roles: 2 },
			{ tenantId: '52eaad04-13a2-4a2f-9ce8-93a294fadf36', status: 'approvalPending', daysLeft: null, expiresWithinDays: false, roles: 2 },
		]);
	});

	test('users → user items: names, mail, enabled, SKU ids', () => {
		const users = sample<{ value: GraphUser[] }>('graph-users.json').value.map((user) => toUserItem('T', user));
		expect(users).toEqual([
			{ tenantId: 't', userId: 'cb4954e8-467f-4a6d-a8c8-28b9034fadbc', userPrincipalName: 'admin@contoso.com', displayName: 'MOD Administrator', givenName: 'MOD', surname: 'Administrator', mail: 'admin@contoso.com', accountEnabled: true, skuIds: ['cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46'] },
			{ tenantId: 't', userId: '81a133c2-bdf2-4e67-8755-7264366b04ee', userPrincipalName: 'DebraB@contoso.com', displayName: 'Debra Berger', givenName: 'Debra', surname: 'Berger', mail: 'DebraB@contoso.com', accountEnabled: false, skuIds: ['cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46'] },
		]);
	});

	test('organization → the tenant id, name and domains (lower case)', () => {
		const [organization] = sample<{ value: GraphOrganization[] }>('graph-organization.json').value;
		expect(toOrganizationItem('other', organization)).toEqual({
			tenantId: '84841066-274d-4ec0-a5c1-276be684bdd3',
			displayName: 'Contoso',
			defaultDomain: 'contoso.onmicrosoft.com',
			initialDomain: 'contoso.onmicrosoft.com',
			domains: ['contoso.onmicrosoft.com'],
			verifiedDomains: [{ name: 'contoso.onmicrosoft.com', isDefault: true, isInitial: true, type: 'Managed' }],
		});
	});

	test('refresh-token response: the access token and the rotated refresh token are taken', async () => {
		const answer = sample('login-refresh-token-v2.json');
		const tokens = await redeemForPartnerCenter(async () => answer, { partnerTenantId: 'p', clientId: 'c', clientSecret: 's', refreshToken: 'old', authMode: 'appUser' });
		expect(tokens).toEqual({ accessToken: answer.access_token, refreshToken: answer.refresh_token });
	});
});

describe('the sandbox answers with every documented field', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 12, seed: 4 });
	});
	afterAll(async () => await sandbox.stop());

	const pc = async (route: string) => await (await get(`${sandbox.urls.partnerCenter}/v1${route}`, await token(sandbox))).json() as Json;
	const graph = async (route: string, tenantId: string) => await (await get(`${sandbox.urls.graph}/v1.0${route}`, await token(sandbox, { tenantId, resource: 'graph' }))).json() as Json;
	const withSubscriptions = () => {
		const live = new Set(sandbox.state.gdapRelationships.filter((r) => r.status === 'active').map((r) => r.customer?.tenantId));
		return sandbox.state.tenants.find((tenant) => live.has(tenant.tenantId) && tenant.subscriptions.some((s) => s.directorySubscriptionId))!.tenantId;
	};

	// The owner of a CSP-bought subscription is empty in real tenants (Get-EntraSubscription's documented
	// example, https://learn.microsoft.com/en-us/powershell/module/microsoft.entra.directorymanagement/get-entrasubscription).
	const OWNER = ['$.value[].ownerId', '$.value[].ownerTenantId', '$.value[].ownerType'];

	test.each([
		['partner-center-customers.json', async () => await pc('/customers?size=2'), []],
		['partner-center-subscribedskus.json', async () => await pc(`/customers/${gdapTenant(sandbox)}/subscribedskus`), []],
		['graph-subscribedskus.json', async () => await graph('/subscribedSkus', gdapTenant(sandbox)), []],
		['graph-directory-subscriptions.json', async () => await graph('/directory/subscriptions', withSubscriptions()), OWNER],
		['graph-delegated-admin-relationships.json', async () => await graph('/tenantRelationships/delegatedAdminRelationships', sandbox.credentials.microsoft.partnerTenantId), []],
	])('%s', async (file, answer, nullable) => {
		expect(shapeGaps(sample(file), await answer(), '$', nullable)).toEqual([]);
	});

	test('graph-users.json: the fields the node selects, filtered by a SKU as documented', async () => {
		const tenantId = gdapTenant(sandbox);
		const { skuId } = sandbox.state.tenants.find((tenant) => tenant.tenantId === tenantId)!.skus.find((sku) => (sku.consumedUnits ?? 0) > 0)!;
		const answer = await graph(`/users?$select=${USER_FIELDS.join(',')}&$filter=assignedLicenses/any(u:u/skuId eq ${skuId})`, tenantId);
		expect((answer as { value: Json[] }).value.length).toBeGreaterThan(0);
		expect(shapeGaps(sample('graph-users.json'), answer)).toEqual([]);
	});

	// partnerTenantType is set on partner tenants only; a customer's is null.
	test.each([
		['a customer tenant', () => gdapTenant(sandbox), ['$.value[].partnerTenantType']],
		['the partner tenant', () => sandbox.credentials.microsoft.partnerTenantId, []],
	])('graph-organization.json: %s', async (_, tenantId, nullable) => {
		expect(shapeGaps(sample('graph-organization.json'), await graph('/organization', tenantId()), '$', nullable)).toEqual([]);
	});

	test('partner-center-subscriptions.json: every field of the (pre-NCE) sample', async () => {
		const tenantId = withSubscriptions();
		const gaps = shapeGaps(sample('partner-center-subscriptions.json'), await pc(`/customers/${tenantId}/subscriptions`));
		expect(gaps).toEqual([]);
	});
});
