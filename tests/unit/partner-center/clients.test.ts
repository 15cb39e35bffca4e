import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from '../../../nodes/MicrosoftPartnerCenter/transport/clients';
import { readCredentials } from '../../../nodes/MicrosoftPartnerCenter/transport/credentials';
import type { TokenProvider } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { AccessTokenCache } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenCache';

/** A stand-in that fails the first call of each request with 503 and records headers. */
async function flakyServer() {
	const seen: Array<Record<string, string | string[] | undefined>> = [];
	let calls = 0;
	const server = http.createServer((req, res) => {
		seen.push(req.headers);
		calls++;
		if (calls % 2 === 1) {
			res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":503,"description":"busy"}');
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"totalCount":0,"items":[]}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { base, seen, close: async () => await new Promise((resolve) => server.close(resolve)) };
}

test('Partner Center requests: MS-RequestId reused on a retry and new per request; correlation id and contract version on each', async () => {
	const server = await flakyServer();
	try {
		const credentials = readCredentials({ environment: 'custom', loginUrl: server.base, partnerCenterUrl: server.base, graphUrl: server.base, partnerTenantId: 'p', clientId: 'c', clientSecret: 'secret-1', authMode: 'appOnly' });
		const tokens: TokenProvider = { cache: new AccessTokenCache(async () => ({ token: 't', expiresAt: Date.now() + 3_600_000 })), partnerCenter: async () => 'pc-token', graph: async () => 'graph-token', useRefreshToken: () => undefined, forgetPartnerCenter: () => undefined, forgetGraph: () => undefined };
		const api = createApi(credentials, tokens, { retry: { baseDelayMs: 1, maxDelayMs: 2 } });
		await api.partnerCenter.request({ method: 'GET', url: '/customers' });
		await api.partnerCenter.request({ method: 'GET', url: '/customers' });
		const ids = server.seen.map((h) => h['ms-requestid']);
		expect(ids).toHaveLength(4);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[2]).toBe(ids[3]);
		expect(ids[0]).not.toBe(ids[2]);
		expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(new Set(server.seen.map((h) => h['ms-correlationid'])).size).toBe(1);
		expect(server.seen.every((h) => h['ms-contract-version'] === 'v1' && h.authorization === 'Bearer pc-token')).toBe(true);
	} finally {
		await server.close();
	}
});

test('a token the service refuses (401) before it expires by our clock is dropped and the request sent once more with a new one', async () => {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(`${req.url} ${req.headers.authorization}`);
		const ok = req.headers.authorization !== 'Bearer token-1';
		res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"value":[]}' : '{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	try {
		const credentials = readCredentials({ environment: 'custom', loginUrl: base, partnerCenterUrl: base, graphUrl: base, partnerTenantId: 'p', clientId: 'c', clientSecret: 'secret-1', authMode: 'appOnly' });
		let issued = 0;
		const cache = new AccessTokenCache(async () => ({ token: `token-${++issued}`, expiresAt: Date.now() + 3_600_000 }));
		const tokens: TokenProvider = {
			cache,
			partnerCenter: async () => await cache.get('p', 'pc'),
			graph: async (tenantId) => await cache.get(tenantId, 'graph'),
			forgetPartnerCenter: () => cache.forget('p', 'pc'),
			forgetGraph: (tenantId) => cache.forget(tenantId, 'graph'),
			useRefreshToken: () => undefined,
		};
		const api = createApi(credentials, tokens, { retry: { baseDelayMs: 1, maxDelayMs: 2 } });

		await api.graph('t1').request({ method: 'GET', url: '/subscribedSkus' });
		await api.graph('t1').request({ method: 'GET', url: '/subscribedSkus' });

		expect(seen).toEqual(['/v1.0/subscribedSkus Bearer token-1', '/v1.0/subscribedSkus Bearer token-2', '/v1.0/subscribedSkus Bearer token-2']);
		// A refusal of the new token too is the answer: one more try, not a loop.
		const refusing = createApi(credentials, { ...tokens, graph: async () => 'token-1' }, { retry: { baseDelayMs: 1, maxDelayMs: 2 } });
		await expect(refusing.graph('t2').request({ method: 'GET', url: '/users' })).rejects.toMatchObject({ status: 401 });
		expect(seen.filter((line) => line.startsWith('/v1.0/users'))).toHaveLength(2);
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
});
