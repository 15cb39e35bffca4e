import { createHttpClient } from '../../../nodes/shared/http';
import { collect, pageConnectWise, pageOData, pagePartnerCenter, parseLinkHeader } from '../../../nodes/shared/paging';
import { scriptedServer, type ScriptedServer } from './testServer';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('paging', () => {
	let server: ScriptedServer;
	afterEach(async () => await server?.stop());
	const client = () => createHttpClient({ service: 'graph', baseUrl: server.url, retry: { maxAttempts: 1 } });

	test('Graph: follows @odata.nextLink (absolute, opaque) until it is absent', async () => {
		server = await scriptedServer((req) => {
			const skip = Number(new URL(req.url, 'http://x').searchParams.get('$skiptoken') ?? 0);
			const value = range(skip, Math.min(skip + 3, 7));
			const next = skip + 3 < 7 ? `${server.url}/v1.0/users?$skiptoken=${skip + 3}` : undefined;
			return { body: { value, ...(next ? { '@odata.nextLink': next } : {}) } };
		});
		const all = await collect(pageOData<number>(client(), '/v1.0/users', { $select: 'id' }));
		expect(all).toEqual(range(0, 7));
		expect(server.seen.map((s) => s.url)).toEqual(['/v1.0/users?%24select=id', '/v1.0/users?$skiptoken=3', '/v1.0/users?$skiptoken=6']);
	});

	test('Graph: a limit stops reading further pages', async () => {
		server = await scriptedServer((req, i) => ({ body: { value: range(i * 3, i * 3 + 3), '@odata.nextLink': `${server.url}/next/${i + 1}` } }));
		const all = await collect(pageOData<number>(client(), '/users', undefined, { limit: 4 }));
		expect(all).toEqual([0, 1, 2, 3]);
		expect(server.seen).toHaveLength(2);
	});

	test('Partner Center: seek paging with MS-ContinuationToken from links.next', async () => {
		server = await scriptedServer((req, i) => {
			const last = i === 2;
			return {
				body: {
					totalCount: 7,
					items: range(i * 3, Math.min(i * 3 + 3, 7)),
					links: last ? { self: { uri: '/customers' } } : { next: { uri: '/customers?size=3&seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: `tok-${i + 1}` }] } },
					...(last ? {} : { continuationToken: `tok-${i + 1}` }),
					attributes: { objectType: 'Collection' },
				},
			};
		});
		const all = await collect(pagePartnerCenter<number>(client(), '/v1/customers', { size: 3 }));
		expect(all).toEqual(range(0, 7));
		expect(server.seen.map((s) => [s.url, s.headers['ms-continuationtoken']])).toEqual([
			['/v1/customers?size=3', undefined],
			['/v1/customers?size=3&seekOperation=Next', 'tok-1'],
			['/v1/customers?size=3&seekOperation=Next', 'tok-2'],
		]);
	});

	test('ConnectWise: numbered pages follow the Link header', async () => {
		server = await scriptedServer((req) => {
			const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
			const items = range((page - 1) * 1000, Math.min(page * 1000, 2500));
			const next = page < 3 ? `<${server.url}/company/companies?pageSize=1000&page=${page + 1}>; rel="next", <${server.url}/company/companies?pageSize=1000&page=3>; rel="last"` : `<${server.url}/company/companies?pageSize=1000&page=1>; rel="first"`;
			return { body: items, headers: { Link: next } };
		});
		const all = await collect(pageConnectWise<number>(client(), '/company/companies', { conditions: 'deletedFlag=false' }));
		expect(all).toEqual(range(0, 2500));
		expect(server.seen[0].url).toBe('/company/companies?conditions=deletedFlag%3Dfalse&pageSize=1000&page=1');
	});

	test('ConnectWise: forward-only paging sends the header and follows pageId links', async () => {
		server = await scriptedServer((req) => {
			const pageId = Number(new URL(req.url, 'http://x').searchParams.get('pageId') ?? 0);
			const items = range(pageId, Math.min(pageId + 1000, 2100));
			const link = pageId + 1000 < 2100 ? `<${server.url}/finance/agreements?pageSize=1000&pageId=${pageId + 1000}>; rel="next"` : '';
			const headers: Record<string, string> = link ? { Link: link } : {};
			return { body: items, headers };
		});
		const all = await collect(pageConnectWise<number>(client(), '/finance/agreements', {}, { forwardOnly: true }));
		expect(all).toHaveLength(2100);
		expect(server.seen.every((s) => s.headers['pagination-type'] === 'forward-only')).toBe(true);
		expect(server.seen[0].url).toBe('/finance/agreements?pageSize=1000');
		expect(server.seen).toHaveLength(3);
	});

	test('parseLinkHeader', () => {
		expect(parseLinkHeader('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"')).toEqual({ next: 'https://x/a?page=2', last: 'https://x/a?page=9' });
		expect(parseLinkHeader(undefined)).toEqual({});
	});
});
