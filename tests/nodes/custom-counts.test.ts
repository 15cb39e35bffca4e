/**
 * Custom counts (#18) through the Microsoft Partner Center node (License → Get Many, option
 * Custom Counts) in n8n-core against the sandbox's Graph: groups with nested groups read in
 * server-driven pages, mailboxes from the usage report, users split by attribute, and the
 * refusals the real API gives, each a failure row for that tenant, never a count of 0.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox, type Tenant } from '../../sandbox';
import { transitiveUserIds } from '../../sandbox/data/directory';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { forgetTokenProviders } from '../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { partnerCenterCredential } from '../unit/partner-center/sandboxCredential';
import { runNode } from './harness';
import { token } from '../sandbox/helpers';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
const node = new MicrosoftPartnerCenter();
// Pages of 7: every group of more than 7 members takes several calls, as Graph may page server-side.
const PAGE = 7;

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 12, seed: 18, graphPageCap: PAGE });
});
afterAll(async () => {
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.reset();
	forgetTokenProviders();
});

async function read(list: Tenant[], counts: string | ((t: Tenant) => string)) {
	const inputs: INodeExecutionData[] = list.map((t) => ({ json: { tenantId: t.tenantId, name: t.name, counts: typeof counts === 'string' ? counts : counts(t) } }));
	const parameters: INodeParameters = { authentication: 'refreshToken', resource: 'license', operation: 'getAll', options: { counts: '={{ $json.counts }}' } };
	const result = await runNode({ node, parameters, inputs: [inputs], credentials: { microsoftPartnerCenterApi: partnerCenterCredential(sandbox) }, onError: 'continueRegularOutput' });
	return (result.outputs[0] ?? []).map((item) => item.json as Record<string, unknown>);
}

const live = () => sandbox.state.tenants.filter((t) => sandbox.state.gdapRelationships.some((r) => r.customer?.tenantId === t.tenantId && r.status === 'active'));
const rowsOf = (json: Array<Record<string, unknown>>, tenantId: string) => json.filter((r) => r.tenantId === tenantId && typeof r.countKind === 'string');
const upns = (t: Tenant, ids: string[]) => t.users.filter((u) => ids.includes(u.id) && u.accountEnabled !== false).map((u) => u.userPrincipalName).sort((a, b) => a.localeCompare(b));

describe('group counts', () => {
	test('enabled users of the group through nested groups, each once, no devices, read in pages of $top=999 the server cuts to 7', async () => {
		const tenant = live().find((t) => transitiveUserIds(t, t.groups[1].id).length > PAGE * 2)!;
		const managed = tenant.groups.find((g) => g.displayName === 'Managed Users')!;
		const json = await read([tenant], `count:group:${managed.id}`);
		const expected = upns(tenant, transitiveUserIds(tenant, managed.id));
		const [row] = rowsOf(json, tenant.tenantId);
		expect(row).toMatchObject({ skuId: `count:group:${managed.id}`, productName: 'Members of Managed Users', countKind: 'group', purchased: expected.length, assigned: expected.length, users: expected });
		// Nested members are there (Managed Sales), and the member that is also direct counts once.
		const sales = tenant.groups.find((g) => g.displayName === 'Managed Sales')!;
		expect(upns(tenant, sales.memberUserIds).every((u) => expected.includes(u))).toBe(true);
		const memberCalls = sandbox.requests.list().filter((r) => /transitiveMembers\/microsoft\.graph\.user$/.test(r.path));
		expect(memberCalls.length).toBe(Math.ceil(transitiveUserIds(tenant, managed.id).length / PAGE));
	});

	test('count:group:* (what a form offers): one count per group of the tenant, each with its members', async () => {
		const tenant = live()[0];
		const json = await read([tenant], 'count:group:*');
		const expected = tenant.groups.map((g) => [`count:group:${g.id}`, `Members of ${g.displayName}`, upns(tenant, transitiveUserIds(tenant, g.id)).length]);
		expect(rowsOf(json, tenant.tenantId).map((r) => [r.skuId, r.productName, r.assigned])).toEqual(expected);
	});

	test('an unknown group fails that tenant (C1 failure row naming it); the other tenant is read', async () => {
		const [a, b] = live();
		const json = await read([a, b], (t) => (t === a ? 'count:group:00000000-0000-4000-8000-000000000000' : `count:group:${t.groups[0].id}`));
		expect(json[0]).toMatchObject({ tenantId: a.tenantId, error: expect.stringContaining('00000000-0000-4000-8000-000000000000'), details: expect.objectContaining({ httpCode: 404 }) });
		expect(json[0].purchased).toBeUndefined();
		expect(rowsOf(json, b.tenantId)).toHaveLength(1);
	});
});

describe('licensed users and mailboxes', () => {
	test('licensed, enabled users, all or by UPN domain', async () => {
		const tenant = live()[0];
		const json = await read([tenant], `count:licensedUsers, count:licensedUsers:${tenant.defaultDomain}, count:licensedUsers:elsewhere.example`);
		const licensed = tenant.users.filter((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0).map((u) => u.userPrincipalName).sort((a, b) => a.localeCompare(b));
		expect(rowsOf(json, tenant.tenantId).map((r) => [r.skuId, r.assigned])).toEqual([
			['count:licensedusers', licensed.length],
			[`count:licensedusers:${tenant.defaultDomain}`, licensed.length],
			['count:licensedusers:elsewhere.example', 0],
		]);
	});

	test('user mailboxes, or user and shared ones, from the usage report (deleted and room mailboxes never)', async () => {
		const tenant = live()[1];
		const json = await read([tenant], 'count:mailboxes:user; count:mailboxes:user+shared');
		const of = (types: string[]) => tenant.mailboxes.filter((m) => !m.isDeleted && types.includes(m.recipientType)).map((m) => m.userPrincipalName).sort((a, b) => a.localeCompare(b));
		expect(rowsOf(json, tenant.tenantId).map((r) => [r.productName, r.assigned, r.users])).toEqual([
			['User mailboxes', of(['User']).length, of(['User'])],
			['User and shared mailboxes', of(['User', 'Shared']).length, of(['User', 'Shared'])],
		]);
		expect(sandbox.requests.list().filter((r) => r.path.includes('getMailboxUsageDetail')).length).toBe(1);
	});

	test('no GDAP role for reports: that tenant is a failure row saying which roles and permission are needed, never 0', async () => {
		const [a, b] = live();
		sandbox.faults.denyReports([a.tenantId]);
		const json = await read([a, b], 'count:mailboxes:user');
		expect(json[0]).toMatchObject({ tenantId: a.tenantId, error: expect.stringMatching(/mailbox usage report \(403\).*Reports\.Read\.All.*Reports Reader, Global Reader/) });
		expect(rowsOf(json, a.tenantId)).toEqual([]);
		expect(rowsOf(json, b.tenantId)).toHaveLength(1);
	});

	test('GDAP gone: the tenant with counts is a failure row', async () => {
		const [a] = live();
		sandbox.faults.removeGdap([a.tenantId]);
		const json = await read([a], `count:group:${a.groups[0].id}`);
		expect(json).toEqual([expect.objectContaining({ tenantId: a.tenantId, error: expect.any(String) })]);
	});

	test('no count asked: no group, user or report call is made', async () => {
		const [a] = live();
		await read([a], 'SPE_E3, 05e9a617-0261-4cee-bb44-138d3ef5d965');
		expect(sandbox.requests.list().filter((r) => r.service === 'graph' && /groups|reports|users/.test(r.path))).toEqual([]);
	});
});

describe('consent with the new permissions', () => {
	test('a consent granted with the old scopes refuses group members; Grant App Consent with "Replace an Existing Consent" renews it and the count reads', async () => {
		const [tenant] = live();
		const { clientId } = sandbox.credentials.microsoft;
		// As an earlier version consented the app: users and organization only.
		sandbox.faults.removeConsent([tenant.tenantId]);
		const partnerToken = await token(sandbox);
		const old = await fetch(`${sandbox.urls.partnerCenter}/v1/customers/${tenant.tenantId}/applicationconsents`, {
			method: 'POST',
			headers: { authorization: `Bearer ${partnerToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ applicationId: clientId, applicationGrants: [{ enterpriseApplicationId: '00000003-0000-0000-c000-000000000000', scope: 'User.Read.All,Organization.Read.All' }] }),
		});
		expect(old.status).toBe(201);
		const counts = `count:group:${tenant.groups[0].id}`;
		expect(await read([tenant], counts)).toEqual([expect.objectContaining({ tenantId: tenant.tenantId, error: expect.stringMatching(/group's members \(403\).*GroupMember\.Read\.All.*Replace an Existing Consent/) })]);

		const grant = (replaceExisting: boolean) => runNode({
			node, parameters: { authentication: 'refreshToken', resource: 'customer', operation: 'grantConsent', options: { replaceExisting } },
			inputs: [[{ json: { tenantId: tenant.tenantId, name: tenant.name } }]], credentials: { microsoftPartnerCenterApi: partnerCenterCredential(sandbox) },
		});
		expect((await grant(false)).outputs[0][0].json).toMatchObject({ consent: 'alreadyGranted' });
		expect((await grant(true)).outputs[0][0].json).toMatchObject({ consent: 'replaced', scopes: 'User.Read.All,Organization.Read.All,GroupMember.Read.All,Reports.Read.All' });
		forgetTokenProviders();
		expect(rowsOf(await read([tenant], counts), tenant.tenantId)).toHaveLength(1);
	});
});

describe('split tenant', () => {
	test('companyName North / South: each share counts its users, the rest is on the unmatched row, together all licensed users', async () => {
		const tenant = live().find((t) => t.split)!;
		expect(tenant).toBeDefined();
		const json = await read([tenant], `count:licensedUsers@companyName=${tenant.name} North, count:licensedUsers@companyName=${tenant.name} South`);
		const rows = rowsOf(json, tenant.tenantId);
		const licensed = tenant.users.filter((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0) as Array<{ companyName?: string | null; userPrincipalName: string }>;
		const north = licensed.filter((u) => u.companyName === `${tenant.name} North`).length;
		const south = licensed.filter((u) => u.companyName === `${tenant.name} South`).length;
		expect(rows.map((r) => [r.countKind, r.assigned])).toEqual([
			['share', north],
			['share', south],
			...(licensed.length - north - south > 0 ? [['unmatched', licensed.length - north - south]] : []),
		]);
		expect(rows.reduce((sum, r) => sum + (r.assigned as number), 0)).toBe(licensed.length);
	});

	test('a SKU split by office, a user in two shares counted once', async () => {
		const tenant = live().find((t) => new Set(t.users.map((u) => (u as { city?: string }).city)).size > 1)!;
		const sku = tenant.skus[0];
		const cities = [...new Set(tenant.users.map((u) => (u as { city?: string }).city!))].sort();
		// The first share takes every city, the second one city: the second city's holders match both.
		const json = await read([tenant], `${sku.skuPartNumber}@city=${cities.join('+')}, ${sku.skuPartNumber}@city=${cities[1]}`);
		const rows = rowsOf(json, tenant.tenantId);
		const holders = tenant.users.filter((u) => (u.assignedLicenses ?? []).some((l) => l.skuId === sku.skuId));
		const twice = holders.filter((u) => (u as { city?: string }).city === cities[1]).map((u) => u.userPrincipalName).sort((a, b) => a.localeCompare(b));
		expect(twice.length).toBeGreaterThan(0);
		// "…@city=<all cities>" sorts before "…@city=<second city>" (their first city sorts first): it counts everyone once.
		const allCities = `${sku.skuId}@city=${cities.map((c) => c.toLowerCase()).sort().join('+')}`;
		expect(rows.map((r) => [r.skuId, r.assigned, r.matchedTwice])).toEqual([
			[allCities, holders.length, twice],
			[`${sku.skuId}@city=${cities[1].toLowerCase()}`, 0, twice],
		]);
	});
});
