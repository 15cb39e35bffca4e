/** Microsoft login: v1 and v2 token endpoints with refresh_token and client_credentials grants. */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../server/context';
import { loginError } from '../server/errors';
import { json, type Reply, type Route, type RouteRequest } from '../server/types';
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

function tokenHandler(context: SandboxContext, v2: boolean) {
	return (request: RouteRequest): Reply => {
		const form = (request.body ?? {}) as Record<string, string>;
		const { clientId, clientSecret } = context.credentials.microsoft;
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
		const resourceText = requestedResource(form, v2);
		const resource = resourceText ? classify(resourceText, context) : undefined;
		if (!resource) {
			return loginError(400, 'invalid_resource', 500011, `The resource principal named ${resourceText ?? '(none)'} was not found in the tenant.`);
		}
		const grantType = form.grant_type;
		if (grantType === 'refresh_token') {
			if (context.access.refreshTokenRevoked || !context.refreshTokens.has(form.refresh_token ?? '')) {
				return loginError(400, 'invalid_grant', 700082, 'The refresh token has expired or was revoked. The user must sign in again (re-run the Secure Application Model consent).', 'bad_token');
			}
		} else if (grantType !== 'client_credentials') {
			return loginError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
		}
		const now = context.now();
		const lifetime = context.tokenLifetimeSeconds;
		const mode = grantType === 'refresh_token' ? 'delegated' : 'app';
		const accessToken = context.tokens.issue({ tenantId, resource, mode, clientId, expiresAt: now + lifetime * 1000 }, RESOURCE_IDS[resource]);
		let refreshToken: string | undefined;
		if (mode === 'delegated') {
			refreshToken = `sbx-rt.${randomBytes(24).toString('base64url')}`;
			context.refreshTokens.add(refreshToken);
		}
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
			scope: scopes.filter((scope) => scope.includes('/')).join(' '),
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

export function loginRoutes(context: SandboxContext): Route[] {
	return [
		{ service: 'login', method: 'POST', template: '/{tenant}/oauth2/token', handler: tokenHandler(context, false) },
		{ service: 'login', method: 'POST', template: '/{tenant}/oauth2/v2.0/token', handler: tokenHandler(context, true) },
	];
}
