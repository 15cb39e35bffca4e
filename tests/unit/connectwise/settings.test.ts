import { connectWiseSettings, normalizeSiteUrl } from '../../../nodes/ConnectWisePsa/transport/settings';

const valid = { siteUrl: 'api-na.myconnectwise.net', companyId: 'acme', publicKey: 'pubKEY123', privateKey: 'privSECRET456', clientId: '1b4c6a0e-0000-4000-8000-000000000001' };

describe('site URL', () => {
	test.each([
		['api-na.myconnectwise.net', 'https://api-na.myconnectwise.net'],
		['https://api-eu.myconnectwise.net/', 'https://api-eu.myconnectwise.net'],
		['https://cw.example.com/v4_6_release/apis/3.0/', 'https://cw.example.com'],
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

describe('connectWiseSettings', () => {
	test('base URL, Basic auth of companyId+publicKey:privateKey, clientId and versioned Accept', () => {
		const s = connectWiseSettings({ ...valid, apiVersion: '2025.16' });
		expect(s.baseUrl).toBe('https://api-na.myconnectwise.net/v4_6_release/apis/3.0');
		expect(Buffer.from(s.headers.Authorization.replace('Basic ', ''), 'base64').toString()).toBe('acme+pubKEY123:privSECRET456');
		expect(s.headers.clientId).toBe(valid.clientId);
		expect(s.headers.Accept).toBe('application/vnd.connectwise.com+json; version=2025.16');
		expect(s.secrets).toContain('privSECRET456');
	});

	test('default API version', () => {
		expect(connectWiseSettings(valid).headers.Accept).toMatch(/version=2025\.16$/);
	});

	test.each([
		[{ companyId: '' }, /Company ID is empty/],
		[{ clientId: '' }, /Client ID is missing/],
		[{ privateKey: '' }, /private key are both required/],
		[{ apiVersion: '2025.16; x=1' }, /API version/],
	])('clear message for %j', (change, message) => {
		expect(() => connectWiseSettings({ ...valid, ...change })).toThrow(message);
	});
});
