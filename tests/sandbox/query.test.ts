import { countRecords, listRecords, type QueryResponse } from '../../sandbox/connectwise/query';

const BASE = 'https://127.0.0.1:4443/cw/v4_6_release/apis/3.0/company/companies';

interface Company {
	id: number;
	identifier: string;
	name: string;
	status: { id: number; name: string };
	types: Array<{ id: number; name: string }>;
	customFields: Array<{ id: number; caption: string; value: string | null }>;
}

/** 2,500 companies with gaps in the ids, stored out of id order. */
function companies(count: number): Company[] {
	const list: Company[] = [];
	for (let i = 0; i < count; i++) {
		const id = count * 3 - i * 3 + (i % 2);
		list.push({
			id,
			identifier: `Company${id}`,
			name: ['Contoso', 'Fabrikam', 'Northwind', 'Adatum'][i % 4] + ` ${id}`,
			status: {
				id: i % 5 === 0 ? 2 : 1,
				name: i % 5 === 0 ? 'Inactive' : 'Active',
			},
			types: [{ id: 1, name: i % 3 === 0 ? 'Partner' : 'Client' }],
			customFields: [
				{
					id: 9,
					caption: 'Tenant ID',
					value: i % 10 === 0 ? null : `tenant-${id}`,
				},
			],
		});
	}
	return list;
}

const all = companies(2500);
const sortedIds = all.map((c) => c.id).sort((a, b) => a - b);

function ids(response: QueryResponse): number[] {
	return (response.body as Array<{ id: number }>).map((record) => record.id);
}

function links(response: QueryResponse): Record<string, string> {
	const result: Record<string, string> = {};
	for (const part of (response.headers.Link ?? '').split(', ').filter(Boolean)) {
		const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
		if (!match) throw new Error(`Malformed Link part: ${part}`);
		result[match[2]] = match[1];
	}
	return result;
}

/** Follows rel="next" like a client would, returning every page's ids. */
function walk(query: Record<string, string>, headers: Record<string, string> = {}): number[][] {
	const pages: number[][] = [];
	let response = listRecords(all, { baseUrl: BASE, query, headers });
	for (;;) {
		expect(response.status).toBe(200);
		pages.push(ids(response));
		const next = links(response).next;
		if (!next) return pages;
		const url = new URL(next);
		expect(`${url.origin}${url.pathname}`).toBe(BASE);
		response = listRecords(all, {
			baseUrl: BASE,
			query: url.searchParams,
			headers,
		});
	}
}

describe('numbered paging', () => {
	it('answers 25 records in id order by default with next and last links', () => {
		const response = listRecords(all, { baseUrl: BASE, query: {} });
		expect(response.status).toBe(200);
		expect(ids(response)).toEqual(sortedIds.slice(0, 25));
		expect(response.headers.Link).toBe(
			`<${BASE}?pageSize=25&page=2>; rel="next", <${BASE}?pageSize=25&page=100>; rel="last"`,
		);
	});

	it('gives first, prev, next and last on a middle page', () => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { page: '2', pageSize: '1000' },
		});
		expect(ids(response)).toEqual(sortedIds.slice(1000, 2000));
		expect(response.headers.Link).toBe(
			[
				`<${BASE}?pageSize=1000&page=1>; rel="first"`,
				`<${BASE}?pageSize=1000&page=1>; rel="prev"`,
				`<${BASE}?pageSize=1000&page=3>; rel="next"`,
				`<${BASE}?pageSize=1000&page=3>; rel="last"`,
			].join(', '),
		);
	});

	it('gives only first and prev on the last page, and no Link when one page holds everything', () => {
		const last = listRecords(all, {
			baseUrl: BASE,
			query: { page: '3', pageSize: '1000' },
		});
		expect(ids(last)).toEqual(sortedIds.slice(2000));
		expect(Object.keys(links(last))).toEqual(['first', 'prev']);
		const single = listRecords(all.slice(0, 10), { baseUrl: BASE, query: {} });
		expect(single.headers).toEqual({});
	});

	it('caps pageSize at 1000', () => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { pageSize: '5000' },
		});
		expect(ids(response)).toHaveLength(1000);
		expect(links(response).next).toBe(`${BASE}?pageSize=1000&page=2`);
	});

	it('returns an empty page past the end', () => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { page: '4', pageSize: '1000' },
		});
		expect(response.body).toEqual([]);
		expect(links(response).next).toBeUndefined();
	});

	it('walks 2,500 records in 3 pages of 1000 without gaps or repeats', () => {
		const pages = walk({ pageSize: '1000' });
		expect(pages.map((page) => page.length)).toEqual([1000, 1000, 500]);
		expect(pages.flat()).toEqual(sortedIds);
	});

	it('keeps the other query parameters, encoded, in the links', () => {
		const query = {
			conditions: 'name like "Contoso*" and status/name="Active"',
			pageSize: '100',
		};
		const response = listRecords(all, { baseUrl: BASE, query });
		expect(links(response).next).toBe(
			`${BASE}?conditions=name%20like%20%22Contoso*%22%20and%20status%2Fname%3D%22Active%22&pageSize=100&page=2`,
		);
		const pages = walk(query);
		const expected = all
			.filter((c) => c.name.startsWith('Contoso') && c.status.name === 'Active')
			.map((c) => c.id)
			.sort((a, b) => a - b);
		expect(pages.flat()).toEqual(expected);
	});

	it('reads parameter names without regard to case', () => {
		const params = new URLSearchParams({
			PageSize: '3',
			Page: '2',
			OrderBy: 'id desc',
		});
		const response = listRecords(all, { baseUrl: BASE, query: params });
		expect(ids(response)).toEqual(sortedIds.slice(-6, -3).reverse());
	});
});

describe('forward-only paging', () => {
	const forwardOnly = { 'Pagination-Type': 'forward-only' };

	it('gives only a next link carrying the last id as pageId', () => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { pageSize: '1000' },
			headers: forwardOnly,
		});
		expect(ids(response)).toEqual(sortedIds.slice(0, 1000));
		expect(response.headers.Link).toBe(
			`<${BASE}?pageSize=1000&pageId=${sortedIds[999]}>; rel="next"`,
		);
	});

	it('walks 2,500 records in 3 pages and stops without a Link header', () => {
		const pages = walk({ pageSize: '1000', orderBy: 'name desc' }, forwardOnly);
		expect(pages.map((page) => page.length)).toEqual([1000, 1000, 500]);
		expect(pages.flat()).toEqual(sortedIds);
	});

	it('ends without an empty page when the records fill the last page exactly', () => {
		const exact = all.slice(0, 2000);
		const first = listRecords(exact, {
			baseUrl: BASE,
			query: { pageSize: '1000' },
			headers: forwardOnly,
		});
		const next = new URL(links(first).next).searchParams;
		const second = listRecords(exact, { baseUrl: BASE, query: next, headers: forwardOnly });
		expect(ids(second)).toHaveLength(1000);
		expect(second.headers).toEqual({});
	});

	it('starts after the given pageId', () => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { pageSize: '2', pageId: String(sortedIds[9]) },
			headers: forwardOnly,
		});
		expect(ids(response)).toEqual(sortedIds.slice(10, 12));
	});
});

describe('filtering', () => {
	const byId = (list: Company[]) => list.map((c) => c.id).sort((a, b) => a - b);

	test.each([
		[
			'conditions',
			'id in (1, 3, 7500) or identifier = "company6"',
			byId(all.filter((c) => [1, 3, 7500, 6].includes(c.id))),
		],
		[
			'childConditions',
			'types/name = "Partner"',
			byId(all.filter((c) => c.types[0].name === 'Partner')),
		],
		[
			'customFieldConditions',
			'caption = "Tenant ID" and value = null',
			byId(all.filter((c) => c.customFields[0].value === null)),
		],
	])('%s: %s', (parameter, text, expected) => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { [parameter]: text, pageSize: '1000' },
		});
		expect(ids(response)).toEqual(expected.slice(0, 1000));
		expect(countRecords(all, { query: { [parameter]: text } }).body).toEqual({
			count: expected.length,
		});
	});

	test.each([
		['conditions', 'name = "Contoso'],
		['childConditions', 'types/name =='],
		['customFieldConditions', 'caption = "Tenant ID" and'],
	])('a malformed %s answers 400 with ConnectWise error body', (parameter, text) => {
		for (const response of [
			listRecords(all, { baseUrl: BASE, query: { [parameter]: text } }),
			countRecords(all, { query: { [parameter]: text } }),
		]) {
			expect(response.status).toBe(400);
			expect(response.body).toMatchObject({
				code: 'InvalidObject',
				errors: [{ code: 'InvalidField', resource: parameter, field: parameter }],
			});
			expect((response.body as { message: string }).message).toMatch(
				new RegExp(`^${parameter}: .+ at position \\d+$`),
			);
		}
	});

	it('names the position of the mistake', () => {
		const response = listRecords(all, {
			baseUrl: BASE,
			query: { conditions: 'name = "Contoso' },
		});
		expect(response.body).toEqual({
			code: 'InvalidObject',
			message: 'conditions: Unterminated string at position 7',
			errors: [
				{
					code: 'InvalidField',
					message: 'Unterminated string at position 7',
					resource: 'conditions',
					field: 'conditions',
				},
			],
		});
	});

	it('counts everything without conditions', () => {
		expect(countRecords(all, { query: {} })).toEqual({
			status: 200,
			body: { count: 2500 },
			headers: {},
		});
	});
});

describe('orderBy', () => {
	const small = companies(8);

	test.each([
		['name asc', [16, 4, 12, 24, 10, 22, 18, 6]],
		['name desc', [6, 18, 22, 10, 24, 12, 4, 16]],
		['NAME ASC', [16, 4, 12, 24, 10, 22, 18, 6]],
		['status/name desc, id', [10, 24, 4, 6, 12, 16, 18, 22]],
		['status/name, id desc', [22, 18, 16, 12, 6, 4, 24, 10]],
	])('%s', (orderBy, expected) => {
		expect(ids(listRecords(small, { baseUrl: BASE, query: { orderBy } }))).toEqual(expected);
	});

	test.each(['name sideways', 'name asc desc', ', name'])('rejects %j', (orderBy) => {
		const response = listRecords(small, {
			baseUrl: BASE,
			query: { orderBy },
		});
		expect(response.status).toBe(400);
		expect(response.body).toMatchObject({ errors: [{ field: 'orderBy' }] });
	});
});

describe('fields', () => {
	const small = companies(2);

	it('projects top-level and nested fields, including inside lists', () => {
		const response = listRecords(small, {
			baseUrl: BASE,
			query: { fields: 'id, name,status/name,customFields/value,missing' },
		});
		expect(response.body).toEqual([
			{
				id: 4,
				name: 'Fabrikam 4',
				status: { name: 'Active' },
				customFields: [{ value: 'tenant-4' }],
			},
			{
				id: 6,
				name: 'Contoso 6',
				status: { name: 'Inactive' },
				customFields: [{ value: null }],
			},
		]);
	});

	it('returns whole records without fields', () => {
		expect(listRecords(small, { baseUrl: BASE, query: {} }).body).toEqual([small[1], small[0]]);
	});
});

describe('bad paging parameters', () => {
	test.each([
		['page', 'two', {}],
		['pageSize', '10.5', {}],
		['pageId', 'abc', { 'pagination-type': 'forward-only' }],
	])('%s=%s answers 400', (name, value, headers) => {
		const response = listRecords(all, { baseUrl: BASE, query: { [name]: value }, headers });
		expect(response.status).toBe(400);
		expect(response.body).toMatchObject({ code: 'InvalidObject', errors: [{ field: name }] });
	});
});
