/** The MSAL token provider against the sandbox's login endpoints (custom environment). */
import { startSandbox } from '../../../sandbox';
import { readCredentials } from '../../../nodes/MicrosoftPartnerCenter/transport/credentials';
import { createTokenProvider, credentialKey, tokenProviderFor, forgetTokenProviders } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { partnerCenterCredential } from './sandboxCredential';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 5, seed: 3, tokenLifetimeSeconds: 4 });
});
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.faults.clear();
	sandbox.requests.clear();
	forgetTokenProviders();
});

const loginCalls = () => sandbox.requests.list().filter((r) => r.service === 'login').length;

test('App + User: one token call shared by concurrent requests; partner and each customer tenant cached apart', async () => {
	const tokens = createTokenProvider(readCredentials(partnerCenterCredential(sandbox)));
	const [a, b] = sandbox.state.tenants;
	const first = await Promise.all([...Array(10)].map(() => tokens.partnerCenter()));
	expect(new Set(first).size).toBe(1);
	expect(loginCalls()).toBe(1);
	const graph = await Promise.all([tokens.graph(a.tenantId), tokens.graph(a.tenantId), tokens.graph(b.tenantId)]);
	expect(graph[0]).toBe(graph[1]);
	expect(graph[2]).not.toBe(graph[0]);
	expect(loginCalls()).toBe(3);
	await tokens.partnerCenter();
	expect(loginCalls()).toBe(3);
});

test('a token is fetched again once it nears expiry (4 s tokens: after half their life)', async () => {
	const tokens = createTokenProvider(readCredentials(partnerCenterCredential(sandbox)));
	const first = await tokens.partnerCenter();
	// MSAL rounds its request time to whole seconds, so a "4 s" token can claim up to 4.5 s and
	// its half-life can end 2.25 s after the call; 3 s is past that and still before expiry.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const second = await tokens.partnerCenter();
	expect(second).not.toBe(first);
	expect(loginCalls()).toBe(2);
});

test('App only: client credentials per tenant', async () => {
	const tokens = createTokenProvider(readCredentials(partnerCenterCredential(sandbox, { authMode: 'appOnly' })));
	await expect(tokens.graph(sandbox.state.tenants[0].tenantId)).resolves.toEqual(expect.any(String));
	await expect(tokens.partnerCenter()).resolves.toEqual(expect.any(String));
	expect(loginCalls()).toBe(2);
});

test('one provider per credential across executions, keyed by a hash (the secret is not in the key)', () => {
	const data = partnerCenterCredential(sandbox);
	const credentials = readCredentials(data);
	expect(tokenProviderFor(readCredentials(data))).toBe(tokenProviderFor(credentials));
	expect(tokenProviderFor(readCredentials({ ...data, clientSecret: 'other-secret' }))).not.toBe(tokenProviderFor(credentials));
	expect(credentialKey(credentials)).not.toContain(credentials.clientSecret);
	expect(credentialKey(credentials)).toMatch(/^[0-9a-f]{64}$/);
});

test.each([
	['revoked refresh token', () => sandbox.faults.revokeRefreshToken(), {}, /refresh token was refused.*sign in again/],
	['wrong client secret', () => undefined, { clientSecret: 'not-the-secret' }, /client secret was refused/],
	['wrong partner tenant', () => undefined, { partnerTenantId: '00000000-0000-0000-0000-00000000dead' }, /check the Partner Tenant ID/],
])('%s: a clear message without secrets', async (_name, fault, overrides, message) => {
	fault();
	const data = partnerCenterCredential(sandbox, overrides);
	const tokens = createTokenProvider(readCredentials(data));
	const error = await tokens.partnerCenter().catch((e: Error) => e);
	expect((error as Error).message).toMatch(message);
	expect(JSON.stringify(error) + (error as Error).message).not.toContain(String(data.clientSecret));
	expect(JSON.stringify(error) + (error as Error).message).not.toContain(String(data.refreshToken));
});
