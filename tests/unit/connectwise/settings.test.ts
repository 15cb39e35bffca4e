import { redirectedCodebase } from '../../../nodes/ConnectWisePsa/transport';
import { apiBaseUrl, companyInfoUrl, connectWiseSettings, normalizeSiteUrl, parseCodebase } from '../../../nodes/ConnectWisePsa/transport/settings';

const valid = { siteUrl: 'api-na.myconnectwise.net', companyId: 'acme', publicKey: 'pubKEY123', privateKey: 'privSECRET456', clientId: '1b4c6a0e-0000-4000-8000-000000000001' };

describe('site URL as users type it', () => {
	test.each([
		['api-na.myconnectwise.net', 'https://api-na.myconnectwise.net'],
		['na.myconnectwise.net', 'https://na.myconnectwise.net'],
		['https://api-eu.myconnectwise.net/', 'https://api-eu.myconnectwise.net'],
		['https://na.myconnectwise.net/v4_6_release/apis/3.0', 'https://na.myconnectwise.net'],
		['https://api-au.myconnectwise.net/v2025_1/apis/3.0/company/companies', 'https://api-au.myconnectwise.net'],
		['https://cw.example.com/v4_6_release/apis/3.0/', 'https://cw.example.com'],
		['https://cw.example.com/v4_6_release', 'https://cw.example.com'],
		['https://cw.example.com:8443/manage', 'https://cw.example.com:8443/manage'],
		['http://127.0.0.1:3999/cw', 'http://127.0.0.1:3999/cw'],
		['http://localhost:8080', 'http://localhost:8080'],
	])('%s → %s', (input, expected) => {
		expect(normalizeSiteUrl(input)).toBe(expected);
	});

	test.each([
		['', /empty/],
		['http://cw.example.com', /https/],
		['ftp://cw.example.com', /https/],
		['https://user:pw@cw.example.com', /user name or password/],
		['https://exa mple.com', /not a valid/],
	])('rejects %s', (input, message) => {
		expect(() => normalizeSiteUrl(input)).toThrow(message);
	});
});

describe('codebase: companyinfo and the API base', () => {
	test.each([
		// Cloud: companyinfo on the web host, the API on the api- host for a versioned codebase.
		['https://api-na.myconnectwise.net', 'https://na.myconnectwise.net/login/companyinfo/acme', 'v2025_1', 'https://api-na.myconnectwise.net/v2025_1/apis/3.0'],
		['https://na.myconnectwise.net', 'https://na.myconnectwise.net/login/companyinfo/acme', 'v2025_1', 'https://api-na.myconnectwise.net/v2025_1/apis/3.0'],
		['https://api-staging.connectwisedev.com', 'https://staging.connectwisedev.com/login/companyinfo/acme', 'v2025_1', 'https://api-staging.connectwisedev.com/v2025_1/apis/3.0'],
		// Discovery failed on a cloud site: the host as typed, v4_6_release (a redirect corrects it).
		['https://na.myconnectwise.net', 'https://na.myconnectwise.net/login/companyinfo/acme', 'v4_6_release', 'https://na.myconnectwise.net/v4_6_release/apis/3.0'],
		// On-premises: the host as typed, whatever the codebase.
		['https://cw.example.com:8443/manage', 'https://cw.example.com:8443/manage/login/companyinfo/acme', 'v4_6_release', 'https://cw.example.com:8443/manage/v4_6_release/apis/3.0'],
		['http://127.0.0.1:3999/cw', 'http://127.0.0.1:3999/cw/login/companyinfo/acme', 'v2025_1', 'http://127.0.0.1:3999/cw/v2025_1/apis/3.0'],
	])('%s: companyinfo %s; codebase %s → %s', (site, info, codebase, base) => {
		expect(companyInfoUrl(site, 'acme')).toBe(info);
		expect(apiBaseUrl(site, codebase)).toBe(base);
	});

	test('the company id is URL-encoded in companyinfo', () => {
		expect(companyInfoUrl('https://cw.example.com', 'a b/c')).toBe('https://cw.example.com/login/companyinfo/a%20b%2Fc');
	});

	test.each([
		['v2025_1/', 'v2025_1'],
		['v4_6_release/', 'v4_6_release'],
		[' /v2020_4/ ', 'v2020_4'],
		['v2025.1', undefined],
		['../evil', undefined],
		[null, undefined],
	])('Codebase %j → %j', (value, expected) => {
		expect(parseCodebase(value)).toBe(expected);
	});

	test.each([
		['/cw/v2025_2/apis/3.0/company/companies', 'http://localhost:1/cw/v4_6_release/apis/3.0/company/companies', 'http://localhost:1/cw', 'v2025_2'],
		['https://api-na.myconnectwise.net/v2025_2/apis/3.0/system/info', 'https://na.myconnectwise.net/v4_6_release/apis/3.0/system/info', 'https://na.myconnectwise.net', 'v2025_2'],
		['https://evil.example.com/v2025_2/apis/3.0/system/info', 'https://cw.example.com/v4_6_release/apis/3.0/system/info', 'https://cw.example.com', undefined],
		['/login/login.aspx', 'https://cw.example.com/v4_6_release/apis/3.0/system/info', 'https://cw.example.com', undefined],
		[undefined, 'https://cw.example.com/v4_6_release/apis/3.0/system/info', 'https://cw.example.com', undefined],
	])('a redirect to %s is followed only to this site: %s', (location, requested, site, expected) => {
		expect(redirectedCodebase(location, requested, site, 'v4_6_release')).toBe(expected);
	});
});

describe('connectWiseSettings', () => {
	test('site, Basic auth of companyId+publicKey:privateKey, clientId and versioned Accept', () => {
		const s = connectWiseSettings({ ...valid, apiVersion: '2024.5' });
		expect(s.site).toBe('https://api-na.myconnectwise.net');
		expect(s.companyId).toBe('acme');
		expect(Buffer.from(s.headers.Authorization.replace('Basic ', ''), 'base64').toString()).toBe('acme+pubKEY123:privSECRET456');
		expect(s.headers.clientId).toBe(valid.clientId);
		expect(s.headers.Accept).toBe('application/vnd.connectwise.com+json; version=2024.5');
		expect(s.secrets).toContain('privSECRET456');
	});

	test('default API version', () => {
		expect(connectWiseSettings(valid).headers.Accept).toBe('application/vnd.connectwise.com+json; version=2025.1');
	});

	test.each([
		[{ companyId: '' }, /Company ID is empty/],
		[{ clientId: '' }, /Client ID is missing/],
		[{ privateKey: '' }, /private key are both required/],
		[{ apiVersion: '2025.1; x=1' }, /API version/],
	])('clear message for %j', (change, message) => {
		expect(() => connectWiseSettings({ ...valid, ...change })).toThrow(message);
	});
});
