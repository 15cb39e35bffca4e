import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import { startSandbox, type Sandbox } from '../../sandbox';
import { get, gdapTenant } from './helpers';

describe('MSAL against the sandbox login', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 30, seed: 11 });
	});
	afterAll(() => sandbox.stop());

	const app = () =>
		new ConfidentialClientApplication({
			auth: {
				clientId: sandbox.credentials.microsoft.clientId,
				clientSecret: sandbox.credentials.microsoft.clientSecret,
				authority: `https://login.microsoftonline.com/${sandbox.credentials.microsoft.partnerTenantId}`,
				authorityMetadata: sandbox.msalAuthorityMetadata(),
			},
		});

	it('issues a client-credentials token per tenant, cached on the second call, that Graph accepts', async () => {
		const client = app();
		const tenantId = sandbox.state.tenants[0].tenantId;
		const request = { scopes: ['https://graph.microsoft.com/.default'], authority: `https://login.microsoftonline.com/${tenantId}` };
		const first = await client.acquireTokenByClientCredential(request);
		const second = await client.acquireTokenByClientCredential(request);
		expect(first?.fromCache).toBe(false);
		expect(second?.fromCache).toBe(true);
		const response = await get(`${sandbox.urls.graph}/v1.0/organization`, first!.accessToken);
		const body = (await response.json()) as { value: Array<{ id: string }> };
		expect(body.value[0].id).toBe(tenantId);
	});

	it('exchanges the refresh token for a GDAP token of a customer tenant', async () => {
		const tenantId = gdapTenant(sandbox);
		const result = await app().acquireTokenByRefreshToken({
			refreshToken: sandbox.credentials.microsoft.refreshToken,
			scopes: ['https://graph.microsoft.com/.default'],
			authority: `https://login.microsoftonline.com/${tenantId}`,
		});
		const response = await get(`${sandbox.urls.graph}/v1.0/subscribedSkus`, result!.accessToken);
		expect(response.status).toBe(200);
		const skus = ((await response.json()) as { value: Array<{ skuId: string }> }).value;
		expect(skus.map((sku) => sku.skuId)).toEqual(sandbox.state.tenants.find((tenant) => tenant.tenantId === tenantId)!.skus.map((sku) => sku.skuId));
	});

	it('turns a revoked refresh token into InteractionRequiredAuthError (invalid_grant)', async () => {
		sandbox.faults.revokeRefreshToken();
		await expect(
			app().acquireTokenByRefreshToken({
				refreshToken: sandbox.credentials.microsoft.refreshToken,
				scopes: ['https://api.partnercenter.microsoft.com/.default'],
			}),
		).rejects.toBeInstanceOf(InteractionRequiredAuthError);
		sandbox.faults.clear();
	});

	it('refuses a wrong client secret', async () => {
		const client = new ConfidentialClientApplication({
			auth: {
				clientId: sandbox.credentials.microsoft.clientId,
				clientSecret: 'wrong',
				authority: `https://login.microsoftonline.com/${sandbox.credentials.microsoft.partnerTenantId}`,
				authorityMetadata: sandbox.msalAuthorityMetadata(),
			},
		});
		await expect(client.acquireTokenByClientCredential({ scopes: ['https://api.partnercenter.microsoft.com/.default'] })).rejects.toThrow(/invalid_client/);
	});
});
