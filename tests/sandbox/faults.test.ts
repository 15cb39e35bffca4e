import { startSandbox, type Sandbox } from '../../sandbox';
import { cw, gdapTenant, get, token } from './helpers';

describe('sandbox faults and access rules', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 30, seed: 9 });
	});
	afterAll(() => sandbox.stop());
	afterEach(() => sandbox.faults.clear());

	it('throttles the chosen endpoint with 429 and Retry-After in the service shape, then recovers', async () => {
		sandbox.faults.throttle('cw GET /company/companies', { count: 1, retryAfterSeconds: 7 });
		const throttled = await cw(sandbox, '/company/companies');
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('7');
		expect(await throttled.json()).toMatchObject({ code: 'TooManyRequests' });
		expect((await cw(sandbox, '/company/companies')).status).toBe(200);
	});

	it('answers 5xx in Partner Center shape and resets connections', async () => {
		const accessToken = await token(sandbox);
		sandbox.faults.serverError('partnercenter', { status: 503 });
		const failed = await get(`${sandbox.urls.partnerCenter}/v1/customers`, accessToken);
		expect(failed.status).toBe(503);
		expect(await failed.json()).toMatchObject({ source: 'PartnerFD' });
		sandbox.faults.reset('partnercenter GET /v1/customers');
		await expect(get(`${sandbox.urls.partnerCenter}/v1/customers`, accessToken)).rejects.toThrow();
		expect((await get(`${sandbox.urls.partnerCenter}/v1/customers`, accessToken)).status).toBe(200);
	});

	it('rate-limits: 429 once more requests than allowed arrive in the window', async () => {
		sandbox.faults.rateLimit('cw', { limit: 3, windowMs: 60_000 });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await cw(sandbox, '/system/info')).status);
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
	});

	it('GDAP removed for a tenant → Graph 403 for delegated tokens; other tenants unaffected', async () => {
		const [lost, kept] = sandbox.state.gdapRelationships.filter((relationship) => relationship.status === 'active').map((relationship) => relationship.customer!.tenantId!);
		sandbox.faults.removeGdap([lost]);
		const denied = await get(`${sandbox.urls.graph}/v1.0/subscribedSkus`, await token(sandbox, { tenantId: lost, resource: 'graph' }));
		expect(denied.status).toBe(403);
		expect(await denied.json()).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
		expect((await get(`${sandbox.urls.graph}/v1.0/subscribedSkus`, await token(sandbox, { tenantId: kept, resource: 'graph' }))).status).toBe(200);
	});

	it('a removed tenant disappears from Partner Center customers and answers 404 by id', async () => {
		const gone = sandbox.state.tenants[4].tenantId;
		sandbox.faults.removeTenant(gone);
		const accessToken = await token(sandbox);
		const list = (await (await get(`${sandbox.urls.partnerCenter}/v1/customers`, accessToken)).json()) as { items: Array<{ id: string }> };
		expect(list.items.map((customer) => customer.id)).not.toContain(gone);
		const byId = await get(`${sandbox.urls.partnerCenter}/v1/customers/${gone}/subscribedskus`, accessToken);
		expect(byId.status).toBe(404);
		expect(await byId.json()).toMatchObject({ code: 600, data: [], source: 'PartnerFD' });
		sandbox.state.tenants[4].removed = false;
	});

	it('keeps tenants apart: a token for tenant A reads A only, and Partner Center refuses a Graph token', async () => {
		const a = gdapTenant(sandbox);
		const graphToken = await token(sandbox, { tenantId: a, resource: 'graph' });
		const organization = (await (await get(`${sandbox.urls.graph}/v1.0/organization`, graphToken)).json()) as { value: Array<{ id: string }> };
		expect(organization.value.map((org) => org.id)).toEqual([a]);
		expect((await get(`${sandbox.urls.partnerCenter}/v1/customers`, graphToken)).status).toBe(401);
	});

	it('refuses ConnectWise calls without the clientId header or with a wrong key', async () => {
		const noClientId = await cw(sandbox, '/company/companies', { headers: { clientId: '' } });
		expect(noClientId.status).toBe(401);
		const wrongKey = await fetch(`${sandbox.urls.connectWise}/v4_6_release/apis/3.0/company/companies`, {
			headers: { authorization: `Basic ${Buffer.from('sandbox+x:y').toString('base64')}`, clientId: sandbox.credentials.connectWise.clientId },
		});
		expect(wrongKey.status).toBe(401);
	});

	it('logs each request with its endpoint for counting API calls', async () => {
		sandbox.requests.clear();
		await cw(sandbox, '/company/companies/count');
		await cw(sandbox, '/company/companies/count');
		expect(sandbox.requests.countsByEndpoint()).toEqual({ 'cw GET /company/companies/count': 2 });
	});
});

describe('sandbox tokens expire', () => {
	it('answers 401 InvalidAuthenticationToken once the token lifetime is over', async () => {
		const sandbox = await startSandbox({ tenants: 3, seed: 2, tokenLifetimeSeconds: 1 });
		try {
			const accessToken = await token(sandbox, { tenantId: sandbox.state.tenants[0].tenantId, resource: 'graph', grant: 'client_credentials' });
			expect((await get(`${sandbox.urls.graph}/v1.0/organization`, accessToken)).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const expired = await get(`${sandbox.urls.graph}/v1.0/organization`, accessToken);
			expect(expired.status).toBe(401);
		} finally {
			await sandbox.stop();
		}
	});
});

describe('sandbox fault rate', () => {
	it('answers about the given share of requests with 429 (Retry-After) or 503, the same for the same seed', async () => {
		const statusesFor = async (seed: number) => {
			const sandbox = await startSandbox({ tenants: 5, seed, faultRate: 0.3 });
			try {
				const statuses: number[] = [];
				for (let i = 0; i < 200; i++) {
					const response = await cw(sandbox, '/system/info');
					if (response.status === 429) expect(response.headers.get('retry-after')).toBe('1');
					statuses.push(response.status);
				}
				return statuses;
			} finally {
				await sandbox.stop();
			}
		};
		const first = await statusesFor(4);
		const faults = first.filter((status) => status !== 200);
		expect(new Set(faults)).toEqual(new Set([429, 503]));
		expect(faults.length).toBeGreaterThan(200 * 0.2);
		expect(faults.length).toBeLessThan(200 * 0.4);
		expect(await statusesFor(4)).toEqual(first);
	});
});
