/**
 * Autotask requests for the node: one client per execution built from the credential.
 * Every call goes to the user's zone with the three credential headers; queries page by
 * `nextPageUrl`; retries and readable errors come from the shared HTTP layer; the hourly
 * request threshold is respected by a guard in front of every call.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { collect, createHttpClient, joinUrl, pageAutotask, type HttpClient, type HttpRequest, type HttpResponse } from '../../shared';
import { registerService } from '../../shared/errorBodies';
import { filterOf, type Filter } from './filters';
import { apiBase, autotaskSettings, type AutotaskCredentialData } from './settings';
import { ThresholdGuard, type ThresholdGuardOptions, type ThresholdInformation } from './threshold';
import { discoverZone } from './zone';

export { CredentialSettingsError, normalizeRestUrl, autotaskSettings, ZONE_LOOKUP_URL, type AutotaskCredentialData } from './settings';
export { eq, inList, chunks, filterOf, EVERY_RECORD, MAX_IN_VALUES, type Filter } from './filters';
export { ThresholdReachedError, type ThresholdInformation } from './threshold';

export const CREDENTIAL_TYPE = 'autotaskPsaApi';

// Errors read as `{ errors: [...] }` (the common shape), named "Autotask PSA" in messages.
registerService('autotask', 'Autotask PSA');

export interface QueryOptions {
	/** Undefined = every record. */
	limit?: number;
	includeFields?: string[];
	action: string;
}

export interface AutotaskClient {
	readonly http: HttpClient;
	readonly secrets: string[];
	/** The zone's `.../ATServicesRest/`. */
	zone(): Promise<string>;
	query<T>(entity: string, filters: Array<Filter | undefined>, options: QueryOptions): Promise<T[]>;
	/** GET `{path}` answering `{ item }`; undefined when Autotask has no such record. */
	find<T>(path: string, action: string): Promise<T | undefined>;
	get<T>(path: string, action: string): Promise<T>;
	/** POST; Autotask answers `{ itemId }`. Never repeated after a 5xx (the record may exist). */
	create(path: string, body: unknown, action: string): Promise<number>;
	/** PATCH with the id in the body; answers `{ itemId }`. */
	update(path: string, body: unknown, action: string): Promise<number>;
	threshold(): ThresholdGuard;
}

export interface ClientOptions {
	maxAttempts?: number;
	threshold?: ThresholdGuardOptions;
	/** No threshold check (the credential test: two calls). */
	unguarded?: boolean;
}

export function createAutotaskClient(data: AutotaskCredentialData, options: ClientOptions = {}): AutotaskClient {
	const settings = autotaskSettings(data);
	const retry = options.maxAttempts ? { maxAttempts: options.maxAttempts } : undefined;
	const transport = createHttpClient({ service: 'autotask', headers: () => settings.headers, secrets: settings.secrets, retry });
	let zone: Promise<string> | undefined;
	const zoneUrl = async () => (zone ??= settings.zoneUrl ? Promise.resolve(settings.zoneUrl) : discoverZone(settings.lookupUrl!, settings.userName, options.maxAttempts));
	const raw = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => await transport.request<T>({ ...req, url: joinUrl(apiBase(await zoneUrl()), req.url) });
	const guard = new ThresholdGuard(async () => (await raw<ThresholdInformation>({ method: 'GET', url: '/ThresholdInformation', action: 'read the hourly API threshold' })).data, options.threshold);
	const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
		if (!options.unguarded) await guard.admit();
		return await raw<T>(req);
	};
	const http: HttpClient = { service: 'autotask', request };
	const itemId = (data: unknown, action: string): number => {
		const id = Number((data as { itemId?: unknown } | undefined)?.itemId);
		if (!Number.isInteger(id) || id <= 0) throw new Error(`Could not ${action}: Autotask answered without the record's id`);
		return id;
	};
	return {
		http,
		secrets: settings.secrets,
		zone: zoneUrl,
		async query<T>(entity: string, filters: Array<Filter | undefined>, { limit, includeFields, action }: QueryOptions) {
			const search = { filter: filterOf(...filters), ...(includeFields ? { IncludeFields: includeFields } : {}) };
			return await collect(pageAutotask<T>(http, `/${entity}/query`, search, { limit, action }));
		},
		async find<T>(path: string, action: string) {
			const res = await http.request<{ item?: T | null }>({ method: 'GET', url: path, action, acceptStatus: [404] });
			return res.status === 404 ? undefined : (res.data?.item ?? undefined);
		},
		async get<T>(path: string, action: string) {
			return (await http.request<T>({ method: 'GET', url: path, action })).data;
		},
		async create(path: string, body: unknown, action: string) {
			return itemId((await http.request({ method: 'POST', url: path, body, action })).data, action);
		},
		async update(path: string, body: unknown, action: string) {
			// PATCH sets only the fields sent: repeating it gives the same record.
			return itemId((await http.request({ method: 'PATCH', url: path, body, action, idempotent: true })).data, action);
		},
		threshold: () => guard,
	};
}

/** The node's client for this execution (or list search). */
export async function autotaskClient(this: IExecuteFunctions | ILoadOptionsFunctions, options?: ClientOptions): Promise<AutotaskClient> {
	const data = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	return createAutotaskClient(data as AutotaskCredentialData, options);
}
