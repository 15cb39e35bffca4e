/**
 * ConnectWise requests for the node: one client per execution built from the
 * credential, one `get`/`getAll`/`send` each. Retries, Retry-After and readable
 * errors come from the shared HTTP layer; forward-only paging for every list.
 */
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { collect, createHttpClient, pageConnectWise, type HttpClient, type HttpMethod, type QueryValue } from '../../shared';
import { connectWiseSettings, type ConnectWiseCredentialData } from './settings';

export { buildConditions, cwDate, quote, ConditionsError, type Condition, type ConditionNode } from './conditions';
export { connectWiseSettings, normalizeSiteUrl, CredentialSettingsError, API_PATH } from './settings';

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
}

export function createConnectWiseClient(data: ConnectWiseCredentialData, retry?: { maxAttempts?: number }): ConnectWiseClient {
	const settings = connectWiseSettings(data);
	const http = createHttpClient({
		service: 'connectWise',
		baseUrl: settings.baseUrl,
		headers: () => settings.headers,
		secrets: settings.secrets,
		retry,
	});
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
	};
}

/** The node's client for this execution (or list search / credential test). */
export async function connectWiseClient(this: IExecuteFunctions | ILoadOptionsFunctions): Promise<ConnectWiseClient> {
	const data = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	return createConnectWiseClient(data as ConnectWiseCredentialData);
}

export type CredentialTestContext = ICredentialTestFunctions;
