/**
 * ConnectWise PSA list and count requests as pure functions: filter (conditions,
 * childConditions, customFieldConditions), order, page (numbered or forward-only) and
 * project (`fields`), answering with the status, body and `Link` header the real API sends.
 */
import {
	type ConnectWiseErrorBody,
	conditionsError,
	type Expr,
	matches,
	tryParseConditions,
} from './conditions';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export type QueryParams = Record<string, string | undefined>;
export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface ListRequest {
	/** Absolute URL of the collection without a query string, e.g. `https://127.0.0.1:4443/cw/v4_6_release/apis/3.0/company/companies`. */
	baseUrl: string;
	/** Query string parameters as received (names are matched without regard to case). */
	query: QueryParams | URLSearchParams;
	/** Request headers (Node's `req.headers` fits); only `pagination-type` is read. */
	headers?: RequestHeaders;
}

export interface QueryResponse {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

type RecordLike = object;

class QueryError extends Error {
	constructor(readonly body: ConnectWiseErrorBody) {
		super(body.message);
	}
}

function toParams(query: QueryParams | URLSearchParams): Array<[string, string]> {
	const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
	return entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

function param(params: Array<[string, string]>, name: string): string | undefined {
	return params.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

function header(headers: RequestHeaders | undefined, name: string): string | undefined {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers?.[key];
	return Array.isArray(value) ? value[0] : value;
}

function integer(params: Array<[string, string]>, name: string): number | undefined {
	const text = param(params, name);
	if (text === undefined || text.trim() === '') return undefined;
	if (!/^-?\d+$/.test(text.trim())) {
		throw new QueryError(conditionsError(`'${text}' is not a valid value for ${name}`, name));
	}
	return Number(text);
}

function parsed(params: Array<[string, string]>, name: string): Expr | undefined {
	const text = param(params, name);
	if (text === undefined || text.trim() === '') return undefined;
	const result = tryParseConditions(text);
	if ('error' in result) throw new QueryError(conditionsError(result.error.message, name));
	return result.expr;
}

function fieldValue(record: unknown, path: string[]): unknown {
	let value = record;
	for (const part of path) {
		if (Array.isArray(value)) value = value[0];
		if (value === null || typeof value !== 'object') return undefined;
		const object = value as Record<string, unknown>;
		const key =
			part in object
				? part
				: Object.keys(object).find((k) => k.toLowerCase() === part.toLowerCase());
		value = key === undefined ? undefined : object[key];
	}
	return value;
}

function filter(records: readonly RecordLike[], params: Array<[string, string]>): RecordLike[] {
	const conditions = parsed(params, 'conditions');
	const childConditions = parsed(params, 'childConditions');
	const customFieldConditions = parsed(params, 'customFieldConditions');
	return records.filter((record) => {
		if (conditions && !matches(conditions, record)) return false;
		if (childConditions && !matches(childConditions, record)) return false;
		if (customFieldConditions) {
			// customFieldConditions speak about one custom field entry (caption, value, id).
			const customFields = fieldValue(record, ['customFields']);
			const entries = Array.isArray(customFields) ? customFields : [];
			if (!entries.some((entry) => matches(customFieldConditions, entry))) return false;
		}
		return true;
	});
}

interface SortKey {
	path: string[];
	direction: 1 | -1;
}

function sortKeys(orderBy: string | undefined): SortKey[] {
	if (orderBy === undefined || orderBy.trim() === '') return [];
	return orderBy.split(',').map((clause) => {
		const [field, direction = 'asc', ...rest] = clause.trim().split(/\s+/);
		const dir = direction.toLowerCase();
		if (
			!/^[A-Za-z_][A-Za-z0-9_/]*$/.test(field ?? '') ||
			(dir !== 'asc' && dir !== 'desc') ||
			rest.length
		) {
			throw new QueryError(
				conditionsError(`'${clause.trim()}' is not a valid orderBy clause`, 'orderBy'),
			);
		}
		return { path: field.split('/'), direction: dir === 'asc' ? 1 : -1 };
	});
}

/** Nulls first ascending (SQL Server), strings without regard to case, numbers by value. */
function compareValues(a: unknown, b: unknown): number {
	const aNull = a === null || a === undefined;
	const bNull = b === null || b === undefined;
	if (aNull || bNull) return aNull === bNull ? 0 : aNull ? -1 : 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
	const left = String(a).toLowerCase();
	const right = String(b).toLowerCase();
	return left < right ? -1 : left > right ? 1 : 0;
}

function inIdOrder(records: RecordLike[]): boolean {
	for (let i = 1; i < records.length; i++) {
		const previous = fieldValue(records[i - 1], ['id']);
		const current = fieldValue(records[i], ['id']);
		if (typeof previous !== 'number' || typeof current !== 'number' || previous > current)
			return false;
	}
	return true;
}

function sort(records: RecordLike[], keys: SortKey[]): RecordLike[] {
	// State is usually kept in id order already; skip the sort then.
	if (keys.length === 0 && inIdOrder(records)) return records;
	// Ties fall back to id so pages never overlap or skip.
	const all: SortKey[] = [...keys, { path: ['id'], direction: 1 }];
	const decorated = records.map((record) => ({
		record,
		values: all.map((key) => fieldValue(record, key.path)),
	}));
	decorated.sort((a, b) => {
		for (let i = 0; i < all.length; i++) {
			const result = compareValues(a.values[i], b.values[i]);
			if (result !== 0) return result * all[i].direction;
		}
		return 0;
	});
	return decorated.map((entry) => entry.record);
}

type FieldTree = Map<string, FieldTree>;

function fieldTree(fields: string | undefined): FieldTree | undefined {
	if (fields === undefined || fields.trim() === '') return undefined;
	const tree: FieldTree = new Map();
	for (const field of fields.split(',')) {
		let node = tree;
		for (const part of field.trim().split('/').filter(Boolean)) {
			const child = node.get(part) ?? new Map();
			node.set(part, child);
			node = child;
		}
	}
	return tree;
}

function project(value: unknown, tree: FieldTree): unknown {
	if (tree.size === 0 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((item) => project(item, tree));
	const object = value as Record<string, unknown>;
	const result: Record<string, unknown> = {};
	for (const [name, subtree] of tree) {
		const key =
			name in object
				? name
				: Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
		if (key !== undefined && object[key] !== undefined) result[key] = project(object[key], subtree);
	}
	return result;
}

function pageSizeOf(params: Array<[string, string]>): number {
	const requested = integer(params, 'pageSize');
	// ConnectWise caps large page sizes at 1000 instead of refusing them.
	if (requested === undefined || requested < 1) return DEFAULT_PAGE_SIZE;
	return Math.min(requested, MAX_PAGE_SIZE);
}

function linkUrl(
	baseUrl: string,
	params: Array<[string, string]>,
	paging: Array<[string, number]>,
): string {
	const kept = params.filter(
		([key]) => !['page', 'pagesize', 'pageid'].includes(key.toLowerCase()),
	);
	const query = [...kept, ...paging.map(([key, value]): [string, string] => [key, String(value)])]
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		.join('&');
	return `${baseUrl}?${query}`;
}

function linkHeader(links: Array<[string, string]>): Record<string, string> {
	if (links.length === 0) return {};
	return {
		Link: links.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(', '),
	};
}

function numbered(records: RecordLike[], params: Array<[string, string]>, baseUrl: string) {
	const pageSize = pageSizeOf(params);
	const page = Math.max(1, integer(params, 'page') ?? 1);
	const lastPage = Math.max(1, Math.ceil(records.length / pageSize));
	const sorted = sort(records, sortKeys(param(params, 'orderBy')));
	const url = (n: number) =>
		linkUrl(baseUrl, params, [
			['pageSize', pageSize],
			['page', n],
		]);
	const links: Array<[string, string]> = [];
	if (page > 1) links.push(['first', url(1)], ['prev', url(Math.min(page - 1, lastPage))]);
	if (page < lastPage) links.push(['next', url(page + 1)], ['last', url(lastPage)]);
	return {
		items: sorted.slice((page - 1) * pageSize, page * pageSize),
		headers: linkHeader(links),
	};
}

function forwardOnly(records: RecordLike[], params: Array<[string, string]>, baseUrl: string) {
	const pageSize = pageSizeOf(params);
	const pageId = integer(params, 'pageId') ?? 0;
	// Forward-only pages walk the id order; orderBy does not apply.
	const remaining = sort(records, []).filter(
		(record) => Number(fieldValue(record, ['id'])) > pageId,
	);
	const items = remaining.slice(0, pageSize);
	const links: Array<[string, string]> = [];
	if (remaining.length > pageSize) {
		const lastId = Number(fieldValue(items[items.length - 1], ['id']));
		links.push([
			'next',
			linkUrl(baseUrl, params, [
				['pageSize', pageSize],
				['pageId', lastId],
			]),
		]);
	}
	return { items, headers: linkHeader(links) };
}

function answer(run: () => QueryResponse): QueryResponse {
	try {
		return run();
	} catch (error) {
		if (error instanceof QueryError) return { status: 400, body: error.body, headers: {} };
		// What ConnectWise answers when something breaks on its side.
		return {
			status: 500,
			body: { code: 'ConnectWiseApi', message: (error as Error).message },
			headers: {},
		};
	}
}

/** GET on a collection: filtered, ordered, paged and projected, with the `Link` header. */
export function listRecords(records: readonly RecordLike[], request: ListRequest): QueryResponse {
	return answer(() => {
		const params = toParams(request.query);
		const found = filter(records, params);
		const isForwardOnly =
			header(request.headers, 'pagination-type')?.toLowerCase() === 'forward-only';
		const { items, headers } = isForwardOnly
			? forwardOnly(found, params, request.baseUrl)
			: numbered(found, params, request.baseUrl);
		const tree = fieldTree(param(params, 'fields'));
		return {
			status: 200,
			body: tree ? items.map((item) => project(item, tree)) : items,
			headers,
		};
	});
}

/** GET on a `/count` endpoint: `{ count }` of the records the conditions select. */
export function countRecords(
	records: readonly RecordLike[],
	request: Pick<ListRequest, 'query'>,
): QueryResponse {
	return answer(() => ({
		status: 200,
		body: { count: filter(records, toParams(request.query)).length },
		headers: {},
	}));
}
