/**
 * The sandbox: one local server standing in for Microsoft login, Partner Center, Graph and
 * ConnectWise PSA, with seeded data, a request log and fault controls. See README.md.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate as generateCertificate } from 'selfsigned';
import { autotaskRoutes, AUTOTASK_ZONE_HOST } from './autotask/routes';
import { connectWiseRoutes } from './connectwise/routes';
import { utcToday } from './data/dates';
import { generateState } from './data/generate';
import { runBatch } from './graph/batch';
import { graphRoutes } from './graph/routes';
import { RefreshTokenStore, type RefreshTokenRedemption } from './login/refreshTokens';
import { loginRoutes } from './login/routes';
import { TokenStore } from './login/tokens';
import { partnerCenterRoutes } from './partnercenter/routes';
import { createRandom } from './random';
import { SandboxClock } from './server/clock';
import type { ApplicationConsent, SandboxContext, SandboxCredentials, SandboxUrls } from './server/context';
import { type AccessSwitches, Faults } from './server/faults';
import { createDispatcher, createListener } from './server/http';
import { RequestLog } from './server/requestLog';
import { Router } from './server/router';
import { header, type Route, type RouteRequest } from './server/types';
import type { SandboxState, Tenant } from './types';

export type { ApplicationConsent, SandboxCredentials, SandboxUrls } from './server/context';
export type { SandboxClock } from './server/clock';
export type { Faults } from './server/faults';
export type { RequestLog, RequestRecord, EndpointMatch } from './server/requestLog';
export * from './types';

export interface SandboxOptions {
	tenants?: number;
	seed?: number;
	port?: number;
	https?: boolean;
	latencyMs?: number;
	faultRate?: number;
	/** `YYYY-MM-DD` the data is generated around; defaults to the current UTC date. */
	today?: string;
	tokenLifetimeSeconds?: number;
	/** ConnectWise codebase that companyinfo names and the API answers under (besides v4_6_release). */
	connectWiseCodebase?: string;
	/** Requests to this host name get cloud behaviour: v4_6_release redirects to the codebase. */
	connectWiseCloudHost?: string;
	/** Whether the app starts consented in every customer tenant (default true); false = none, as before onboarding. */
	consented?: boolean;
	/** Autotask's per-database requests per hour (default 10,000, Autotask's documented default). */
	autotaskThreshold?: number;
	/** Largest page the directory endpoints of custom counts (group members) answer with, whatever `$top` asks: Graph may page server-side. Default 999. */
	graphPageCap?: number;
}

export interface Sandbox {
	urls: SandboxUrls;
	credentials: SandboxCredentials;
	/** Live state: ConnectWise writes change it. Replaced by `reset()`. */
	readonly state: SandboxState;
	requests: RequestLog;
	faults: Faults;
	/** The sandbox's time: move it forward to age refresh tokens, access tokens and GDAP relationships. */
	clock: SandboxClock;
	/** A partner admin signs in (MFA) and the app gets a new refresh token, as the Connect button does. */
	signIn(): string;
	/** Refresh-token grants the login accepted: the issue time of each redeemed token and when (sandbox clock). */
	refreshTokenRedemptions(): RefreshTokenRedemption[];
	/** Application consents granted through Partner Center (`POST /v1/customers/{id}/applicationconsents`). */
	consents: ReadonlyMap<string, ApplicationConsent>;
	/** PEM of the self-signed certificate when serving https. */
	certificate?: string;
	/** `authorityMetadata` for MSAL (authority stays `https://login.microsoftonline.com/<tenant>`): tokens go to the sandbox. */
	msalAuthorityMetadata(): string;
	/** Regenerates the data from the same options; clears faults and the request log. */
	reset(): void;
	stop(): Promise<void>;
}

function secret(bytes: number): string {
	return randomBytes(bytes).toString('base64url');
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const { tenants = 20, seed = 1, port = 0, latencyMs = 0, faultRate = 0, tokenLifetimeSeconds = 3600, connectWiseCodebase = 'v2025_1', connectWiseCloudHost = 'localhost', consented = true, autotaskThreshold = 10_000 } = options;
	const clock = new SandboxClock();
	const now = () => clock.now();
	const today = options.today ?? utcToday(Date.now());
	const generate = () => generateState({ tenants, seed, today });
	let state = generate();
	let tenantIndex = new Map<string, Tenant>();
	const indexTenants = () => {
		tenantIndex = new Map(state.tenants.map((tenant) => [tenant.tenantId, tenant]));
	};
	indexTenants();

	const urls: SandboxUrls = { base: '', login: '', partnerCenter: '', graph: '', connectWise: '', connectWiseCloud: '', autotask: '' };
	const microsoftClientId = createRandom(seed + 99).guid();
	const refreshTokens = new RefreshTokenStore();
	const credentials: SandboxCredentials = {
		microsoft: { partnerTenantId: state.partner.tenantId, clientId: microsoftClientId, clientSecret: `sbx~${secret(24)}`, refreshToken: refreshTokens.issue(microsoftClientId, 'partnercenter', now()) },
		connectWise: { siteUrl: '', companyId: 'sandbox', publicKey: `pub${secret(9)}`, privateKey: `priv${secret(12)}`, clientId: createRandom(seed + 98).guid() },
		autotask: { userName: 'sandbox-api-user@sandboxmsp.example', secret: `at${secret(12)}`, integrationCode: `SBX${secret(9)}`.toUpperCase(), zoneUrl: '' },
	};
	const autotaskUsage = { threshold: autotaskThreshold, hits: [] as number[] };
	const access: AccessSwitches = { gdapRemoved: new Set(), consentMissing: new Set(), reportsDenied: new Set(), refreshTokenRevoked: false };
	const withoutConsent = () => {
		if (!consented) for (const tenant of state.tenants) access.consentMissing.add(tenant.tenantId);
	};
	withoutConsent();
	const consents = new Map<string, ApplicationConsent>();
	const context: SandboxContext = {
		state: () => state,
		tenantById: (tenantId) => tenantIndex.get(tenantId),
		urls,
		credentials,
		tokens: new TokenStore(),
		access,
		refreshTokens,
		authorizationCodes: new Map(),
		consents,
		tokenLifetimeSeconds,
		connectWiseSite: { codebase: connectWiseCodebase, cloudHost: connectWiseCloudHost },
		autotaskUsage,
		graphPageCap: options.graphPageCap ?? 999,
		now,
	};
	const faults = new Faults(() => state, access, faultRate, createRandom(seed + 7));
	const requests = new RequestLog();

	// Batch parts go through the same faults and routes as single requests.
	const batchRoute: Route = {
		service: 'graph',
		method: 'POST',
		template: '/v1.0/$batch',
		handler: (request: RouteRequest) =>
			runBatch(request.body, header(request.headers, 'authorization'), (method, relativeUrl, headers, body) => {
				const url = new URL(`${urls.graph}/v1.0${relativeUrl}`);
				const lowered = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
				const innerRequest = { method, url, path: url.pathname.replace(/^\/graph/, ''), headers: lowered, body } as Omit<RouteRequest, 'params'>;
				const inner = dispatcher.dispatch('graph', innerRequest);
				const reply = inner.reply ?? { status: 503, body: { error: { code: 'serviceNotAvailable', message: 'Connection reset.' } } };
				// Each part is a request of its own for Graph's limits, so tests can count and fault them too.
				requests.add({ at: now(), service: 'graph', method, path: url.pathname, endpoint: inner.endpoint, status: reply.status, inBatch: true, ...(innerRequest.tenantId ? { tenantId: innerRequest.tenantId } : {}), ...(inner.fault ? { fault: inner.fault } : {}) });
				return reply;
			}),
	};
	const routes: Route[] = [...loginRoutes(context), ...partnerCenterRoutes(context), ...graphRoutes(context), batchRoute, ...connectWiseRoutes(context), ...autotaskRoutes(context)];
	const dispatcher = createDispatcher(new Router(routes), faults, now);

	let certificate: string | undefined;
	const listener = createListener({ dispatcher, faults, log: requests, latencyMs, base: () => urls.base, now });
	const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
		void listener(request, response).catch(() => {
			if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ message: 'Sandbox error' }));
		});
	};
	let server: http.Server;
	if (options.https) {
		const pems = await generateCertificate([{ name: 'commonName', value: 'localhost' }], {
			keySize: 2048,
			algorithm: 'sha256',
			extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
		});
		certificate = pems.cert;
		server = https.createServer({ key: pems.private, cert: pems.cert }, handle);
	} else {
		server = http.createServer(handle);
	}
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const { port: actualPort } = server.address() as AddressInfo;
	urls.base = `${options.https ? 'https' : 'http'}://127.0.0.1:${actualPort}`;
	urls.login = `${urls.base}/login`;
	urls.partnerCenter = `${urls.base}/partnercenter`;
	urls.graph = `${urls.base}/graph`;
	urls.connectWise = `${urls.base}/cw`;
	urls.connectWiseCloud = `${options.https ? 'https' : 'http'}://${connectWiseCloudHost}:${actualPort}/cw`;
	credentials.connectWise.siteUrl = urls.connectWise;
	urls.autotask = `${urls.base}/autotask`;
	credentials.autotask.zoneUrl = `${urls.autotask}/${AUTOTASK_ZONE_HOST}/ATServicesRest/`;

	return {
		urls,
		credentials,
		get state() {
			return state;
		},
		requests,
		faults,
		clock,
		signIn: () => refreshTokens.issue(microsoftClientId, 'partnercenter', now()),
		refreshTokenRedemptions: () => refreshTokens.redemptions(),
		consents,
		certificate,
		msalAuthorityMetadata: () => {
			// `{tenant}` stays a placeholder: MSAL substitutes the request's tenant into it.
			const authority = 'https://login.microsoftonline.com/{tenant}';
			return JSON.stringify({
				token_endpoint: `${urls.login}/{tenant}/oauth2/v2.0/token`,
				authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
				end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
				issuer: `${authority}/v2.0`,
				jwks_uri: `${authority}/discovery/v2.0/keys`,
				token_endpoint_auth_methods_supported: ['client_secret_post'],
				response_types_supported: ['code', 'id_token'],
				scopes_supported: ['openid', 'profile', 'offline_access'],
			});
		},
		reset() {
			state = generate();
			indexTenants();
			faults.clear();
			requests.clear();
			consents.clear();
			autotaskUsage.hits.length = 0;
			clock.reset();
			withoutConsent();
		},
		stop: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
