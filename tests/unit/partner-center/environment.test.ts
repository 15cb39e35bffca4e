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
