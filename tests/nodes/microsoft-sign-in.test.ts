/**
 * The partner user's sign-in stays alive without anyone touching the credential: the sandbox's
 * refresh tokens rotate and die 90 days after issue, its clock moves through day 0, 60, 120
 * and 200 with a sync at each step, and every step starts from a cold process (as after an
 * n8n restart or on another queue-mode worker). The credential is changed only by n8n's own
 * write-back paths, which the harness records.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { MicrosoftPartnerCenterApi } from '../../credentials/MicrosoftPartnerCenterApi.credentials';
import { MicrosoftPartnerCenterOAuth2Api } from '../../credentials/MicrosoftPartnerCenterOAuth2Api.credentials';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { forgetTokenProviders } from '../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { partnerCenterCredential } from '../unit/partner-center/sandboxCredential';
import { CredentialStore, runNode } from './harness';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

let sandbox: Sandbox;
const node = new MicrosoftPartnerCenter();
const DAY = 86_400_000;

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 30, seed: 5 });
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	forgetTokenProviders();
});

/** Tenants whose GDAP (with a license role) outlives the test's 200 days. */
function longGdapTenants(count: number) {
	const horizon = Date.now() + 240 * DAY;
	return sandbox.state.tenants
		.filter((tenant) => sandbox.state.gdapRelationships.some((r) => r.customer?.tenantId === tenant.tenantId && r.status === 'active' && Date.parse(r.endDateTime ?? '') > horizon))
		.slice(0, count);
}

/** The browser step of n8n's Connect button against the sandbox, then the code redeemed as n8n does. */
async function connect(): Promise<ICredentialDataDecryptedObject> {
	const { partnerTenantId, clientId, clientSecret } = sandbox.credentials.microsoft;
	const authorize = new URL(`${sandbox.urls.login}/${partnerTenantId}/oauth2/v2.0/authorize`);
	authorize.search = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback', scope: 'https://api.partnercenter.microsoft.com/user_impersonation offline_access openid', state: 's' }).toString();
	const redirect = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
	const token = await fetch(`${sandbox.urls.login}/${partnerTenantId}/oauth2/v2.0/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback', client_id: clientId, client_secret: clientSecret }),
	});
	expect(token.status).toBe(200);
	const oauthTokenData = (await token.json()) as ICredentialDataDecryptedObject;
	const { environment, loginUrl, partnerCenterUrl, graphUrl } = partnerCenterCredential(sandbox);
	return { environment, loginUrl, partnerCenterUrl, graphUrl, partnerTenantId, clientId, clientSecret, oauthTokenData };
}

async function sync(store: CredentialStore, authentication: 'oAuth2' | 'refreshToken', tenants: ReturnType<typeof longGdapTenants>) {
	const result = await runNode({
		node,
		parameters: { authentication, resource: 'license', operation: 'getAll', source: 'partnerCenter', options: { includeUsers: true } },
		inputs: [tenants.map((tenant) => ({ json: { tenantId: tenant.tenantId, name: tenant.name } }))],
		credentialStore: store,
	});
	return { error: result.error, json: (result.outputs[0] ?? []).map((item) => item.json) };
}

const refreshTokenOf = (store: CredentialStore, type: string) =>
	type === 'microsoftPartnerCenterOAuth2Api' ? String((store.data[type].oauthTokenData as { refresh_token: string }).refresh_token) : String(store.data[type].refreshToken);

async function redeem(refreshToken: string): Promise<number> {
	const { partnerTenantId, clientId, clientSecret } = sandbox.credentials.microsoft;
	const response = await fetch(`${sandbox.urls.login}/${partnerTenantId}/oauth2/v2.0/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret, scope: 'https://api.partnercenter.microsoft.com/.default' }),
	});
	return response.status;
}

describe.each([
	['OAuth2 credential (Connect button)', 'oAuth2', 'microsoftPartnerCenterOAuth2Api', 'updateCredentialsOauthTokenData'],
	['refresh-token credential (pasted once)', 'refreshToken', 'microsoftPartnerCenterApi', 'updateCredentials'],
] as const)('%s', (_name, authentication, type, via) => {
	test('syncs on day 0, 60, 120 and 200; n8n alone replaces the refresh token', async () => {
		const tenants = longGdapTenants(3);
		expect(tenants).toHaveLength(3);
		const data = type === 'microsoftPartnerCenterOAuth2Api' ? await connect() : partnerCenterCredential(sandbox);
		const store = new CredentialStore({ [type]: data }, [new MicrosoftPartnerCenterOAuth2Api(), new MicrosoftPartnerCenterApi()]);
		const first = refreshTokenOf(store, type);
		const used: string[] = [first];
		let today = 0;
		for (const day of [0, 60, 120, 200]) {
			sandbox.clock.advanceDays(day - today);
			today = day;
			forgetTokenProviders(); // a cold process: restart or another worker
			const { error, json } = await sync(store, authentication, tenants);
			expect({ day, error: error?.message }).toEqual({ day, error: undefined });
			expect(new Set(json.map((license) => license.tenantId))).toEqual(new Set(tenants.map((tenant) => tenant.tenantId)));
			expect(json.every((license) => Array.isArray(license.users))).toBe(true);
			used.push(refreshTokenOf(store, type));
		}
		// Rotated by n8n's write-back only, and the token stored last is a new one.
		expect(store.updates.length).toBeGreaterThanOrEqual(3);
		expect(store.updates.every((update) => update.type === type && update.via === via)).toBe(true);
		expect(new Set(used.slice(2)).size).toBe(3);
		// The token the credential started with died on day 90: only rotation kept the sync alive.
		expect(await redeem(first)).toBe(400);
		expect(await redeem(refreshTokenOf(store, type))).toBe(200);
	});
});
