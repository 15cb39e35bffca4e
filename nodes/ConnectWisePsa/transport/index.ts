/**
 * ConnectWise requests for the node: one client per execution built from the
 * credential, one `get`/`getAll`/`send` each. Retries, Retry-After and readable
 * errors come from the shared HTTP layer; forward-only paging for every list. The API
 * base comes from the site's codebase (companyinfo), so cloud and on-premises sites work
 * as users type them.
 */
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { collect, createApiError, createHttpClient, joinUrl, pageConnectWise, type HttpClient, type HttpMethod, type HttpRequest, type HttpResponse, type QueryValue } from '../../shared';
import { discoverCodebase, rememberCodebase } from './codebase';
import { idChunks } from './idChunks';
import { apiBaseUrl, connectWiseSettings, parseCodebase, type ConnectWiseCredentialData } from './settings';

export { buildConditions, cwDate, quote, ConditionsError, type Condition, type ConditionNode } from './conditions';
export { idChunks, describeIds, MAX_URL_LENGTH } from './idChunks';
export { connectWiseSettings, normalizeSiteUrl, CredentialSettingsError, apiBaseUrl, companyInfoUrl, DEFAULT_CODEBASE } from './settings';

export const CREDENTIAL_TYPE = 'connectWisePsaApi';

export interface ListOptions {
	conditions?: string;
	childConditions?: string;
	orderBy?: string;
	fields?: string;
	/** Undefined = every record. */
	limit?: number;
	pageSize?: number;
	action?: string;
}

export interface ConnectWiseClient {
	readonly http: HttpClient;
	readonly secrets: string[];
	get<T>(path: string, action: string, query?: Record<string, QueryValue>): Promise<T>;
	/** GET that answers undefined for 404 (lookups by id). */
	find<T>(path: string, action: string): Promise<T | undefined>;
	getAll<T>(path: string, options?: ListOptions): Promise<T[]>;
	send<T>(method: HttpMethod, path: string, body: unknown, action: string): Promise<T>;
	/** `ids` split so each `<field> in (...)` list request on `path` stays within ConnectWise's URL length. */
	idChunks(path: string, field: string, ids: readonly number[]): Promise<number[][]>;
}

const REDIRECTS = [301, 302, 303, 307, 308];

/** The codebase a redirect points to, if it stays on this site (never send the keys elsewhere). */
export function redirectedCodebase(location: string | undefined, requested: string, site: string, codebase: string): string | undefined {
	if (!location) return undefined;
	let target: URL;
	try {
		target = new URL(location, requested);
	} catch {
		return undefined;
	}
	const moved = /\/(v4_6_release|v\d{4}_\d+)\/apis\/3\.0(\/|$)/i.exec(target.pathname)?.[1];
	const found = parseCodebase(moved);
	if (!found || found === codebase) return undefined;
	return new URL(apiBaseUrl(site, found)).host === target.host ? found : undefined;
}

export function createConnectWiseClient(data: ConnectWiseCredentialData, retry?: { maxAttempts?: number }): ConnectWiseClient {
	const settings = connectWiseSettings(data);
	const transport = createHttpClient({
		service: 'connectWise',
		headers: () => settings.headers,
		secrets: settings.secrets,
		retry,
	});
	let codebase: Promise<string> | undefined;
	const base = async () => apiBaseUrl(settings.site, await (codebase ??= discoverCodebase(settings.site, settings.companyId)));

	/**
	 * Every request goes to the discovered codebase. A redirect (a cloud site upgraded since
	 * the codebase was learned) was not acted on by ConnectWise, so the request is sent once
	 * more, to the codebase the redirect names; writes are never sent to a redirect blindly.
	 */
	async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
		const from = await base();
		const url = joinUrl(from, req.url);
		const res = await transport.request<T>({ ...req, url, acceptStatus: [...(req.acceptStatus ?? []), ...REDIRECTS] });
		if (!REDIRECTS.includes(res.status) || req.acceptStatus?.includes(res.status)) return res;
		const current = from.split('/').slice(-3)[0];
		const moved = redirectedCodebase(res.headers.location, res.url, settings.site, current);
		if (!moved) {
			throw createApiError({
				service: 'connectWise',
				status: res.status,
				action: req.action,
				body: { message: `redirected to ${res.headers.location ?? 'nowhere'}, which is not this site's API: check the site URL` },
				secrets: settings.secrets,
			});
		}
		rememberCodebase(settings.site, settings.companyId, moved);
		codebase = Promise.resolve(moved);
		const to = await base();
		return await transport.request<T>({ ...req, url: url.startsWith(from) ? `${to}${url.slice(from.length)}` : url });
	}
	const http: HttpClient = { service: 'connectWise', request };
	return {
		http,
		secrets: settings.secrets,
		async get<T>(path: string, action: string, query?: Record<string, QueryValue>) {
			return (await http.request<T>({ method: 'GET', url: path, query, action })).data;
		},
		async find<T>(path: string, action: string) {
			const res = await http.request<T>({ method: 'GET', url: path, action, acceptStatus: [404] });
			return res.status === 404 ? undefined : res.data;
		},
		async getAll<T>(path: string, options: ListOptions = {}) {
			const query: Record<string, QueryValue> = {
				conditions: options.conditions,
				childConditions: options.childConditions,
				orderBy: options.orderBy,
				fields: options.fields,
			};
			const pageSize = options.pageSize ?? (options.limit !== undefined ? Math.min(Math.max(options.limit, 1), 1000) : 1000);
			return await collect(pageConnectWise<T>(http, path, query, { forwardOnly: true, limit: options.limit, pageSize, action: options.action }));
		},
		async send<T>(method: HttpMethod, path: string, body: unknown, action: string) {
			// POST is never repeated after a 5xx: ConnectWise may have created the record.
			return (await http.request<T>({ method, url: path, body, action })).data;
		},
		async idChunks(path: string, field: string, ids: readonly number[]) {
			return idChunks(ids, field, joinUrl(await base(), path));
		},
	};
}

/** The node's client for this execution (or list search / credential test). */
export async function connectWiseClient(this: IExecuteFunctions | ILoadOptionsFunctions): Promise<ConnectWiseClient> {
	const data = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	return createConnectWiseClient(data as ConnectWiseCredentialData);
}

export type CredentialTestContext = ICredentialTestFunctions;
