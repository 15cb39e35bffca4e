/**
 * Tokens from MSAL: one ConfidentialClientApplication per app registration for the life of the
 * process (keyed by a hash of the credential without its refresh token, never by the secret
 * itself), with our own per-(tenant, scope) cache in front because `acquireTokenByRefreshToken`
 * always goes to the network. App + User exchanges the newest refresh token n8n holds (set per
 * execution with `useRefreshToken`) with the customer tenant as authority to get a GDAP token;
 * App only uses client credentials. The rotated refresh tokens MSAL receives here are not kept:
 * n8n keeps the newest one in the credential (see transport/signIn.ts), and a redeemed refresh
 * token stays valid until its own end.
 */
import { ConfidentialClientApplication, LogLevel, type AuthenticationResult } from '@azure/msal-node';
import { createHash } from 'node:crypto';
import type { PartnerCenterCredentials } from './credentials';
import { secretsOf } from './credentials';
import { customAuthorityMetadata, scopeOf } from './environment';
import { isLastingLoginFailure, loginError } from './loginErrors';
import { AccessTokenCache, type AccessToken, type TokenFetcher } from './tokenCache';

export interface TokenProvider {
	/** Partner-tenant token for Partner Center. */
	partnerCenter(): Promise<string>;
	/** Graph token for a tenant: the partner's own (GDAP relationships) or a customer's (GDAP). */
	graph(tenantId: string): Promise<string>;
	readonly cache: AccessTokenCache;
	/** Drop a token the service refused (401), so the next request gets a new one. */
	forgetPartnerCenter(): void;
	forgetGraph(tenantId: string): void;
	/** The refresh token to redeem from now on (the newest the credential holds). */
	useRefreshToken(refreshToken: string | undefined): void;
}

export function createMsalApp(credentials: PartnerCenterCredentials): ConfidentialClientApplication {
	const { urls } = credentials;
	return new ConfidentialClientApplication({
		auth: {
			clientId: credentials.clientId,
			clientSecret: credentials.clientSecret,
			authority: `${urls.authorityHost}/${credentials.partnerTenantId}`,
			// A custom login host (sandbox, proxy): the authority stays https and MSAL posts to
			// the token endpoint named in the metadata instead of discovering one.
			...(urls.customLogin ? { authorityMetadata: customAuthorityMetadata(urls.login) } : {}),
		},
		system: {
			loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
		},
	});
}

export function msalTokenFetcher(credentials: PartnerCenterCredentials, app: ConfidentialClientApplication = createMsalApp(credentials), refreshToken: () => string | undefined = () => credentials.refreshToken): TokenFetcher {
	return async (tenantId: string, scope: string): Promise<AccessToken> => {
		const authority = `${credentials.urls.authorityHost}/${tenantId}`;
		const current = refreshToken();
		const secrets = [...secretsOf(credentials), ...(current ? [current] : [])];
		let result: AuthenticationResult | null;
		try {
			result = credentials.authMode === 'appUser'
				? await app.acquireTokenByRefreshToken({ refreshToken: current!, scopes: [scope], authority })
				: await app.acquireTokenByClientCredential({ scopes: [scope], authority });
		} catch (error) {
			throw loginError(error, { tenantId, partnerTenantId: credentials.partnerTenantId, authMode: credentials.authMode, secrets, oauth: credentials.type === 'microsoftPartnerCenterOAuth2Api' });
		} finally {
			// Our AccessTokenCache answers repeat requests; MSAL's own cache would only keep a copy of
			// every tenant's tokens, account and refresh token for the life of the process (and hand
			// back a token the service had refused). Authority metadata stays.
			app.clearCache();
		}
		if (!result?.accessToken) {
			throw loginError(new Error('no access token in the answer'), { tenantId, partnerTenantId: credentials.partnerTenantId, authMode: credentials.authMode, secrets });
		}
		return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 3_600_000 };
	};
}

export function createTokenProvider(credentials: PartnerCenterCredentials, fetcher?: TokenFetcher): TokenProvider {
	let refreshToken = credentials.refreshToken;
	const cache = new AccessTokenCache(fetcher ?? msalTokenFetcher(credentials, undefined, () => refreshToken));
	const partnerCenterScope = scopeOf(credentials.urls.partnerCenterResource);
	const graphScope = scopeOf(credentials.urls.graphResource);
	return {
		cache,
		partnerCenter: async () => await cache.get(credentials.partnerTenantId, partnerCenterScope),
		graph: async (tenantId: string) => await cache.get(tenantId, graphScope),
		forgetPartnerCenter: () => cache.forget(credentials.partnerTenantId, partnerCenterScope),
		forgetGraph: (tenantId: string) => cache.forget(tenantId, graphScope),
		useRefreshToken: (token) => {
			if (token) refreshToken = token;
		},
	};
}

/**
 * This execution's view of a provider: a credential failure (dead refresh token, wrong secret,
 * missing consent) is remembered for this execution only, so 2,000 tenants fail fast, and a
 * fix (new sign-in, consent granted) takes effect on the very next run.
 */
export function forExecution(provider: TokenProvider): TokenProvider {
	const failures = new Map<string, unknown>();
	const run = async (key: string, get: () => Promise<string>): Promise<string> => {
		const known = failures.get('*') ?? failures.get(key);
		if (known) throw known;
		return await get().catch(async (error: unknown) => {
			// A partner-wide failure (secret, refresh token) holds for every tenant; a tenant's own (consent) only for it.
			if (isLastingLoginFailure(error)) failures.set(isPartnerWide(error) ? '*' : key, error);
			return await Promise.reject(error);
		});
	};
	return {
		cache: provider.cache,
		useRefreshToken: provider.useRefreshToken,
		forgetPartnerCenter: provider.forgetPartnerCenter,
		forgetGraph: provider.forgetGraph,
		partnerCenter: async () => await run('partner', async () => await provider.partnerCenter()),
		graph: async (tenantId: string) => await run(tenantId.toLowerCase(), async () => await provider.graph(tenantId)),
	};
}

function isPartnerWide(error: unknown): boolean {
	return isLastingLoginFailure(error) && /refresh token|sign-in|client secret|client\) ID/.test((error as Error).message);
}

/** A hash of what identifies the app registration; the secret goes in hashed, never kept. The refresh token is left out: it rotates. */
export function credentialKey(credentials: PartnerCenterCredentials): string {
	const { urls, partnerTenantId, clientId, clientSecret, authMode } = credentials;
	return createHash('sha256')
		.update(JSON.stringify([urls, partnerTenantId.toLowerCase(), clientId, clientSecret, authMode]))
		.digest('hex');
}

// Bounded so a process that sees many rotated credentials does not grow forever.
const MAX_PROVIDERS = 50;
const providers = new Map<string, TokenProvider>();

/** The process-wide provider for this credential: tokens survive across executions. */
export function tokenProviderFor(credentials: PartnerCenterCredentials): TokenProvider {
	const key = credentialKey(credentials);
	const existing = providers.get(key);
	if (existing) {
		existing.useRefreshToken(credentials.refreshToken);
		return existing;
	}
	if (providers.size >= MAX_PROVIDERS) providers.delete(providers.keys().next().value!);
	const provider = createTokenProvider(credentials);
	providers.set(key, provider);
	return provider;
}

/** Tests: start from a cold process. */
export function forgetTokenProviders(): void {
	providers.clear();
}
