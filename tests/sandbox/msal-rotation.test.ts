/**
 * What a real MSAL client sees from the sandbox login: every refresh-token redemption hands out a
 * new refresh token (kept in MSAL's cache with forceCache), an old one dies 90 days after issue
 * however often it was used, and a customer tenant without the app's consent answers AADSTS65001.
 */
import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import { startSandbox, type Sandbox } from '../../sandbox';
import { gdapTenant } from './helpers';

const PARTNER_CENTER = 'https://api.partnercenter.microsoft.com/.default';

describe('MSAL: rotation, 90-day life, consent', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 12, seed: 3 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const app = () =>
		new ConfidentialClientApplication({
			auth: {
				clientId: sandbox.credentials.microsoft.clientId,
				clientSecret: sandbox.credentials.microsoft.clientSecret,
				authority: `https://login.microsoftonline.com/${sandbox.credentials.microsoft.partnerTenantId}`,
				authorityMetadata: sandbox.msalAuthorityMetadata(),
			},
		});

	/** Redeems and returns the refresh token the answer carried, read from MSAL's cache. */
	async function redeem(refreshToken: string): Promise<string> {
		const client = app();
		const result = await client.acquireTokenByRefreshToken({ refreshToken, scopes: [PARTNER_CENTER], forceCache: true });
		expect(result?.accessToken).toBeTruthy();
		const cache = JSON.parse(client.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
		const tokens = Object.values(cache.RefreshToken).map((entry) => entry.secret);
		expect(tokens).toHaveLength(1);
		return tokens[0];
	}

	it('gets a new refresh token at every redemption; the first one dies on day 90, the newest keeps working', async () => {
		const first = sandbox.credentials.microsoft.refreshToken;
		const seen = [first];
		for (const day of [0, 40, 80]) {
			sandbox.clock.advanceDays(day === 0 ? 0 : 40);
			seen.push(await redeem(seen[seen.length - 1]));
		}
		expect(new Set(seen).size).toBe(4);
		// Day 80: the first token still works (redeeming did not end it) ...
		await expect(redeem(first)).resolves.toEqual(expect.any(String));
		sandbox.clock.advanceDays(11);
		// ... day 91: it does not, however often it was used; the one issued on day 80 does.
		const refused = app().acquireTokenByRefreshToken({ refreshToken: first, scopes: [PARTNER_CENTER] });
		await expect(refused).rejects.toBeInstanceOf(InteractionRequiredAuthError);
		await expect(refused).rejects.toMatchObject({ errorCode: 'invalid_grant', errorMessage: expect.stringContaining('AADSTS700082') });
		await expect(redeem(seen[3])).resolves.toEqual(expect.any(String));
	});

	it('surfaces a customer tenant without consent as invalid_grant AADSTS65001 (consent_required); granting consent fixes it', async () => {
		const tenantId = gdapTenant(sandbox);
		sandbox.faults.removeConsent([tenantId]);
		const request = { refreshToken: sandbox.credentials.microsoft.refreshToken, scopes: ['https://graph.microsoft.com/.default'], authority: `https://login.microsoftonline.com/${tenantId}` };
		const refused = app().acquireTokenByRefreshToken(request);
		await expect(refused).rejects.toBeInstanceOf(InteractionRequiredAuthError);
		await expect(refused).rejects.toMatchObject({ errorCode: 'invalid_grant', subError: 'consent_required', errorMessage: expect.stringContaining('AADSTS65001') });
		sandbox.faults.restoreConsent([tenantId]);
		await expect(app().acquireTokenByRefreshToken(request)).resolves.toMatchObject({ accessToken: expect.any(String) });
	});
});
