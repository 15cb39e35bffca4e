/**
 * Autotask's query engine: `{ filter: [...], IncludeFields, MaxRecords }` with the operators
 * of Autotask's "Making basic query calls to the REST API" (eq, noteq, gt, gte, lt, lte,
 * beginsWith, endsWith, contains, exist, notExist, in, notIn; `and` / `or` groups with
 * `items`; `udf: true` for user-defined fields), pages of at most 500 records in id order
 * with `pageDetails.nextPageUrl`, and `/query/count` → `{ queryCount }`.
 */
export interface AtFilter {
	op?: unknown;
	field?: unknown;
	value?: unknown;
	udf?: unknown;
	items?: unknown;
}

export interface AtSearch {
	filter: AtFilter[];
	includeFields?: string[];
	maxRecords?: number;
}

export class QueryError extends Error {}

export const PAGE_LIMIT = 500;
/** "Queries are limited to 500 or fewer 'OR' conditions" (Autotask's thresholds article). */
export const MAX_OR_CONDITIONS = 500;

type Row = Record<string, unknown>;

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return INVALID;
	}
}

/** Reads the search from a POST body or a GET `search=` parameter; keys in any case, as Autotask takes them. */
export function parseSearch(raw: unknown): AtSearch {
	const body = typeof raw === 'string' ? parseJson(raw) : raw;
	if (body === INVALID) throw new QueryError('The search is not valid JSON.');
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new QueryError('A search object with a filter is required.');
	const keyed = Object.fromEntries(Object.entries(body as Row).map(([key, value]) => [key.toLowerCase(), value]));
	const filter = keyed.filter;
	if (!Array.isArray(filter) || filter.length === 0) throw new QueryError('The filter is required: at least one filter expression.');
	const includeFields = Array.isArray(keyed.includefields) ? (keyed.includefields as unknown[]).map(String) : undefined;
	const maxRecords = keyed.maxrecords === undefined || keyed.maxrecords === null ? undefined : Number(keyed.maxrecords);
	if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > PAGE_LIMIT)) {
		throw new QueryError(`MaxRecords must be between 1 and ${PAGE_LIMIT}.`);
	}
	const search: AtSearch = { filter: filter as AtFilter[], ...(includeFields?.length ? { includeFields } : {}), ...(maxRecords ? { maxRecords } : {}) };
	if (countOr(search.filter) > MAX_OR_CONDITIONS) throw new QueryError("Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.");
	return search;
}

function countOr(filters: AtFilter[]): number {
	let count = 0;
	for (const filter of filters) {
		const items = Array.isArray(filter.items) ? (filter.items as AtFilter[]) : [];
		if (String(filter.op).toLowerCase() === 'or') count += items.length;
		count += countOr(items);
	}
	return count;
}

function fieldValue(row: Row, field: string, udf: boolean, entity: string): { found: boolean; value: unknown } {
	if (udf) {
		const udfs = Array.isArray(row.userDefinedFields) ? (row.userDefinedFields as Array<{ name: string; value: unknown }>) : undefined;
		if (!udfs) throw new QueryError(`The ${entity} entity has no user-defined fields.`);
		const hit = udfs.find((candidate) => candidate.name.toLowerCase() === field.toLowerCase());
		if (!hit) throw new QueryError(`Unable to find user-defined field ${field} in the ${entity} entity.`);
		return { found: true, value: hit.value };
	}
	const key = Object.keys(row).find((candidate) => candidate.toLowerCase() === field.toLowerCase());
	if (!key || key === 'userDefinedFields') throw new QueryError(`Unable to find ${field} in the ${entity} entity.`);
	return { found: true, value: row[key] };
}

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** Autotask compares text without regard to case (SQL Server collation), dates as dates. */
function comparable(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	const text = String(value);
	if (DATE.test(text)) return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
	return text.toLowerCase();
}

function compare(left: unknown, right: unknown): number | undefined {
	const a = comparable(left);
	const b = comparable(typeof left === 'number' && typeof right === 'string' && right.trim() !== '' ? Number(right) : right);
	if (a === null || b === null) return undefined;
	if (typeof a === 'boolean' || typeof b === 'boolean') return a === (b === 'true' ? true : b === 'false' ? false : b) ? 0 : 1;
	if (a < b) return -1;
	return a > b ? 1 : 0;
}

function matches(row: Row, filter: AtFilter, entity: string): boolean {
	const op = String(filter.op ?? '').toLowerCase();
	if (op === 'and' || op === 'or') {
		const items = Array.isArray(filter.items) ? (filter.items as AtFilter[]) : [];
		if (items.length === 0) throw new QueryError(`An '${op}' group needs items.`);
		return op === 'and' ? items.every((item) => matches(row, item, entity)) : items.some((item) => matches(row, item, entity));
	}
	if (typeof filter.field !== 'string' || filter.field === '') throw new QueryError(`The '${op}' filter needs a field.`);
	const { value } = fieldValue(row, filter.field, filter.udf === true, entity);
	const expected = filter.value;
	const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).toLowerCase());
	switch (op) {
		case 'eq':
			return compare(value, expected) === 0;
		case 'noteq':
			return compare(value, expected) !== 0;
		case 'gt':
			return (compare(value, expected) ?? 0) > 0;
		case 'gte':
			return (compare(value, expected) ?? -1) >= 0;
		case 'lt':
			return (compare(value, expected) ?? 0) < 0;
		case 'lte':
			return (compare(value, expected) ?? 1) <= 0;
		case 'beginswith':
			return value !== null && value !== undefined && text(value).startsWith(text(expected));
		case 'endswith':
			return value !== null && value !== undefined && text(value).endsWith(text(expected));
		case 'contains':
			return value !== null && value !== undefined && text(value).includes(text(expected));
		case 'exist':
			return value !== null && value !== undefined && value !== '';
		case 'notexist':
			return value === null || value === undefined || value === '';
		case 'in':
		case 'notin': {
			if (!Array.isArray(expected)) throw new QueryError(`The '${String(filter.op)}' filter needs a list of values.`);
			const inList = expected.some((candidate) => compare(value, candidate) === 0);
			return op === 'in' ? inList : !inList;
		}
		default:
			throw new QueryError(`'${String(filter.op)}' is not a valid filter operator.`);
	}
}

function project(row: Row, includeFields: string[] | undefined): Row {
	if (!includeFields) return row;
	const wanted = new Set(['id', ...includeFields.map((field) => field.toLowerCase())]);
	return Object.fromEntries(Object.entries(row).filter(([key]) => wanted.has(key.toLowerCase())));
}

export function filterRows<T extends { id: number }>(rows: readonly T[], search: AtSearch, entity: string): T[] {
	return rows.filter((row) => search.filter.every((filter) => matches(row as unknown as Row, filter, entity))).sort((a, b) => a.id - b.id);
}

export interface QueryPage {
	items: Row[];
	pageDetails: { count: number; requestCount: number; prevPageUrl: string | null; nextPageUrl: string | null };
}

/** Paging token: the search and the last id served (Autotask's next links are opaque; the sandbox's are too). */
export function pagingToken(search: AtSearch, after: number): string {
	return Buffer.from(JSON.stringify({ search, after })).toString('base64url');
}

export function readPagingToken(token: string): { search: AtSearch; after: number } {
	const parsed = parseJson(Buffer.from(token, 'base64url').toString('utf8')) as { search?: AtSearch; after?: unknown } | typeof INVALID | null;
	if (parsed === INVALID || !parsed || !Array.isArray(parsed.search?.filter) || typeof parsed.after !== 'number') throw new QueryError('The paging value is not valid.');
	return { search: parsed.search, after: parsed.after };
}

export function queryPage<T extends { id: number }>(rows: readonly T[], search: AtSearch, entity: string, after: number, nextUrl: (token: string) => string): QueryPage {
	// More than 500 results need the id among IncludeFields (Autotask's advanced query article); id is always kept here.
	const size = search.maxRecords ?? PAGE_LIMIT;
	const matching = filterRows(rows, search, entity).filter((row) => row.id > after);
	const page = matching.slice(0, size);
	// MaxRecords is the page size (requestCount); the next page keeps it.
	const more = matching.length > page.length;
	return {
		items: page.map((row) => project(row as unknown as Row, search.includeFields)),
		pageDetails: {
			count: page.length,
			requestCount: size,
			prevPageUrl: null,
			nextPageUrl: more ? nextUrl(pagingToken(search, page[page.length - 1].id)) : null,
		},
	};
}
