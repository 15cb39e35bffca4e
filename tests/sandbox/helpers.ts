import http from 'node:http';
import https from 'node:https';
import type { Sandbox } from '../../sandbox';

/** POST a form with node:http(s), trusting the sandbox's own certificate when it serves https. */
function postForm(sandbox: Sandbox, url: string, form: URLSearchParams): Promise<unknown> {
	const send = url.startsWith('https:') ? https.request : http.request;
	return new Promise((resolve, reject) => {
		const request = send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, ca: sandbox.certificate }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
		});
		request.on('error', reject);
		request.end(form.toString());
	});
}

export const API = '/v4_6_release/apis/3.0';

export function cwHeaders(sandbox: Sandbox): Record<string, string> {
	const { companyId, publicKey, privateKey, clientId } = sandbox.credentials.connectWise;
	return { authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`, clientId, 'content-type': 'application/json' };
}

export async function cw(sandbox: Sandbox, path: string, init: RequestInit = {}): Promise<Response> {
	return fetch(`${sandbox.urls.connectWise}${API}${path}`, { ...init, headers: { ...cwHeaders(sandbox), ...(init.headers as Record<string, string> | undefined) } });
}

export async function token(
	sandbox: Sandbox,
	options: { tenantId?: string; resource?: 'graph' | 'partnercenter'; grant?: 'refresh_token' | 'client_credentials' } = {},
): Promise<string> {
	const { clientId, clientSecret, refreshToken, partnerTenantId } = sandbox.credentials.microsoft;
	const { tenantId = partnerTenantId, resource = 'partnercenter', grant = 'refresh_token' } = options;
	const scope = resource === 'graph' ? 'https://graph.microsoft.com/.default' : 'https://api.partnercenter.microsoft.com/.default';
	const form = new URLSearchParams({ grant_type: grant, client_id: clientId, client_secret: clientSecret, scope, ...(grant === 'refresh_token' ? { refresh_token: refreshToken } : {}) });
	const body = (await postForm(sandbox, `${sandbox.urls.login}/${tenantId}/oauth2/v2.0/token`, form)) as { access_token?: string; error?: string };
	if (!body.access_token) throw new Error(`no token: ${body.error}`);
	return body.access_token;
}

export async function get(url: string, accessToken: string, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(url, { headers: { authorization: `Bearer ${accessToken}`, ...headers } });
}

/** A tenant whose GDAP relationship is active (delegated Graph calls pass). */
export function gdapTenant(sandbox: Sandbox, status = 'active'): string {
	// A tenant whose only relationships have this status (some keep an old expired one next to an active one).
	const { gdapRelationships } = sandbox.state;
	const relationship = gdapRelationships.find(
		(candidate) => candidate.status === status && gdapRelationships.every((other) => other.customer?.tenantId !== candidate.customer?.tenantId || other.status === status),
	);
	if (!relationship?.customer?.tenantId) throw new Error(`no ${status} GDAP relationship in the seed`);
	return relationship.customer.tenantId;
}
