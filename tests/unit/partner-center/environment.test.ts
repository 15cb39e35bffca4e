import { customAuthorityMetadata, environmentUrls, scopeOf } from '../../../nodes/MicrosoftPartnerCenter/transport/environment';
import { readCredentials } from '../../../nodes/MicrosoftPartnerCenter/transport/credentials';

describe('environment URLs', () => {
	test.each([
		['global', 'https://login.microsoftonline.com', 'https://api.partnercenter.microsoft.com', 'https://graph.microsoft.com'],
		['usGov', 'https://login.microsoftonline.us', 'https://api.partnercenter.microsoft.com', 'https://graph.microsoft.us'],
		['china', 'https://login.partner.microsoftonline.cn', 'https://partner.partnercenterapi.microsoftonline.cn', 'https://microsoftgraph.chinacloudapi.cn'],
	] as const)('%s cloud', (environment, login, partnerCenter, graph) => {
		const urls = environmentUrls(environment);
		expect(urls).toMatchObject({ login, partnerCenter, graph, authorityHost: login, customLogin: false });
		expect(scopeOf(urls.graphResource)).toBe(`${graph}/.default`);
		expect(scopeOf(urls.partnerCenterResource)).toBe(`${partnerCenter}/.default`);
	});

	test('custom: hosts replaced, authority and token resources stay global and https', () => {
		const urls = environmentUrls('custom', { loginUrl: 'http://127.0.0.1:4000/login/', partnerCenterUrl: 'http://127.0.0.1:4000/partnercenter', graphUrl: 'http://127.0.0.1:4000/graph' });
		expect(urls).toEqual({
			login: 'http://127.0.0.1:4000/login',
			partnerCenter: 'http://127.0.0.1:4000/partnercenter',
			graph: 'http://127.0.0.1:4000/graph',
			partnerCenterResource: 'https://api.partnercenter.microsoft.com',
			graphResource: 'https://graph.microsoft.com',
			authorityHost: 'https://login.microsoftonline.com',
			customLogin: true,
		});
		const metadata = JSON.parse(customAuthorityMetadata(urls.login));
		expect(metadata.token_endpoint).toBe('http://127.0.0.1:4000/login/{tenant}/oauth2/v2.0/token');
	});

	test('custom without URLs says which field is wrong', () => {
		expect(() => environmentUrls('custom', { loginUrl: 'login.example.com' })).toThrow(/Login URL/);
	});
});

describe('reading the credential', () => {
	const base = { environment: 'global', partnerTenantId: ' P-TENANT ', clientId: 'client', clientSecret: 'secret-value' };

	test('App + User needs a refresh token; the message names missing fields, never values', () => {
		expect(() => readCredentials({ ...base, authMode: 'appUser' })).toThrow('The Microsoft Partner Center credential is missing: Refresh Token');
		expect(() => readCredentials({ environment: 'global', authMode: 'appOnly', clientSecret: 'secret-value' })).toThrow(/Partner Tenant ID, Client ID$/);
	});

	test('App only ignores a leftover refresh token', () => {
		const credentials = readCredentials({ ...base, authMode: 'appOnly', refreshToken: 'old' });
		expect(credentials).toMatchObject({ authMode: 'appOnly', partnerTenantId: 'P-TENANT', refreshToken: undefined });
	});
});

describe('MSAL with a custom login URL', () => {
	test('tokens are posted to {loginUrl}/{tenant}/oauth2/v2.0/token for the partner and for each customer tenant', async () => {
		const http = await import('node:http');
		const { ConfidentialClientApplication } = await import('@azure/msal-node');
		const paths: string[] = [];
		const server = http.createServer((req, res) => {
			paths.push(req.url!.split('?')[0]);
			req.resume();
			req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: `t${paths.length}` })));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const loginUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/login`;
			const app = new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: 's', authority: 'https://login.microsoftonline.com/partner', authorityMetadata: customAuthorityMetadata(loginUrl) } });
			await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'], authority: 'https://login.microsoftonline.com/partner' });
			await app.acquireTokenByRefreshToken({ refreshToken: 'r', scopes: ['https://graph.microsoft.com/.default'], authority: 'https://login.microsoftonline.com/customer-1' });
			expect(paths).toEqual(['/login/partner/oauth2/v2.0/token', '/login/customer-1/oauth2/v2.0/token']);
		} finally {
			server.close();
		}
	});
});
