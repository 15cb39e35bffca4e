/**
 * Microsoft login: v1 and v2 token endpoints with authorization_code, refresh_token and
 * client_credentials grants, and an authorize endpoint that signs the sandbox's partner admin
 * in at once (the browser step of n8n's OAuth2 "Connect" button).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../server/context';
import { loginError } from '../server/errors';
import { header, json, type Reply, type Route, type RouteRequest } from '../server/types';
import type { Resource } from './tokens';

const RESOURCE_IDS: Record<Resource, string> = {
	partnercenter: 'https://api.partnercenter.microsoft.com',
	graph: 'https://graph.microsoft.com',
};

function classify(resource: string, context: SandboxContext): Resource | undefined {
	const value = resource.toLowerCase();
	if (value.startsWith(context.urls.partnerCenter.toLowerCase()) || /partnercenter|partner\.microsoft|fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd/.test(value)) return 'partnercenter';
	if (value.startsWith(context.urls.graph.toLowerCase()) || /graph|00000003-0000-0000-c000-000000000000/.test(value)) return 'graph';
	return undefined;
}

/** v2 sends scopes (`<resource>/.default openid ...`), v1 a `resource`. */
function requestedResource(form: Record<string, string>, v2: boolean): string | undefined {
	if (!v2) return form.resource;
	return (form.scope ?? '')
		.split(/\s+/)
		.filter((scope) => scope.includes('/'))
		.map((scope) => scope.replace(/\/(\.default|user_impersonation)$/, ''))[0];
}

function findTenantId(segment: string, context: SandboxContext): string | undefined {
	const state = context.state();
	const key = segment.toLowerCase();
	if (['common', 'organizations'].includes(key) || key === state.partner.tenantId || key === state.partner.domain) return state.partner.tenantId;
	const tenant =
		context.tenantById(key) ?? state.tenants.find((candidate) => candidate.domains.includes(key));
	return tenant && !tenant.removed ? tenant.tenantId : undefined;
}

function base64url(value: object): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function idToken(context: SandboxContext, tenantId: string, now: number): string {
	const seconds = Math.floor(now / 1000);
	const claims = {
		aud: context.credentials.microsoft.clientId,
		iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
		iat: seconds,
		nbf: seconds,
		exp: seconds + 3600,
		name: 'Sandbox Partner Admin',
		oid: '00000000-0000-4000-8000-0000000000ad',
		sub: 'sandbox-partner-admin',
		tid: tenantId,
		preferred_username: `admin@${context.state().partner.domain}`,
		ver: '2.0',
	};
	return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`;
}

/** Client id and secret from the form, or from HTTP Basic auth (n8n's OAuth2 client may send either). */
function clientAuth(request: RouteRequest, form: Record<string, string>): { clientId?: string; clientSecret?: string } {
	const basic = /^Basic\s+(.+)$/i.exec(header(request.headers, 'authorization') ?? '');
	if (basic) {
		const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		return { clientId: decodeURIComponent(id), clientSecret: decodeURIComponent(rest.join(':')) };
	}
	return { clientId: form.client_id, clientSecret: form.client_secret };
}

const LIFETIME_REFUSALS = {
	expired: 'The refresh token has expired due to its maximum lifetime (90 days). The user must sign in again.',
	unknown: 'The provided authorization code or refresh token is invalid, expired or revoked. The user must sign in again.',
	otherClient: 'The refresh token was issued to a different client id.',
} as const;

function tokenHandler(context: SandboxContext, v2: boolean) {
	return (request: RouteRequest): Reply => {
		const form = (request.body ?? {}) as Record<string, string>;
		const { clientId, clientSecret } = context.credentials.microsoft;
		const given = clientAuth(request, form);
		form.client_id = given.clientId ?? '';
		form.client_secret = given.clientSecret ?? '';
		if (form.client_id !== clientId) {
			return loginError(400, 'unauthorized_client', 700016, `Application with identifier '${form.client_id ?? ''}' was not found in the directory.`);
		}
		if (form.client_secret !== clientSecret) {
			return loginError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
		}
		const tenantId = findTenantId(request.params.tenant, context);
		if (!tenantId) {
			return loginError(400, 'invalid_request', 90002, `Tenant '${request.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
		}
		request.tenantId = tenantId;
		const now = context.now();
		const grantType = form.grant_type;
		let signedIn: Resource | undefined;
		if (grantType === 'refresh_token') {
			if (context.access.refreshTokenRevoked) {
				return loginError(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.', 'bad_token');
			}
			const checked = context.refreshTokens.redeem(form.refresh_token ?? '', clientId, now);
			if ('refused' in checked) {
				const issued = checked.record ? ` The token was issued on ${new Date(checked.record.issuedAt).toISOString()}.` : '';
				return loginError(400, 'invalid_grant', checked.refused === 'otherClient' ? 700005 : 700082, `${LIFETIME_REFUSALS[checked.refused]}${issued}`, 'bad_token');
			}
			signedIn = checked.record.resource;
		} else if (grantType === 'authorization_code') {
			const code = context.authorizationCodes.get(form.code ?? '');
			context.authorizationCodes.delete(form.code ?? '');
			if (!code || code.clientId !== clientId || code.expiresAt <= now) {
				return loginError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
			}
			if (form.redirect_uri !== undefined && form.redirect_uri !== code.redirectUri) {
				return loginError(400, 'invalid_grant', 50148, 'The redirect_uri does not match the one of the authorization request.');
			}
			form.scope = form.scope || code.scope;
		} else if (grantType !== 'client_credentials') {
			return loginError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
		}
		const resourceText = requestedResource(form, v2);
		const resource = resourceText ? classify(resourceText, context) : signedIn;
		if (!resource) {
			return loginError(400, 'invalid_resource', 500011, `The resource principal named ${resourceText ?? '(none)'} was not found in the tenant.`);
		}
		const mode = grantType === 'client_credentials' ? 'app' : 'delegated';
		// A multi-tenant app reaches a customer tenant only where it is consented (CPV consent,
		// Partner Center applicationconsents); Entra answers AADSTS65001 for a delegated token
		// and AADSTS7000229 (no service principal) for client credentials.
		if (tenantId !== context.state().partner.tenantId && context.access.consentMissing.has(tenantId)) {
			return mode === 'delegated'
				? loginError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named 'M365 License Sync'. Send an interactive authorization request for this user and resource.`, 'consent_required')
				: loginError(400, 'invalid_client', 7000229, `The client application ${clientId} is missing service principal in the tenant ${tenantId}.`);
		}
		const lifetime = context.tokenLifetimeSeconds;
		const accessToken = context.tokens.issue({ tenantId, resource, mode, clientId, expiresAt: now + lifetime * 1000 }, RESOURCE_IDS[resource]);
		const refreshToken = mode === 'delegated' ? context.refreshTokens.issue(clientId, resource, now) : undefined;
		if (!v2) {
			const seconds = Math.floor(now / 1000);
			return json(200, {
				token_type: 'Bearer',
				expires_in: String(lifetime),
				ext_expires_in: String(lifetime),
				expires_on: String(seconds + lifetime),
				not_before: String(seconds),
				resource: resourceText,
				access_token: accessToken,
				...(refreshToken ? { refresh_token: refreshToken } : {}),
			});
		}
		const scopes = (form.scope ?? '').split(/\s+/).filter(Boolean);
		const withIdToken = mode === 'delegated' && scopes.includes('openid');
		return json(200, {
			token_type: 'Bearer',
			scope: scopes.filter((scope) => scope.includes('/')).join(' ') || `${RESOURCE_IDS[resource]}/user_impersonation`,
			expires_in: lifetime,
			ext_expires_in: lifetime,
			access_token: accessToken,
			...(refreshToken ? { refresh_token: refreshToken } : {}),
			...(withIdToken
				? {
						id_token: idToken(context, tenantId, now),
						client_info: Buffer.from(JSON.stringify({ uid: '00000000-0000-4000-8000-0000000000ad', utid: tenantId })).toString('base64url'),
					}
				: {}),
		});
	};
}

/**
 * The browser step of the authorization-code flow: the sandbox's partner admin is signed in
 * (with MFA, as far as the sandbox is concerned) and consents at once; redirects back with a code.
 */
function authorizeHandler(context: SandboxContext) {
	return (request: RouteRequest): Reply => {
		const query = request.url.searchParams;
		const redirectUri = query.get('redirect_uri') ?? '';
		if (query.get('client_id') !== context.credentials.microsoft.clientId || !/^https?:\/\//.test(redirectUri)) {
			return loginError(400, 'unauthorized_client', 700016, `Application with identifier '${query.get('client_id') ?? ''}' was not found in the directory, or the redirect URI is missing.`);
		}
		const code = `sbx-code.${randomBytes(18).toString('base64url')}`;
		context.authorizationCodes.set(code, { clientId: context.credentials.microsoft.clientId, redirectUri, scope: query.get('scope') ?? '', expiresAt: context.now() + 10 * 60_000 });
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		if (query.get('state') !== null) target.searchParams.set('state', query.get('state')!);
		return { status: 302, headers: { Location: target.toString() } };
	};
}

export function loginRoutes(context: SandboxContext): Route[] {
	return [
		{ service: 'login', method: 'GET', template: '/{tenant}/oauth2/v2.0/authorize', handler: authorizeHandler(context) },
		{ service: 'login', method: 'POST', template: '/{tenant}/oauth2/token', handler: tokenHandler(context, false) },
		{ service: 'login', method: 'POST', template: '/{tenant}/oauth2/v2.0/token', handler: tokenHandler(context, true) },
	];
}
