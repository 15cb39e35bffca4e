/** The sandbox's Graph for custom counts (#18), spoken to as a plain HTTP client would. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { transitiveUserIds } from '../../sandbox/data/directory';
import { gdapTenant, get, token } from './helpers';

describe('sandbox Graph: groups, mailbox report, user attributes', () => {
	let sandbox: Sandbox;
	let tenantId: string;
	let accessToken: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 10, seed: 4 });
		tenantId = gdapTenant(sandbox);
		accessToken = await token(sandbox, { tenantId, resource: 'graph' });
	});
	afterAll(() => sandbox.stop());
	const tenant = () => sandbox.state.tenants.find((t) => t.tenantId === tenantId)!;
	const managed = () => tenant().groups.find((g) => g.displayName === 'Managed Users')!;

	test('same seed, same directory, two split tenants among ten', async () => {
		const again = await startSandbox({ tenants: 10, seed: 4 });
		try {
			expect(JSON.stringify(again.state.tenants)).toBe(JSON.stringify(sandbox.state.tenants));
			expect(sandbox.state.tenants.filter((t) => t.split).length).toBe(2);
		} finally {
			await again.stop();
		}
	});

	test('transitive user members: nested groups flattened, each user once, devices left out, nextLink paging', async () => {
		const url = `${sandbox.urls.graph}/v1.0/groups/${managed().id}/transitiveMembers/microsoft.graph.user?$select=id,department&$top=3`;
		const seen: string[] = [];
		let next: string | undefined = url;
		while (next) {
			const page = (await (await get(next, accessToken)).json()) as { value: Array<{ id: string; '@odata.type': string }>; '@odata.nextLink'?: string };
			expect(page.value.length).toBeLessThanOrEqual(3);
			expect(page.value.every((u) => u['@odata.type'] === '#microsoft.graph.user')).toBe(true);
			seen.push(...page.value.map((u) => u.id));
			next = page['@odata.nextLink'];
		}
		expect(seen).toEqual(transitiveUserIds(tenant(), managed().id));
		expect(new Set(seen).size).toBe(seen.length);
		const nested = tenant().groups.find((g) => g.displayName === 'Managed Sales')!;
		expect(nested.memberUserIds.every((id) => seen.includes(id))).toBe(true);
	});

	test('$count needs ConsistencyLevel: eventual and answers a bare number', async () => {
		const url = `${sandbox.urls.graph}/v1.0/groups/${managed().id}/transitiveMembers/microsoft.graph.user/$count`;
		const refused = await get(url, accessToken);
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('Request_BadRequest');
		const counted = await get(url, accessToken, { ConsistencyLevel: 'eventual' });
		expect(await counted.text()).toBe(String(transitiveUserIds(tenant(), managed().id).length));
	});

	test('an unknown group is 404 Request_ResourceNotFound', async () => {
		const res = await get(`${sandbox.urls.graph}/v1.0/groups/00000000-0000-4000-8000-000000000000`, accessToken);
		expect(res.status).toBe(404);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Request_ResourceNotFound');
	});

	test('mailbox usage report: 302 to a download that needs no token, CSV with Recipient Type', async () => {
		const res = await fetch(`${sandbox.urls.graph}/v1.0/reports/getMailboxUsageDetail(period='D7')`, { headers: { authorization: `Bearer ${accessToken}` }, redirect: 'manual' });
		expect(res.status).toBe(302);
		const csv = await (await fetch(res.headers.get('location')!)).text();
		const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
		expect(lines[0]).toContain('User Principal Name,Display Name,Is Deleted');
		expect(lines[0]).toContain('Recipient Type');
		expect(lines.length - 1).toBe(tenant().mailboxes.length);
		expect(lines.some((line) => line.includes(',Shared,'))).toBe(true);
		const bad = await get(`${sandbox.urls.graph}/v1.0/reports/getMailboxUsageDetail(period='D5')`, accessToken);
		expect(bad.status).toBe(400);
	});

	test('refusals: no reports role (GDAP) → 403; no live GDAP → 403 Authorization_RequestDenied', async () => {
		sandbox.faults.denyReports([tenantId]);
		const report = await fetch(`${sandbox.urls.graph}/v1.0/reports/getMailboxUsageDetail(period='D7')`, { headers: { authorization: `Bearer ${accessToken}` }, redirect: 'manual' });
		expect(report.status).toBe(403);
		sandbox.faults.removeGdap([tenantId]);
		const members = await get(`${sandbox.urls.graph}/v1.0/groups/${managed().id}/transitiveMembers/microsoft.graph.user`, accessToken);
		expect(members.status).toBe(403);
		sandbox.faults.clear();
	});

	test('users carry the split attributes when selected', async () => {
		const res = await get(`${sandbox.urls.graph}/v1.0/users?$select=userPrincipalName,department,companyName,officeLocation,city,state&$top=999`, accessToken);
		const users = ((await res.json()) as { value: Array<Record<string, string | null>> }).value;
		expect(users.length).toBe(tenant().users.length);
		expect(users.every((u) => 'department' in u && 'companyName' in u && typeof u.city === 'string' && typeof u.state === 'string' && typeof u.officeLocation === 'string')).toBe(true);
	});
});
