/**
 * What the process keeps between syncs is bounded (#17): MSAL's own cache holds no tokens once a
 * request is answered (ours answers repeats), and expired tokens of tenants not asked for again
 * are dropped from ours.
 */
import type { ConfidentialClientApplication } from '@azure/msal-node';
import { startSandbox } from '../../../sandbox';
import { readCredentials } from '../../../nodes/MicrosoftPartnerCenter/transport/credentials';
import { AccessTokenCache, type AccessToken } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenCache';
import { createMsalApp, msalTokenFetcher } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { partnerCenterCredential } from './sandboxCredential';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 12, seed: 9 });
});
afterAll(async () => await sandbox.stop());

/** Entries of each kind in MSAL's serialized cache (AccessToken, RefreshToken, Account, IdToken...). */
function msalEntries(app: ConfidentialClientApplication): number {
	const cache = JSON.parse(app.getTokenCache().serialize()) as Record<string, Record<string, unknown>>;
	return Object.values(cache).reduce((sum, entries) => sum + Object.keys(entries).length, 0);
}

test.each(['appUser', 'appOnly'] as const)('%s: after 8 tenants\' tokens MSAL keeps no tokens, accounts or refresh tokens', async (authMode) => {
	const credentials = readCredentials(partnerCenterCredential(sandbox, { authMode }));
	const app = createMsalApp(credentials);
	const fetch = msalTokenFetcher(credentials, app);
	const tenants = sandbox.state.tenants.slice(0, 8).map((tenant) => tenant.tenantId);
	const tokens = await Promise.all(tenants.map(async (tenantId) => await fetch(tenantId, 'https://graph.microsoft.com/.default')));
	expect(new Set(tokens.map((t) => t.token)).size).toBe(tenants.length);
	expect(msalEntries(app)).toBe(0);
	// The next request still works (authority metadata is kept).
	await expect(fetch(tenants[0], 'https://graph.microsoft.com/.default')).resolves.toEqual(expect.objectContaining({ token: expect.any(String) }));
});

test('expired tokens of tenants not asked for again are dropped once the cache has doubled', async () => {
	const clock = { now: 0 };
	const fetch = async (tenantId: string): Promise<AccessToken> => ({ token: `t-${tenantId}-${clock.now}`, expiresAt: clock.now + 3_600_000 });
	const cache = new AccessTokenCache(fetch, { now: () => clock.now });
	for (let i = 0; i < 100; i++) await cache.get(`yesterday-${i}`, 'graph');
	expect(cache.size).toBe(100);
	clock.now = 24 * 3_600_000;
	for (let i = 0; i < 100; i++) await cache.get(`today-${i}`, 'graph');
	// Yesterday's 100 expired tokens went at a sweep; today's are all kept.
	expect(cache.size).toBeLessThanOrEqual(128);
	for (let i = 0; i < 100; i++) expect(await cache.get(`today-${i}`, 'graph')).toBe(`t-today-${i}-${clock.now}`);
	expect(cache.size).toBe(100);
});
