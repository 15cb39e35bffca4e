import { AuthenticationHandler, Client, type Context, HTTPMessageHandler, type Middleware, PageIterator } from '@microsoft/microsoft-graph-client';
import type { CompanySubscription, SubscribedSku, User } from '@microsoft/microsoft-graph-types';
import https from 'node:https';
import { startSandbox, type Sandbox } from '../../sandbox';
import { gdapTenant, token } from './helpers';

/**
 * The Graph client only sends tokens to https hosts, and Node's fetch cannot be told to trust
 * one self-signed certificate; this last middleware sends the request with node:https instead.
 */
class SandboxHttps implements Middleware {
	constructor(private readonly ca: string) {}

	async execute(context: Context): Promise<void> {
		const url = typeof context.request === 'string' ? context.request : context.request.url;
		const headers = Object.fromEntries(new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]).entries());
		const body = context.options?.body as string | undefined;
		context.response = await new Promise<Response>((resolve, reject) => {
			const request = https.request(url, { method: context.options?.method ?? 'GET', headers, ca: this.ca }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve(new Response(Buffer.concat(chunks), { status: response.statusCode, headers: response.headers as Record<string, string> })),
				);
			});
			request.on('error', reject);
			request.end(body);
		});
	}
}

describe('@microsoft/microsoft-graph-client against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 40, seed: 3, https: true });
	});
	afterAll(() => sandbox.stop());

	const clientFor = async (tenantId: string) => {
		const accessToken = await token(sandbox, { tenantId, resource: 'graph' });
		return Client.initWithMiddleware({
			baseUrl: `${sandbox.urls.graph}/`,
			customHosts: new Set(['127.0.0.1']),
			middleware: [new AuthenticationHandler({ getAccessToken: async () => accessToken }), new SandboxHttps(sandbox.certificate!)],
		});
	};

	it('pages all licensed users of a tenant through @odata.nextLink', async () => {
		const tenantId = gdapTenant(sandbox);
		const tenant = sandbox.state.tenants.find((candidate) => candidate.tenantId === tenantId)!;
		const skuId = tenant.skus[0].skuId;
		const client = await clientFor(tenantId);
		const first = await client
			.api('/users')
			.version('v1.0')
			.select(['id', 'userPrincipalName', 'assignedLicenses'])
			.filter(`assignedLicenses/any(x:x/skuId eq ${skuId})`)
			.top(2)
			.get();
		const seen: User[] = [];
		await new PageIterator(client, first, (user: User) => {
			seen.push(user);
			return true;
		}).iterate();
		const expected = tenant.users.filter((user) => user.assignedLicenses?.some((license) => license.skuId === skuId));
		expect(seen.map((user) => user.userPrincipalName)).toEqual(expected.map((user) => user.userPrincipalName));
		expect(seen.length).toBe(tenant.skus[0].consumedUnits);
		expect(Object.keys(seen[0]).sort()).toEqual(['assignedLicenses', 'id', 'userPrincipalName']);
	});

	it('reads directory/subscriptions of a customer tenant: commerce ids are not the subscribedSkus ids', async () => {
		const live = new Set(sandbox.state.gdapRelationships.filter((relationship) => relationship.status === 'active').map((relationship) => relationship.customer?.tenantId));
		const tenant = sandbox.state.tenants.find((candidate) => live.has(candidate.tenantId) && candidate.subscriptions.some((subscription) => subscription.directorySubscriptionId))!;
		const client = await clientFor(tenant.tenantId);
		const directory = (await client.api('/directory/subscriptions').version('v1.0').get()) as { value: CompanySubscription[] };
		const skus = (await client.api('/subscribedSkus').version('v1.0').get()) as { value: SubscribedSku[] };
		expect(directory.value.length).toBeGreaterThan(0);
		for (const subscription of directory.value) {
			expect(subscription.commerceSubscriptionId).toMatch(/^[0-9a-f-]{36}$/);
			expect(subscription.skuId).toMatch(/^[0-9a-f-]{36}$/);
		}
		const directoryIds = new Set(skus.value.flatMap((sku) => sku.subscriptionIds ?? []));
		expect(directoryIds.size).toBeGreaterThan(0);
		expect(directory.value.filter((subscription) => directoryIds.has(subscription.commerceSubscriptionId!))).toEqual([]);
		// The directory ids in subscribedSkus are the companySubscription ids, each naming its commerce id.
		expect(directory.value.filter((subscription) => directoryIds.has(subscription.id!)).length).toBe(directoryIds.size);
		expect(directory.value.map((subscription) => subscription.commerceSubscriptionId).sort()).toEqual(
			tenant.subscriptions.filter((subscription) => subscription.directorySubscriptionId).map((subscription) => subscription.id).sort(),
		);
	});

	it('answers 403 Authorization_RequestDenied for a tenant whose GDAP expired', async () => {
		const client = await clientFor(gdapTenant(sandbox, 'expired'));
		await expect(client.api('/subscribedSkus').version('v1.0').get()).rejects.toMatchObject({ statusCode: 403, code: 'Authorization_RequestDenied' });
	});

	it('runs a $batch of up to 20 requests with the caller token only', async () => {
		const tenantId = gdapTenant(sandbox);
		const client = await clientFor(tenantId);
		const requests = Array.from({ length: 20 }, (_, index) => ({ id: String(index + 1), method: 'GET', url: index % 2 ? '/organization' : '/subscribedSkus' }));
		const answer = await client.api('/$batch').version('v1.0').post({ requests });
		expect(answer.responses).toHaveLength(20);
		expect(answer.responses[1]).toMatchObject({ id: '2', status: 200, body: { value: [{ id: tenantId }] } });
		await expect(client.api('/$batch').version('v1.0').post({ requests: [...requests, { id: '21', method: 'GET', url: '/organization' }] })).rejects.toMatchObject({ statusCode: 400 });
	});

	it('logs each $batch part as a request of its own, and injected faults reach single parts', async () => {
		const tenantId = gdapTenant(sandbox);
		const client = await clientFor(tenantId);
		sandbox.requests.clear();
		sandbox.faults.throttle('graph GET /v1.0/organization', { count: 1, retryAfterSeconds: 3 });
		const answer = await client.api('/$batch').version('v1.0').post({
			requests: [
				{ id: 'a', method: 'GET', url: '/subscribedSkus' },
				{ id: 'b', method: 'GET', url: '/organization' },
			],
		});
		expect(answer.responses.map((part: { id: string; status: number }) => [part.id, part.status])).toEqual([['a', 200], ['b', 429]]);
		const parts = sandbox.requests.list().filter((record) => record.inBatch);
		expect(parts.map((record) => [record.endpoint, record.status, record.tenantId, record.fault])).toEqual([
			['graph GET /v1.0/subscribedSkus', 200, tenantId, undefined],
			['graph GET /v1.0/organization', 429, undefined, 'throttle'],
		]);
		expect(sandbox.requests.count('graph POST /v1.0/$batch')).toBe(1);
		sandbox.faults.clear();
	});
});

describe('@microsoft/microsoft-graph-client against a plain-http sandbox', () => {
	// The client's AuthenticationHandler adds the token only to https URLs of Graph or custom hosts,
	// so over http the request leaves without one; hence the https sandbox and SandboxHttps above.
	it('sends no token, and the sandbox answers 401 "Access token is empty."', async () => {
		const sandbox = await startSandbox({ tenants: 12, seed: 4 });
		try {
			const accessToken = await token(sandbox, { tenantId: gdapTenant(sandbox), resource: 'graph' });
			const client = Client.initWithMiddleware({
				baseUrl: `${sandbox.urls.graph}/`,
				customHosts: new Set(['127.0.0.1']),
				middleware: [new AuthenticationHandler({ getAccessToken: async () => accessToken }), new HTTPMessageHandler()],
			});
			await expect(client.api('/directory/subscriptions').version('v1.0').get()).rejects.toMatchObject({ statusCode: 401, message: 'Access token is empty.' });
		} finally {
			await sandbox.stop();
		}
	});
});
