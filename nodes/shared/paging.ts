/**
 * The three paging styles we read:
 * - Graph (OData): follow the opaque absolute `@odata.nextLink` until it is absent.
 * - Partner Center: seek paging, `GET ...?seekOperation=Next` with the
 *   `MS-ContinuationToken` header taken from `links.next` (or `continuationToken`).
 * - ConnectWise: the `Link` header's rel="next"; with `pagination-type: forward-only`
 *   the next link carries a `pageId` instead of a page number (cheaper on big tables).
 * Each is an async generator of pages so callers can stop early (limit) without
 * reading the rest.
 */
import type { HttpClient, HttpRequest, QueryValue } from './http';

interface PageOptions {
	/** Stop after this many items in total (undefined = all). */
	limit?: number;
	signal?: AbortSignal;
	headers?: Record<string, string>;
	action?: string;
}

async function* capped<T>(pages: AsyncGenerator<T[]>, limit: number | undefined): AsyncGenerator<T[]> {
	let seen = 0;
	for await (const page of pages) {
		if (limit === undefined) {
			yield page;
			continue;
		}
		const room = limit - seen;
		if (room <= 0) return;
		const slice = page.length > room ? page.slice(0, room) : page;
		seen += slice.length;
		yield slice;
		if (seen >= limit) return;
	}
}

export async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
	const all: T[] = [];
	for await (const page of pages) for (const item of page) all.push(item);
	return all;
}

// ---- Graph -----------------------------------------------------------------

interface ODataPage<T> {
	value?: T[];
	'@odata.nextLink'?: string;
}

async function* odataPages<T>(client: HttpClient, path: string, query: Record<string, QueryValue> | undefined, opts: PageOptions): AsyncGenerator<T[]> {
	let req: HttpRequest | undefined = { method: 'GET', url: path, query, headers: opts.headers, signal: opts.signal, action: opts.action };
	while (req) {
		const res: { data: ODataPage<T> } = await client.request<ODataPage<T>>(req);
		yield res.data?.value ?? [];
		const next: string | undefined = res.data?.['@odata.nextLink'];
		req = next ? { method: 'GET', url: next, headers: opts.headers, signal: opts.signal, action: opts.action } : undefined;
	}
}

export function pageOData<T>(client: HttpClient, path: string, query?: Record<string, QueryValue>, opts: PageOptions = {}): AsyncGenerator<T[]> {
	return capped(odataPages<T>(client, path, query, opts), opts.limit);
}

// ---- Partner Center ---------------------------------------------------------

interface PartnerCenterPage<T> {
	items?: T[];
	continuationToken?: string;
	links?: { next?: { uri?: string; method?: string; headers?: Array<{ key: string; value: string }> } };
}

function continuationOf<T>(page: PartnerCenterPage<T>): string | undefined {
	const fromLink = page.links?.next?.headers?.find((h) => h.key.toLowerCase() === 'ms-continuationtoken')?.value;
	if (fromLink) return fromLink;
	// A `continuationToken` without a next link means the last page on some endpoints.
	return page.links?.next ? page.continuationToken : undefined;
}

async function* partnerCenterPages<T>(client: HttpClient, path: string, query: Record<string, QueryValue> | undefined, opts: PageOptions): AsyncGenerator<T[]> {
	const first = await client.request<PartnerCenterPage<T>>({ method: 'GET', url: path, query, headers: opts.headers, signal: opts.signal, action: opts.action });
	yield first.data?.items ?? [];
	let token = continuationOf(first.data ?? {});
	while (token) {
		const res = await client.request<PartnerCenterPage<T>>({
			method: 'GET',
			url: path,
			query: { ...query, seekOperation: 'Next' },
			headers: { ...opts.headers, 'MS-ContinuationToken': token },
			signal: opts.signal,
			action: opts.action,
		});
		yield res.data?.items ?? [];
		const nextToken = continuationOf(res.data ?? {});
		// A service that hands back the same token would loop forever.
		token = nextToken && nextToken !== token ? nextToken : undefined;
	}
}

export function pagePartnerCenter<T>(client: HttpClient, path: string, query?: Record<string, QueryValue>, opts: PageOptions = {}): AsyncGenerator<T[]> {
	return capped(partnerCenterPages<T>(client, path, query, opts), opts.limit);
}

// ---- ConnectWise ------------------------------------------------------------

/** Parses an RFC 8288 Link header into rel → URL. */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
	const links: Record<string, string> = {};
	if (!header) return links;
	for (const part of header.split(/,(?=\s*<)/)) {
		const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
		if (!match) continue;
		const rel = /rel\s*=\s*"?([^";]+)"?/i.exec(match[2]);
		if (rel) for (const name of rel[1].trim().split(/\s+/)) links[name.toLowerCase()] = match[1];
	}
	return links;
}

export const CONNECTWISE_MAX_PAGE_SIZE = 1000;

interface ConnectWisePageOptions extends PageOptions {
	/** Forward-only paging (pageId): the fast way for large reads. */
	forwardOnly?: boolean;
	pageSize?: number;
}

async function* connectWisePages<T>(client: HttpClient, path: string, query: Record<string, QueryValue> | undefined, opts: ConnectWisePageOptions): AsyncGenerator<T[]> {
	const headers = { ...opts.headers, ...(opts.forwardOnly ? { 'pagination-type': 'forward-only' } : {}) };
	const pageSize = Math.min(CONNECTWISE_MAX_PAGE_SIZE, opts.pageSize ?? CONNECTWISE_MAX_PAGE_SIZE);
	let req: HttpRequest | undefined = {
		method: 'GET',
		url: path,
		query: { ...query, pageSize, ...(opts.forwardOnly ? {} : { page: 1 }) },
		headers,
		signal: opts.signal,
		action: opts.action,
	};
	let previous = '';
	while (req) {
		const res: { data: T[]; headers: Record<string, string>; url: string } = await client.request<T[]>(req);
		const items = Array.isArray(res.data) ? res.data : [];
		yield items;
		const next = parseLinkHeader(res.headers.link).next;
		// Stop on an empty page or a next link that points where we just were.
		req = next && items.length > 0 && next !== previous ? { method: 'GET', url: next, headers, signal: opts.signal, action: opts.action } : undefined;
		previous = res.url;
	}
}

export function pageConnectWise<T>(client: HttpClient, path: string, query?: Record<string, QueryValue>, opts: ConnectWisePageOptions = {}): AsyncGenerator<T[]> {
	return capped(connectWisePages<T>(client, path, query, opts), opts.limit);
}

// ---- Autotask --------------------------------------------------------------

export const AUTOTASK_MAX_PAGE_SIZE = 500;

interface AutotaskPage<T> {
	items?: T[];
	pageDetails?: { nextPageUrl?: string | null };
}

/**
 * Autotask: `POST {Entity}/query` with `{ filter, IncludeFields, MaxRecords }` (at most 500
 * a page), then `GET pageDetails.nextPageUrl` until it is null. A next link to another host
 * than the first page's is refused: the credential headers go only to the zone.
 */
async function* autotaskPages<T>(client: HttpClient, path: string, search: Record<string, unknown>, opts: PageOptions & { pageSize: number }): AsyncGenerator<T[]> {
	const first = await client.request<AutotaskPage<T>>({ method: 'POST', url: path, body: { ...search, MaxRecords: opts.pageSize }, idempotent: true, signal: opts.signal, action: opts.action });
	const origin = new URL(first.url).origin;
	let page: AutotaskPage<T> = first.data;
	for (;;) {
		yield page?.items ?? [];
		const next = page?.pageDetails?.nextPageUrl;
		if (!next) return;
		if (new URL(next, first.url).origin !== origin) throw new Error(`Autotask sent a next page link to another host (${new URL(next, first.url).host}); it was not followed`);
		page = (await client.request<AutotaskPage<T>>({ method: 'GET', url: new URL(next, first.url).toString(), signal: opts.signal, action: opts.action })).data;
	}
}

export function pageAutotask<T>(client: HttpClient, path: string, search: Record<string, unknown>, opts: PageOptions = {}): AsyncGenerator<T[]> {
	const pageSize = opts.limit !== undefined ? Math.min(Math.max(opts.limit, 1), AUTOTASK_MAX_PAGE_SIZE) : AUTOTASK_MAX_PAGE_SIZE;
	return capped(autotaskPages<T>(client, path, search, { ...opts, pageSize }), opts.limit);
}
