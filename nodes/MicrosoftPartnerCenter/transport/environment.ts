/**
 * Where each Microsoft cloud lives. Pure: the credential's environment in, base URLs and
 * token scopes out. A custom environment (sandbox, proxy) replaces the hosts but still
 * asks for tokens for the global resources, because a proxy forwards to real Entra ID.
 */
export type EnvironmentName = 'global' | 'usGov' | 'china' | 'custom';

export interface EnvironmentUrls {
	/** Entra ID login host, no tenant: `https://login.microsoftonline.com`. */
	login: string;
	/** Partner Center host, without `/v1`. */
	partnerCenter: string;
	/** Microsoft Graph host, without `/v1.0`. */
	graph: string;
	/** Resource of Partner Center tokens (scope = resource + `/.default`). */
	partnerCenterResource: string;
	/** Resource of Graph tokens. */
	graphResource: string;
	/** Host MSAL treats as the authority; always https (MSAL refuses anything else). */
	authorityHost: string;
	/** True when token requests go to `login` through MSAL's authority metadata. */
	customLogin: boolean;
}

const GLOBAL = {
	login: 'https://login.microsoftonline.com',
	partnerCenter: 'https://api.partnercenter.microsoft.com',
	graph: 'https://graph.microsoft.com',
};

const CLOUDS: Record<Exclude<EnvironmentName, 'custom'>, typeof GLOBAL> = {
	global: GLOBAL,
	usGov: {
		login: 'https://login.microsoftonline.us',
		// Microsoft documents the same Partner Center host for the US Government cloud.
		partnerCenter: 'https://api.partnercenter.microsoft.com',
		graph: 'https://graph.microsoft.us',
	},
	china: {
		login: 'https://login.partner.microsoftonline.cn',
		partnerCenter: 'https://partner.partnercenterapi.microsoftonline.cn',
		graph: 'https://microsoftgraph.chinacloudapi.cn',
	},
};

export interface CustomUrls {
	loginUrl?: string;
	partnerCenterUrl?: string;
	graphUrl?: string;
}

function trimUrl(value: string | undefined, field: string): string {
	const url = (value ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+/i.test(url)) {
		throw new Error(`The credential's ${field} must be an http(s) URL (custom environment)`);
	}
	return url;
}

export function environmentUrls(environment: EnvironmentName, custom: CustomUrls = {}): EnvironmentUrls {
	if (environment === 'custom') {
		return {
			login: trimUrl(custom.loginUrl, 'Login URL'),
			partnerCenter: trimUrl(custom.partnerCenterUrl, 'Partner Center URL'),
			graph: trimUrl(custom.graphUrl, 'Graph URL'),
			partnerCenterResource: GLOBAL.partnerCenter,
			graphResource: GLOBAL.graph,
			authorityHost: GLOBAL.login,
			customLogin: true,
		};
	}
	const cloud = CLOUDS[environment] ?? GLOBAL;
	// Tokens are for the cloud's own Partner Center host: Microsoft's Partner Center PowerShell
	// module asks for `<PartnerCenterEndpoint>/user_impersonation`, which in China is the 21Vianet host.
	return {
		...cloud,
		partnerCenterResource: cloud.partnerCenter,
		graphResource: cloud.graph,
		authorityHost: cloud.login,
		customLogin: false,
	};
}

export function scopeOf(resource: string): string {
	return `${resource}/.default`;
}

/**
 * MSAL authority metadata for a custom login host: MSAL skips discovery and posts to
 * this token endpoint. Only the token endpoint points at the custom host. The other
 * endpoints stay on the https authority with `{tenant}` as their first path segment,
 * because MSAL rewrites endpoint paths by position from the authorization endpoint:
 * with a custom first segment (e.g. `/login/`) it would replace that segment with the
 * tenant and post to the wrong path.
 */
export function customAuthorityMetadata(loginUrl: string, authorityHost = GLOBAL.login): string {
	const authority = `${authorityHost}/{tenant}`;
	return JSON.stringify({
		token_endpoint: `${loginUrl.replace(/\/+$/, '')}/{tenant}/oauth2/v2.0/token`,
		authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
		end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
		issuer: `${authority}/v2.0`,
		jwks_uri: `${authority}/discovery/v2.0/keys`,
		token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
		response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
		scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
		http_logout_supported: true,
		frontchannel_logout_supported: true,
		request_uri_parameter_supported: false,
	});
}
