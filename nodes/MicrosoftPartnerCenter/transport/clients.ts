/**
 * The Partner Center client (partner token, MS-RequestId per request and reused on its
 * retries, one MS-CorrelationId per execution) and Graph clients per tenant (the token
 * decides which tenant Graph answers for), all from the shared HTTP layer.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, createHttpClient, type HttpClient, type HttpClientOptions, type HttpRequest } from '../../shared';
import { secretsOf, type PartnerCenterCredentials } from './credentials';
import type { TokenProvider } from './tokenProvider';

export interface ClientOptions {
	retry?: HttpClientOptions['retry'];
	onAttempt?: HttpClientOptions['onAttempt'];
}

export interface PartnerCenterApi {
	readonly credentials: PartnerCenterCredentials;
	readonly secrets: string[];
	readonly tokens: TokenProvider;
	readonly partnerCenter: HttpClient;
	/** Graph as a tenant sees it; the partner tenant for GDAP relationships. */
	graph(tenantId: string): HttpClient;
}

function withRequestId(client: HttpClient): HttpClient {
	return {
		service: client.service,
		// Set once per logical request: the shared layer re-sends these headers on each retry.
		request: async <T>(req: HttpRequest) => await client.request<T>({ ...req, headers: { 'MS-RequestId': randomUUID(), ...req.headers } }),
	};
}

/**
 * A 401 means the service no longer takes a token our cache still holds (revoked, or its clock
 * is ahead of ours): drop it and send the request once more with a new one. The service did not
 * act on the refused request, so sending it again is safe, writes included.
 */
function renewTokenOn401(client: HttpClient, forget: () => void): HttpClient {
	return {
		service: client.service,
		request: async <T>(req: HttpRequest) => {
			return await client.request<T>(req).catch(async (error: unknown) => {
				if (!(error instanceof ApiError && error.status === 401)) return await Promise.reject(error);
				forget();
				return await client.request<T>(req);
			});
		},
	};
}

export function createApi(credentials: PartnerCenterCredentials, tokens: TokenProvider, options: ClientOptions = {}): PartnerCenterApi {
	const secrets = secretsOf(credentials);
	const correlationId = randomUUID();
	const partnerCenter = withRequestId(renewTokenOn401(
		createHttpClient({
			service: 'partnerCenter',
			baseUrl: `${credentials.urls.partnerCenter}/v1`,
			headers: async () => ({
				Authorization: `Bearer ${await tokens.partnerCenter()}`,
				'MS-CorrelationId': correlationId,
				'MS-Contract-Version': 'v1',
			}),
			secrets,
			retry: options.retry,
			onAttempt: options.onAttempt,
		}),
		() => tokens.forgetPartnerCenter(),
	));
	const graphClients = new Map<string, HttpClient>();
	return {
		credentials,
		secrets,
		tokens,
		partnerCenter,
		graph(tenantId: string): HttpClient {
			const key = tenantId.toLowerCase();
			let client = graphClients.get(key);
			if (!client) {
				client = renewTokenOn401(
					createHttpClient({
						service: 'graph',
						baseUrl: `${credentials.urls.graph}/v1.0`,
						headers: async () => ({ Authorization: `Bearer ${await tokens.graph(tenantId)}`, 'client-request-id': correlationId }),
						secrets,
						retry: options.retry,
						onAttempt: options.onAttempt,
					}),
					() => tokens.forgetGraph(tenantId),
				);
				graphClients.set(key, client);
			}
			return client;
		},
	};
}
