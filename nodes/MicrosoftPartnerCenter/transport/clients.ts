/**
 * The Partner Center client (partner token, MS-RequestId per request and reused on its
 * retries, one MS-CorrelationId per execution) and Graph clients per tenant (the token
 * decides which tenant Graph answers for), all from the shared HTTP layer.
 */
import { randomUUID } from 'node:crypto';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpRequest } from '../../shared';
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

export function createApi(credentials: PartnerCenterCredentials, tokens: TokenProvider, options: ClientOptions = {}): PartnerCenterApi {
	const secrets = secretsOf(credentials);
	const correlationId = randomUUID();
	const partnerCenter = withRequestId(
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
	);
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
				client = createHttpClient({
					service: 'graph',
					baseUrl: `${credentials.urls.graph}/v1.0`,
					headers: async () => ({ Authorization: `Bearer ${await tokens.graph(tenantId)}`, 'client-request-id': correlationId }),
					secrets,
					retry: options.retry,
					onAttempt: options.onAttempt,
				});
				graphClients.set(key, client);
			}
			return client;
		},
	};
}
