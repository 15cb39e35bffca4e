/** What every service handler can reach: the live state, issued tokens, access switches. */
import type { RefreshTokenStore } from '../login/refreshTokens';
import type { TokenStore } from '../login/tokens';
import type { SandboxState, Tenant } from '../types';
import type { AccessSwitches } from './faults';

export interface SandboxUrls {
	base: string;
	login: string;
	partnerCenter: string;
	graph: string;
	connectWise: string;
	/** The same ConnectWise at the configured cloud host (`localhost`): there v4_6_release redirects to the codebase. */
	connectWiseCloud: string;
	/** Stands in for `https://webservices.autotask.net`: `{autotask}/webservices/ATServicesRest/V1.0/zoneInformation`, the API at the zone host. */
	autotask: string;
}

export interface ApplicationConsent {
	applicationId: string;
	applicationGrants: Array<{ enterpriseApplicationId: string; scope: string }>;
	grantedAt: number;
}

export interface SandboxCredentials {
	microsoft: { partnerTenantId: string; clientId: string; clientSecret: string; refreshToken: string };
	connectWise: { siteUrl: string; companyId: string; publicKey: string; privateKey: string; clientId: string };
	autotask: { userName: string; secret: string; integrationCode: string; zoneUrl: string };
}

/** Autotask's per-database request threshold: the limit and the times of the requests in the last hour. */
export interface AutotaskUsage {
	threshold: number;
	hits: number[];
}

export interface SandboxContext {
	state(): SandboxState;
	tenantById(tenantId: string): Tenant | undefined;
	urls: SandboxUrls;
	credentials: SandboxCredentials;
	tokens: TokenStore;
	access: AccessSwitches;
	/** Refresh tokens the login endpoint issued, each with its issue time (90-day lifetime). */
	refreshTokens: RefreshTokenStore;
	/** Authorization codes of the browser sign-in, redeemed once. */
	authorizationCodes: Map<string, { clientId: string; redirectUri: string; scope: string; expiresAt: number }>;
	/** Application consents granted through Partner Center, by customer tenant. */
	consents: Map<string, ApplicationConsent>;
	tokenLifetimeSeconds: number;
	/** ConnectWise's codebase (`v2025_1`) and the host name that behaves like a cloud site (redirects v4_6_release). */
	connectWiseSite: { codebase: string; cloudHost: string };
	autotaskUsage: AutotaskUsage;
	/** Largest page group members come in (server-driven paging). */
	graphPageCap: number;
	now(): number;
}
