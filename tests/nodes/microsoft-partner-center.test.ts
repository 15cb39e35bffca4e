/**
 * The Microsoft Partner Center node in n8n-core's WorkflowExecute against the sandbox:
 * every operation, paging, throttling, failing tenants among good ones, a revoked
 * refresh token, the credential test, and no secret in any output or error.
 */
import type { ICredentialTestFunctions, ILoadOptionsFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { forgetTokenProviders } from '../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { partnerCenterCredential } from '../unit/partner-center/sandboxCredential';
import { runNode } from './harness';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
const node = new MicrosoftPartnerCenter();
const seen: string[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 24, seed: 11 });
});
afterAll(async () => {
	// Whatever the node produced in this file, no secret was in it.
	const { clientSecret, refreshToken } = sandbox.credentials.microsoft;
	const all = seen.join('\n');
	expect(all).not.toContain(clientSecret);
	expect(all).not.toContain(refreshToken);
	await sandbox.stop();
});
beforeEach(() => {
	// Same seed, same data: undoes removed tenants and GDAP from the test before.
	sandbox.reset();
	forgetTokenProviders();
});

async function run(parameters: INodeParameters, inputs: INodeExecutionData[] = [{ json: {} }], onError?: 'continueRegularOutput' | 'continueErrorOutput', credential = partnerCenterCredential(sandbox)) {
	const result = await runNode({ node, parameters: { authentication: 'refreshToken', ...parameters }, inputs: [inputs], credentials: { microsoftPartnerCenterApi: credential }, onError });
	const error = result.error as (Error & { description?: string; context?: unknown }) | undefined;
	seen.push(JSON.stringify(result.outputs), error ? `${error.message} ${error.description ?? ''} ${JSON.stringify(error)}` : '');
	return { outputs: result.outputs, error, json: (result.outputs[0] ?? []).map((item) => item.json) };
}

const tenants = () => sandbox.state.tenants;
/** Tenants Graph answers for (active GDAP); the seed also has expired and missing ones. */
const gdapTenants = () => tenants().filter((t) => sandbox.state.gdapRelationships.some((r) => r.customer?.tenantId === t.tenantId && r.status === 'active'));
const tenantItems = (list = tenants()) => list.map((t) => ({ json: { tenantId: t.tenantId, name: t.name } }));
const calls = (endpoint: RegExp) => sandbox.requests.count(endpoint);

describe('Customer', () => {
	test('Get Many, Return All, across several pages (page size 5): every tenant in the Tenant shape', async () => {
		const { json, error } = await run({ resource: 'customer', operation: 'getAll', returnAll: true, options: { pageSize: 5 } });
		expect(error).toBeUndefined();
		expect(json).toHaveLength(tenants().length);
		const t = tenants()[0];
		expect(json.find((c) => c.tenantId === t.tenantId)).toEqual({
			tenantId: t.tenantId, customerId: t.tenantId, name: t.name, defaultDomain: t.initialDomain, domains: [t.initialDomain], relationship: 'reseller',
		});
		// + 1: the sign-in check each run makes (n8n rotates the refresh token there when due).
		expect(sandbox.requests.list().filter((r) => r.service === 'partnercenter').length).toBe(Math.ceil(tenants().length / 5) + 1);
	});

	test('Get Many with a limit stops reading pages early; name filter; GDAP status', async () => {
		const limited = await run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 3, options: { pageSize: 2 } });
		expect(limited.json).toHaveLength(3);
		expect(sandbox.requests.list().filter((r) => r.service === 'partnercenter').length).toBe(2 + 1);
		const target = tenants()[5];
		const filtered = await run({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { name: target.name.toUpperCase() }, options: { includeGdapStatus: true } });
		expect(filtered.json.map((c) => c.tenantId)).toContain(target.tenantId);
		expect(filtered.json.every((c) => typeof c.gdapStatus === 'string')).toBe(true);
	});

	test('Get by ID and the searchable list', async () => {
		const t = tenants()[3];
		const { json } = await run({ resource: 'customer', operation: 'get', customer: { __rl: true, mode: 'id', value: t.tenantId } });
		expect(json).toEqual([expect.objectContaining({ tenantId: t.tenantId, name: t.name })]);
		// The list search's own context: the credential and the sign-in check (n8n's helper, answered here).
		const context = { getCredentials: async () => partnerCenterCredential(sandbox), getNodeParameter: () => 'refreshToken', helpers: { httpRequestWithAuthentication: async () => ({}) } } as unknown as ILoadOptionsFunctions;
		const found = await node.methods.listSearch.searchCustomers.call(context, t.name.slice(0, 6));
		expect(found.results).toEqual(expect.arrayContaining([{ name: `${t.name} (${t.initialDomain})`, value: t.tenantId }]));
	});
});

describe('License', () => {
	test('Partner Center source: one item per tenant × SKU, counts as the tenant has them, one call per tenant, order and pairing kept', async () => {
		const list = gdapTenants().slice(0, 10);
		const { json, outputs } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', options: { excludeFree: false } }, tenantItems(list));
		const expected = list.flatMap((t) => t.skus.map((sku) => ({ tenantId: t.tenantId, tenantName: t.name, skuId: sku.skuId, purchased: (sku.prepaidUnits?.enabled ?? 0) + (sku.prepaidUnits?.warning ?? 0), assigned: sku.consumedUnits })));
		expect(json.map((l) => ({ tenantId: l.tenantId, tenantName: l.tenantName, skuId: l.skuId, purchased: l.purchased, assigned: l.assigned }))).toEqual(expected);
		expect(Object.keys(json[0])).toEqual(['tenantId', 'tenantName', 'skuId', 'skuPartNumber', 'productName', 'purchased', 'assigned', 'suspended', 'warning', 'unassigned', 'status']);
		const paired = outputs[0].map((item) => (item.pairedItem as { item: number }).item);
		expect(paired).toEqual(list.flatMap((t, i) => t.skus.map(() => i)));
		expect(calls(/subscribedskus/)).toBe(list.length);
	});

	test('options left out: free SKUs are excluded, as the editor default says', async () => {
		const list = gdapTenants().filter((t) => t.skus.some((s) => s.skuPartNumber === 'FLOW_FREE')).slice(0, 5);
		expect(list.length).toBeGreaterThan(0);
		const { json, error } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}' }, tenantItems(list));
		expect(error).toBeUndefined();
		expect(json.map((l) => l.skuId)).toEqual(list.flatMap((t) => t.skus.filter((s) => s.skuPartNumber !== 'FLOW_FREE').map((s) => s.skuId)));
	});

	test('Graph source with usernames and subscriptions (term split), free SKUs excluded', async () => {
		const t = gdapTenants().find((x) => x.skus.length > 1 && x.users.length > 3)!;
		const { json, error } = await run(
			{ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'graph', options: { includeUsers: true, includeSubscriptions: true, excludeFree: true } },
			tenantItems([t]),
		);
		expect(error).toBeUndefined();
		const billable = t.skus.filter((s) => s.skuPartNumber !== 'FLOW_FREE');
		expect(json.map((l) => l.skuId)).toEqual(billable.map((s) => s.skuId));
		for (const license of json) {
			const holders = t.users.filter((u) => u.assignedLicenses?.some((a) => a.skuId === license.skuId)).map((u) => u.userPrincipalName).sort((a, b) => a.localeCompare(b));
			expect(license.users).toEqual(holders);
			const subs = t.subscriptions.filter((s) => s.skuId === license.skuId);
			expect((license.subscriptions as Array<{ id: string; term: string; quantity: number }>).map((s) => s.id).sort()).toEqual(subs.map((s) => s.id).sort());
		}
	});

	test('429 storm: retried after Retry-After, every tenant read', async () => {
		const list = gdapTenants().slice(0, 8);
		sandbox.faults.throttle('partnercenter GET /v1/customers/{id}/subscribedskus', { count: 10, retryAfterSeconds: 1 });
		const { json, error } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}' }, tenantItems(list));
		expect(error).toBeUndefined();
		expect(new Set(json.map((l) => l.tenantId))).toEqual(new Set(list.map((t) => t.tenantId)));
		expect(sandbox.requests.list().filter((r) => r.status === 429).length).toBe(10);
	});

	test('a tenant without GDAP among good ones: error output names it and says what to do, the others are fine', async () => {
		const list = gdapTenants().slice(0, 4);
		sandbox.faults.removeGdap([list[1].tenantId]);
		const { outputs } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'graph' }, tenantItems(list), 'continueErrorOutput');
		expect(new Set(outputs[0].map((i) => i.json.tenantId))).toEqual(new Set([list[0], list[2], list[3]].map((t) => t.tenantId)));
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].json).toMatchObject({ tenantId: list[1].tenantId, name: list[1].name, details: { tenantId: list[1].tenantId, tenantName: list[1].name, httpCode: 403 } });
		expect(outputs[1][0].json.error).toBe(`Tenant ${list[1].name} (${list[1].tenantId}) has no active GDAP relationship with the Graph roles needed: renew GDAP in Partner Center (or grant the roles in the relationship)`);
	});

	test('continue (regular output): the error item sits in order, paired with its input', async () => {
		const list = gdapTenants().slice(0, 3);
		sandbox.faults.removeTenant(list[1].tenantId);
		const { outputs } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}' }, tenantItems(list), 'continueRegularOutput');
		const errorItem = outputs[0].find((i) => i.json.error);
		expect(errorItem?.json).toEqual({
			error: expect.stringContaining(`Tenant ${list[1].name} (${list[1].tenantId}) was not found in Partner Center`),
			tenantId: list[1].tenantId,
			tenantName: list[1].name,
			details: { tenantId: list[1].tenantId, tenantName: list[1].name, service: 'Microsoft Partner Center', httpCode: 404, description: `Customer ${list[1].tenantId} was not found.` },
		});
		expect(errorItem?.pairedItem).toEqual({ item: 1 });
		expect(outputs[0].filter((i) => !i.json.error).every((i) => i.json.tenantId !== list[1].tenantId)).toBe(true);
	});

	test('without continue: the node fails with the tenant in the message and the item index', async () => {
		const list = gdapTenants().slice(0, 3);
		sandbox.faults.removeGdap([list[2].tenantId]);
		const { error } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'graph' }, tenantItems(list));
		expect(error?.message).toContain(`Tenant ${list[2].name} (${list[2].tenantId}) has no active GDAP relationship`);
		expect((error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(2);
	});
});

describe('Subscription, User, Organization, GDAP Relationship', () => {
	test('Subscription Get Many: NCE fields', async () => {
		const t = tenants().find((x) => x.subscriptions.length > 0)!;
		const { json } = await run({ resource: 'subscription', operation: 'getAll', tenantId: '={{ $json.tenantId }}' }, tenantItems([t]));
		const s = t.subscriptions[0];
		expect(json).toHaveLength(t.subscriptions.length);
		expect(json.find((x) => x.id === s.id)).toEqual({
			tenantId: t.tenantId, id: s.id, term: s.termDuration, billingCycle: s.billingCycle, quantity: s.quantity, status: s.status,
			commitmentEndDate: s.commitmentEndDate, autoRenew: s.autoRenewEnabled, offerId: s.offerId, offerName: s.offerName, friendlyName: s.friendlyName, isTrial: false,
		});
		const active = await run({ resource: 'subscription', operation: 'getAll', tenantId: '={{ $json.tenantId }}', options: { activeOnly: true } }, tenantItems([t]));
		expect(active.json.every((x) => x.status === 'active')).toBe(true);
	});

	test('User Get Many: licensed and enabled by default, across pages; SKU filter', async () => {
		const t = [...gdapTenants()].sort((a, b) => b.users.length - a.users.length)[0];
		const { json } = await run({ resource: 'user', operation: 'getAll', tenantId: '={{ $json.tenantId }}', returnAll: true, options: { pageSize: 3 } }, tenantItems([t]));
		const expected = t.users.filter((u) => u.accountEnabled && (u.assignedLicenses ?? []).length > 0);
		expect(json.map((u) => u.userId).sort()).toEqual(expected.map((u) => u.id).sort());
		expect(calls(/^graph GET \S*\/users$/)).toBe(Math.ceil(t.users.filter((x) => x.accountEnabled).length / 3));
		const u = expected[0];
		expect(json.find((x) => x.userId === u.id)).toEqual({
			tenantId: t.tenantId, userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, givenName: u.givenName, surname: u.surname,
			mail: u.mail, accountEnabled: true, skuIds: u.assignedLicenses!.map((a) => a.skuId),
		});
		const sku = t.skus[0].skuId;
		const bySku = await run({ resource: 'user', operation: 'getAll', tenantId: '={{ $json.tenantId }}', returnAll: true, filters: { skuId: sku, enabledOnly: false } }, tenantItems([t]));
		expect(bySku.json.map((x) => x.userId).sort()).toEqual(t.users.filter((x) => x.assignedLicenses?.some((a) => a.skuId === sku)).map((x) => x.id).sort());
	});

	test('Organization Get: names and domains', async () => {
		const t = gdapTenants()[2];
		const { json } = await run({ resource: 'organization', operation: 'get', tenantId: '={{ $json.tenantId }}' }, tenantItems([t]));
		expect(json).toEqual([expect.objectContaining({ tenantId: t.tenantId, displayName: t.name, defaultDomain: t.defaultDomain, initialDomain: t.initialDomain })]);
		expect((json[0].domains as string[]).sort()).toEqual([...t.domains].sort());
	});

	test('GDAP Relationship Get Many: all pages, expiry flag', async () => {
		const { json } = await run({ resource: 'gdapRelationship', operation: 'getAll', returnAll: true, options: { pageSize: 4, expiryWarningDays: 60 } });
		expect(json).toHaveLength(sandbox.state.gdapRelationships.length);
		const now = Date.now();
		for (const r of json) {
			const soon = r.status === 'active' && Date.parse(r.endDateTime as string) - now <= 61 * 86_400_000;
			if (r.expiresWithinDays) expect(soon).toBe(true);
		}
		expect(Object.keys(json[0])).toEqual(['relationshipId', 'displayName', 'tenantId', 'tenantName', 'status', 'endDateTime', 'daysLeft', 'expiresWithinDays', 'roles', 'autoExtendDuration']);
	});
});

describe('Credential', () => {
	const test$ = async (overrides = {}) => await node.methods.credentialTest.microsoftPartnerCenterApiTest.call({} as ICredentialTestFunctions, { id: 'c', name: 'c', type: 'microsoftPartnerCenterApi', data: partnerCenterCredential(sandbox, overrides) });

	test('the credential test: OK, wrong secret, wrong tenant', async () => {
		expect(await test$()).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected as a partner user \(App \+ User\): read customer .*License counts need a GDAP role/) });
		// App only says up front that it cannot read license counts (it used to say just "Connected").
		expect(await test$({ authMode: 'appOnly' })).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected \(App only\).*cannot read license counts/) });
		const wrongSecret = await test$({ clientSecret: 'wrong-secret-value' });
		expect(wrongSecret).toEqual({ status: 'Error', message: expect.stringContaining('client secret was refused') });
		expect(wrongSecret.message).not.toContain('wrong-secret-value');
		expect(await test$({ partnerTenantId: '00000000-0000-0000-0000-00000000dead' })).toEqual({ status: 'Error', message: expect.stringContaining('check the Partner Tenant ID') });
	});

	test('revoked refresh token: the node and the credential test say sign in again', async () => {
		sandbox.faults.revokeRefreshToken();
		const { error } = await run({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}' }, tenantItems(tenants().slice(0, 2)));
		expect(error?.message).toMatch(/refresh token was refused.*sign in again/);
		expect((await test$()).message).toMatch(/refresh token was refused.*sign in again/);
	});
});

describe('License counts need App + User and a GDAP role; Graph needs the app consented (issue #13)', () => {
	const LICENSE_ROLES = ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b', 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', 'fe930be7-5e62-47db-91af-98c3a49a38b1', '4d6ac14f-3453-41d0-bef9-a3e0c569773a'];
	const licenses = { resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}' };

	test('a tenant whose GDAP has no license role: its 403 names the roles and the tenant; the others carry on', async () => {
		const list = gdapTenants().slice(0, 3);
		for (const r of sandbox.state.gdapRelationships.filter((x) => x.customer?.tenantId === list[1].tenantId)) {
			r.accessDetails = { unifiedRoles: [{ roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }] }; // Helpdesk Administrator only
		}
		const { outputs } = await run(licenses, tenantItems(list), 'continueErrorOutput');
		expect(new Set(outputs[0].map((i) => i.json.tenantId))).toEqual(new Set([list[0].tenantId, list[2].tenantId]));
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].json.error).toBe(
			`Tenant ${list[1].name} (${list[1].tenantId}): Partner Center refused to read its license counts (403). License counts need App + User sign-in and a GDAP relationship with this customer that gives the partner user one of these roles: Directory Readers, Global Reader, User Administrator or License Administrator. Add the role to the customer's GDAP relationship (and the partner user to its security group), or renew GDAP if it ended`,
		);
		expect(LICENSE_ROLES).toHaveLength(4);
	});

	test('App only: every license read is refused by Partner Center and says why', async () => {
		const list = gdapTenants().slice(0, 2);
		const { outputs } = await run(licenses, tenantItems(list), 'continueErrorOutput', partnerCenterCredential(sandbox, { authMode: 'appOnly' }));
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1].map((i) => i.json.error)).toEqual(list.map((t) => expect.stringContaining(`Tenant ${t.name} (${t.tenantId}): Partner Center refused to read its license counts (403). License counts need App + User sign-in`)));
	});

	test('a tenant without app consent: "consent the app in this customer tenant", not "sign in again"; the next run after consent works', async () => {
		const list = gdapTenants().slice(0, 3);
		sandbox.faults.removeConsent([list[0].tenantId]);
		const graph = { ...licenses, source: 'graph' };
		const first = await run(graph, tenantItems(list), 'continueErrorOutput');
		expect(first.outputs[1]).toHaveLength(1);
		expect(first.outputs[1][0].json.error).toMatch(new RegExp(`Tenant .*\\(${list[0].tenantId}\\): the app is not consented in customer tenant ${list[0].tenantId}: consent the app in this customer tenant — run the Microsoft Partner Center node's Customer → Grant App Consent`));
		expect(String(first.outputs[1][0].json.error)).not.toMatch(/sign in again|re-consent/);
		expect(first.outputs[0].length).toBeGreaterThan(0);
		// Consent granted; the same process runs again at once: no remembered failure.
		const consent = await run({ resource: 'customer', operation: 'grantConsent', tenantId: '={{ $json.tenantId }}' }, tenantItems([list[0], list[1]]));
		expect(consent.error?.message).toBeUndefined();
		expect(consent.json).toEqual([
			{ tenantId: list[0].tenantId, tenantName: list[0].name, consent: 'granted', scopes: 'User.Read.All,Organization.Read.All,GroupMember.Read.All,Reports.Read.All' },
			{ tenantId: list[1].tenantId, tenantName: list[1].name, consent: 'alreadyGranted', scopes: 'User.Read.All,Organization.Read.All,GroupMember.Read.All,Reports.Read.All' },
		]);
		expect(sandbox.consents.get(list[0].tenantId)?.applicationGrants).toEqual([{ enterpriseApplicationId: '00000003-0000-0000-c000-000000000000', scope: 'User.Read.All,Organization.Read.All,GroupMember.Read.All,Reports.Read.All' }]);
		const second = await run(graph, tenantItems(list), 'continueErrorOutput');
		expect(second.outputs[1] ?? []).toHaveLength(0);
	});

	test('subscriptions map to SKUs by directory/subscriptions, although friendly names and offer names differ', async () => {
		const t = gdapTenants().find((x) => x.subscriptions.some((s) => s.friendlyName !== s.offerName) && x.subscriptions.length > 1);
		expect(t).toBeDefined();
		const { json, error } = await run({ ...licenses, options: { includeSubscriptions: true, excludeFree: false } }, tenantItems([t!]));
		expect(error).toBeUndefined();
		for (const license of json) {
			const expected = t!.subscriptions.filter((s) => s.skuId === license.skuId && s.status !== 'expired').map((s) => s.id).sort();
			expect((license.subscriptions as Array<{ id: string }>).map((s) => s.id).filter((id) => expected.includes(id)).sort()).toEqual(expected);
		}
		// A live subscription the directory does not know is reported by name and id, never counted as 0.
		const lost = t!.subscriptions.find((s) => s.status === 'active')!;
		lost.directorySubscriptionId = '';
		const broken = await run({ ...licenses, options: { includeSubscriptions: true } }, tenantItems([t!]), 'continueRegularOutput');
		expect(broken.json).toEqual([expect.objectContaining({ error: expect.stringContaining(`"${lost.friendlyName}" (${lost.id})`) })]);
	});

	test('GDAP: an expiring relationship is active for "Active Only" and wins over an old expired one', async () => {
		const t = gdapTenants().find((x) => sandbox.state.gdapRelationships.filter((r) => r.customer?.tenantId === x.tenantId).length > 1)!;
		expect(t).toBeDefined();
		const live = sandbox.state.gdapRelationships.find((r) => r.customer?.tenantId === t.tenantId && r.status === 'active')!;
		live.endDateTime = new Date(Date.now() + 10 * 86_400_000).toISOString();
		const relationships = await run({ resource: 'gdapRelationship', operation: 'getAll', returnAll: true, options: { activeOnly: true } });
		expect(relationships.json.find((r) => r.relationshipId === live.id)).toMatchObject({ status: 'expiring', expiresWithinDays: true });
		const customers = await run({ resource: 'customer', operation: 'getAll', returnAll: true, options: { includeGdapStatus: true } });
		expect(customers.json.find((c) => c.tenantId === t.tenantId)?.gdapStatus).toBe('expiring');
	});
});

describe('Version 1.2: the tenant is a picker (from list, by ID, or an expression); 1 and 1.1 keep their Tenant ID text', () => {
	async function runAt(typeVersion: number, parameters: INodeParameters, inputs: INodeExecutionData[]) {
		const result = await runNode({ node, typeVersion, parameters: { authentication: 'refreshToken', ...parameters }, inputs: [inputs], credentials: { microsoftPartnerCenterApi: partnerCenterCredential(sandbox) } });
		seen.push(JSON.stringify(result.outputs), result.error?.message ?? '');
		return { error: result.error, json: (result.outputs[0] ?? []).map((item) => item.json) };
	}
	const organization = { resource: 'organization', operation: 'get' };
	const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

	test('the editor shows a Tenant picker from 1.2 and the Tenant ID text before', () => {
		const tenantParameters = node.description.properties.filter((p) => p.name === 'tenantId');
		const at = (version: number) => tenantParameters.filter((p) => {
			const shown = p.displayOptions?.show?.['@version'] as Array<number | { _cnd: { gte: number } }>;
			return shown.some((v) => (typeof v === 'number' ? v === version : version >= v._cnd.gte));
		});
		for (const version of [1, 1.1]) expect(new Set(at(version).map((p) => p.type))).toEqual(new Set(['string']));
		expect(new Set(at(1.2).map((p) => p.type))).toEqual(new Set(['resourceLocator']));
		const picker = at(1.2)[0];
		expect(picker.modes!.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([['list', 'searchCustomers'], ['id', undefined]]);
		expect(picker.default).toEqual({ mode: 'id', value: '={{ $json.tenantId }}' });
		expect(node.description.defaultVersion).toBe(1.2);
	});

	test('a tenant picked from the list, one given by ID (any case, spaces), and an expression per item', async () => {
		const [a, b, c] = gdapTenants();
		const picked = await runAt(1.2, { ...organization, tenantId: locator('list', a.tenantId) }, [{ json: {} }]);
		expect(picked.error).toBeUndefined();
		expect(picked.json).toEqual([expect.objectContaining({ tenantId: a.tenantId, displayName: a.name })]);
		const byId = await runAt(1.2, { ...organization, tenantId: locator('id', ` ${b.tenantId.toUpperCase()} `) }, [{ json: {} }]);
		expect(byId.json).toEqual([expect.objectContaining({ tenantId: b.tenantId, displayName: b.name })]);
		const expression = await runAt(1.2, { ...organization, tenantId: locator('id', '={{ $json.customer.id }}') }, [{ json: { customer: { id: b.tenantId } } }, { json: { customer: { id: c.tenantId } } }]);
		expect(expression.error).toBeUndefined();
		expect(expression.json.map((o) => o.tenantId)).toEqual([b.tenantId, c.tenantId]);
	});

	test('left at its default the picker reads each item\'s tenantId; an item without one gets a clear error', async () => {
		const list = gdapTenants().slice(0, 3);
		const { json, error } = await runAt(1.2, { resource: 'license', operation: 'getAll' }, tenantItems(list));
		expect(error).toBeUndefined();
		expect([...new Set(json.map((l) => l.tenantId))]).toEqual(list.map((t) => t.tenantId));
		const empty = await runAt(1.2, organization, [{ json: {} }]);
		expect(empty.error?.message).toMatch(/^No tenant ID for this item: pick the tenant from the list/);
	});

	test('dropped on an empty canvas with every default, 1.2 lists customers; 1 and 1.1 keep License as the default resource', async () => {
		const fresh = await runAt(1.2, {}, [{ json: {} }]);
		expect(fresh.error).toBeUndefined();
		expect(fresh.json).toHaveLength(Math.min(50, tenants().length));
		expect(fresh.json[0]).toEqual(expect.objectContaining({ tenantId: expect.any(String), name: expect.any(String) }));
		const [a] = gdapTenants();
		const old = await runAt(1.1, { tenantId: '={{ $json.tenantId }}' }, tenantItems([a]));
		expect(old.json.every((l) => l.tenantId === a.tenantId && typeof l.skuId === 'string')).toBe(true);
	});

	test.each([1, 1.1])('a version %s workflow still runs with its Tenant ID text (expression or a typed GUID)', async (version) => {
		const [a, b] = gdapTenants();
		const fromItems = await runAt(version, { ...organization, tenantId: '={{ $json.tenantId }}' }, tenantItems([a, b]));
		expect(fromItems.error).toBeUndefined();
		expect(fromItems.json.map((o) => o.tenantId)).toEqual([a.tenantId, b.tenantId]);
		const typed = await runAt(version, { ...organization, tenantId: b.tenantId }, [{ json: {} }]);
		expect(typed.json).toEqual([expect.objectContaining({ tenantId: b.tenantId })]);
	});

	test('the tenant list search pages by 100 and filters by name or domain over every customer page', async () => {
		const big = await startSandbox({ tenants: 230, seed: 12 });
		try {
			const context = { getCredentials: async () => partnerCenterCredential(big), getNodeParameter: () => 'refreshToken', helpers: { httpRequestWithAuthentication: async () => ({}) } } as unknown as ILoadOptionsFunctions;
			const names: string[] = [];
			let token: string | undefined;
			do {
				const page = await node.methods.listSearch.searchCustomers.call(context, undefined, token);
				expect(page.results.length).toBeLessThanOrEqual(100);
				names.push(...page.results.map((r) => String(r.value)));
				token = page.paginationToken as string | undefined;
			} while (token);
			expect(names.sort()).toEqual(big.state.tenants.map((t) => t.tenantId).sort());
			const t = big.state.tenants[200];
			const byDomain = await node.methods.listSearch.searchCustomers.call(context, t.initialDomain.toUpperCase());
			expect(byDomain.results).toEqual([{ name: `${t.name} (${t.initialDomain})`, value: t.tenantId }]);
		} finally {
			await big.stop();
		}
	});
});
