import { ApiError } from '../../../nodes/shared/apiError';
import { createHttpClient, joinUrl } from '../../../nodes/shared/http';
import { CancelledError } from '../../../nodes/shared/retry';
import { scriptedServer, type Reply, type ScriptedServer } from './testServer';

describe('http client retries', () => {
	let server: ScriptedServer;
	afterEach(async () => await server?.stop());

	function client(waits: number[], extra: Record<string, unknown> = {}) {
		return createHttpClient({
			service: 'graph',
			baseUrl: server.url,
			random: () => 1,
			retry: { maxAttempts: 4, baseDelayMs: 100 },
			wait: async (ms) => {
				waits.push(ms);
			},
			...extra,
		});
	}

	test('429 with Retry-After seconds waits that long, then succeeds', async () => {
		const replies: Reply[] = [
			{ status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } },
			{ status: 200, body: { value: [1] } },
		];
		server = await scriptedServer((_r, i) => replies[i]);
		const waits: number[] = [];
		const res = await client(waits).request<{ value: number[] }>({ method: 'GET', url: '/users' });
		expect(res.data.value).toEqual([1]);
		expect(waits).toEqual([7_000]);
		expect(server.seen).toHaveLength(2);
	});

	test('429 with an HTTP-date Retry-After waits until that date', async () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		const replies: Reply[] = [{ status: 429, headers: { 'Retry-After': 'Mon, 23 Nov 2026 12:00:04 GMT' } }, { status: 200, body: {} }];
		server = await scriptedServer((_r, i) => replies[i]);
		const waits: number[] = [];
		await client(waits, { now: () => now }).request({ method: 'GET', url: '/x' });
		expect(waits).toEqual([4_000]);
	});

	test('503 and a connection reset back off exponentially', async () => {
		const replies: Reply[] = [{ status: 503 }, { reset: true }, { status: 502 }, { status: 200, body: { ok: true } }];
		server = await scriptedServer((_r, i) => replies[i]);
		const waits: number[] = [];
		const res = await client(waits).request<{ ok: boolean }>({ method: 'GET', url: '/x' });
		expect(res.data.ok).toBe(true);
		expect(waits).toEqual([100, 200, 400]);
	});

	test.each([
		['GET', 2],
		['POST', 1],
		['PATCH', 1],
	])('a 500 is retried on %s only when it is a read (%i requests)', async (method, requests) => {
		const replies: Reply[] = [{ status: 500, body: { code: 'ConnectWiseApi', message: 'An error occurred' } }, { status: 200, body: { ok: true } }];
		server = await scriptedServer((_r, i) => replies[i]);
		const outcome = await client([]).request({ method: method as 'GET', url: '/x', body: method === 'GET' ? undefined : {} }).then(
			(res) => res.status,
			(error: ApiError) => error.status,
		);
		expect(server.seen).toHaveLength(requests);
		expect(outcome).toBe(method === 'GET' ? 200 : 500);
	});

	test('gives up after the bounded number of attempts with a readable error', async () => {
		server = await scriptedServer(() => ({ status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Try later' } } }));
		const waits: number[] = [];
		const error = await client(waits).request({ method: 'GET', url: '/users', action: 'read users of tenant Contoso' }).catch((e) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect(error.message).toBe('Could not read users of tenant Contoso: Microsoft Graph answered 503: Try later (after 4 attempts)');
		expect(error.status).toBe(503);
		expect(server.seen).toHaveLength(4);
	});

	test('a POST is not repeated after a 5xx unless the API makes it safe', async () => {
		server = await scriptedServer(() => ({ status: 503 }));
		const waits: number[] = [];
		await expect(client(waits).request({ method: 'POST', url: '/things', body: { a: 1 } })).rejects.toBeInstanceOf(ApiError);
		expect(server.seen).toHaveLength(1);
	});

	test('an idempotent POST (same MS-RequestId) is retried with the same headers', async () => {
		const replies: Reply[] = [{ status: 503 }, { status: 201, body: { id: 'x' } }];
		server = await scriptedServer((_r, i) => replies[i]);
		const waits: number[] = [];
		await client(waits).request({ method: 'POST', url: '/things', body: { a: 1 }, idempotent: true, headers: { 'MS-RequestId': 'req-1' } });
		expect(server.seen.map((s) => s.headers['ms-requestid'])).toEqual(['req-1', 'req-1']);
		expect(server.seen[1].body).toBe('{"a":1}');
	});

	test('a POST throttled with 429 is retried: the service did not act on it', async () => {
		const replies: Reply[] = [{ status: 429, headers: { 'Retry-After': '1' } }, { status: 201, body: {} }];
		server = await scriptedServer((_r, i) => replies[i]);
		const waits: number[] = [];
		await client(waits).request({ method: 'POST', url: '/things', body: {} });
		expect(server.seen).toHaveLength(2);
	});

	test('404 is not retried', async () => {
		server = await scriptedServer(() => ({ status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'Resource not found' } } }));
		const waits: number[] = [];
		await expect(client(waits).request({ method: 'GET', url: '/x' })).rejects.toThrow('Microsoft Graph answered 404: Resource not found');
		expect(waits).toEqual([]);
	});

	test('accepted statuses are returned, not thrown', async () => {
		server = await scriptedServer(() => ({ status: 404, body: { code: 'NotFound' } }));
		const res = await client([]).request({ method: 'GET', url: '/x', acceptStatus: [404] });
		expect(res.status).toBe(404);
	});

	test('a cancelled wait stops the retries', async () => {
		server = await scriptedServer(() => ({ status: 429, headers: { 'Retry-After': '60' } }));
		const controller = new AbortController();
		const c = createHttpClient({ service: 'connectWise', baseUrl: server.url, retry: { maxAttempts: 5 } });
		const pending = c.request({ method: 'GET', url: '/x', signal: controller.signal });
		setTimeout(() => controller.abort(), 50);
		await expect(pending).rejects.toBeInstanceOf(CancelledError);
		expect(server.seen).toHaveLength(1);
	});

	test('auth headers come from the provider on every attempt, and never appear in errors', async () => {
		server = await scriptedServer(() => ({ status: 401, body: { code: 'Unauthorized', message: 'Bad token eyJhbGciOiJSUzI1NiJ9.secret-token-value' } }));
		const c = createHttpClient({
			service: 'connectWise',
			baseUrl: server.url,
			headers: () => ({ Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret-token-value' }),
			secrets: ['eyJhbGciOiJSUzI1NiJ9.secret-token-value'],
		});
		const error: ApiError = await c.request({ method: 'GET', url: '/x' }).catch((e) => e);
		expect(server.seen[0].headers.authorization).toBe('Bearer eyJhbGciOiJSUzI1NiJ9.secret-token-value');
		expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain('secret-token-value');
		expect(error.message).toContain('ConnectWise PSA answered 401');
	});
});

describe('joinUrl', () => {
	test.each([
		['https://a.b/v1/', '/customers', undefined, 'https://a.b/v1/customers'],
		['https://a.b/v1', 'customers', { size: 10, x: undefined }, 'https://a.b/v1/customers?size=10'],
		['https://a.b/v1', 'https://other/next?p=2', undefined, 'https://other/next?p=2'],
		['https://a.b', '/u?a=1', { $filter: 'name eq "x y"' }, 'https://a.b/u?a=1&%24filter=name%20eq%20%22x%20y%22'],
	])('%s + %s', (base, path, query, expected) => {
		expect(joinUrl(base, path, query as never)).toBe(expected);
	});
});
