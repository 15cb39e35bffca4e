/**
 * Tokens from MSAL: one ConfidentialClientApplication per credential for the life of the
 * process (keyed by a hash of the credential, never by the secret itself), with our own
 * per-(tenant, scope) cache in front because `acquireTokenByRefreshToken` always goes to
 * the network. App + User exchanges the Secure Application Model refresh token with the
 * customer tenant as authority to get a GDAP token; App only uses client credentials.
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
}

function createMsalApp(credentials: PartnerCenterCredentials): ConfidentialClientApplication {
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

export function msalTokenFetcher(credentials: PartnerCenterCredentials, app = createMsalApp(credentials)): TokenFetcher {
	const secrets = secretsOf(credentials);
	return async (tenantId: string, scope: string): Promise<AccessToken> => {
		const authority = `${credentials.urls.authorityHost}/${tenantId}`;
		let result: AuthenticationResult | null;
		try {
			result = credentials.authMode === 'appUser'
				? await app.acquireTokenByRefreshToken({ refreshToken: credentials.refreshToken!, scopes: [scope], authority })
				: await app.acquireTokenByClientCredential({ scopes: [scope], authority });
		} catch (error) {
			throw loginError(error, { tenantId, partnerTenantId: credentials.partnerTenantId, authMode: credentials.authMode, secrets });
		}
		if (!result?.accessToken) {
			throw loginError(new Error('no access token in the answer'), { tenantId, partnerTenantId: credentials.partnerTenantId, authMode: credentials.authMode, secrets });
		}
		return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 3_600_000 };
	};
}

export function createTokenProvider(credentials: PartnerCenterCredentials, fetcher: TokenFetcher = msalTokenFetcher(credentials)): TokenProvider {
	const cache = new AccessTokenCache(fetcher, { isLasting: isLastingLoginFailure });
	const partnerCenterScope = scopeOf(credentials.urls.partnerCenterResource);
	const graphScope = scopeOf(credentials.urls.graphResource);
	return {
		cache,
		partnerCenter: async () => await cache.get(credentials.partnerTenantId, partnerCenterScope),
		graph: async (tenantId: string) => await cache.get(tenantId, graphScope),
	};
}

/** A hash of everything that identifies the credential; the secret goes in hashed, never kept. */
export function credentialKey(credentials: PartnerCenterCredentials): string {
	const { urls, partnerTenantId, clientId, clientSecret, authMode, refreshToken } = credentials;
	return createHash('sha256')
		.update(JSON.stringify([urls, partnerTenantId.toLowerCase(), clientId, clientSecret, authMode, refreshToken ?? '']))
		.digest('hex');
}

// Bounded so a process that sees many rotated credentials does not grow forever.
const MAX_PROVIDERS = 50;
const providers = new Map<string, TokenProvider>();

/** The process-wide provider for this credential: tokens survive across executions. */
export function tokenProviderFor(credentials: PartnerCenterCredentials): TokenProvider {
	const key = credentialKey(credentials);
	const existing = providers.get(key);
	if (existing) return existing;
	if (providers.size >= MAX_PROVIDERS) providers.delete(providers.keys().next().value!);
	const provider = createTokenProvider(credentials);
	providers.set(key, provider);
	return provider;
}

/** Tests: start from a cold process. */
export function forgetTokenProviders(): void {
	providers.clear();
}
