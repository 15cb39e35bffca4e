import { checkSyncRequest, type RequestVerdict } from '../../../nodes/SyncRequest/core';
import { secretMatches } from '../../../nodes/SecretWebhookTrigger/secret';

const TENANT = '8d1b2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const MAP = [
	{ tenantId: TENANT, companyId: 250, companyName: 'Contoso' },
	{ tenantId: 'AB12CD34-0000-4000-8000-0000000000EF', companyId: '251' },
];
const JSON_TYPE = 'application/json';
const check = (body: unknown, extra: { query?: unknown; contentType?: unknown } = {}, map: Array<Record<string, unknown>> = MAP): RequestVerdict =>
	checkSyncRequest({ body, query: extra.query ?? {}, contentType: extra.contentType ?? JSON_TYPE }, map);

describe('Sync now request: refused, nothing runs', () => {
	test.each([
		{ name: 'empty object', body: {}, status: 400, message: /Say what to sync.*never started by an empty request/ },
		{ name: 'only dryRun', body: { dryRun: true }, status: 400, message: /Say what to sync/ },
		{ name: 'null body', body: null, status: 400, message: /body must be a JSON object, got null/ },
		{ name: 'no body', body: undefined, status: 400, message: /body must be a JSON object, got nothing/ },
		{ name: 'array body', body: [{ companyId: 250 }], status: 400, message: /body must be a JSON object, got a list/ },
		{ name: 'text body', body: 'companyId=250', status: 400, message: /body must be a JSON object, got "companyId=250"/ },
		{ name: 'number body', body: 250, status: 400, message: /body must be a JSON object, got 250/ },
		{ name: 'companyId null', body: { companyId: null }, status: 400, message: /companyId must be a positive whole number.*got null/ },
		{ name: 'companyId zero', body: { companyId: 0 }, status: 400, message: /companyId must be a positive whole number.*got 0/ },
		{ name: 'companyId negative', body: { companyId: -250 }, status: 400, message: /got -250/ },
		{ name: 'companyId fraction', body: { companyId: 2.5 }, status: 400, message: /got 2.5/ },
		{ name: 'companyId text', body: { companyId: 'Contoso' }, status: 400, message: /got "Contoso"/ },
		{ name: 'companyId padded digits', body: { companyId: ' 250' }, status: 400, message: /got " 250"/ },
		{ name: 'companyId leading zero', body: { companyId: '0250' }, status: 400, message: /got "0250"/ },
		{ name: 'companyId empty', body: { companyId: '' }, status: 400, message: /got ""/ },
		{ name: 'companyId boolean', body: { companyId: true }, status: 400, message: /got true/ },
		{ name: 'companyId too large', body: { companyId: 2 ** 60 }, status: 400, message: /positive whole number/ },
		{ name: 'tenantId not a GUID', body: { tenantId: 'contoso.onmicrosoft.com' }, status: 400, message: /tenantId must be a tenant GUID.*got "contoso.onmicrosoft.com"/ },
		{ name: 'tenantId null', body: { tenantId: null }, status: 400, message: /tenantId must be a tenant GUID.*got null/ },
		{ name: 'tenantId braces', body: { tenantId: `{${TENANT}}` }, status: 400, message: /tenantId must be a tenant GUID/ },
		{ name: 'tenantId short', body: { tenantId: TENANT.slice(0, -1) }, status: 400, message: /tenantId must be a tenant GUID/ },
		{ name: 'everyone false', body: { everyone: false }, status: 400, message: /everyone must be true.*got false/ },
		{ name: 'everyone 1', body: { everyone: 1 }, status: 400, message: /everyone must be true.*got 1/ },
		{ name: 'everyone null', body: { everyone: null }, status: 400, message: /everyone must be true/ },
		{ name: 'companyId and tenantId', body: { companyId: 250, tenantId: TENANT }, status: 400, message: /exactly one of companyId, tenantId and everyone, got companyId and tenantId/ },
		{ name: 'companyId and everyone', body: { companyId: 250, everyone: true }, status: 400, message: /got companyId and everyone/ },
		{ name: 'dryRun "yes"', body: { everyone: true, dryRun: 'yes' }, status: 400, message: /dryRun must be true or false, got "yes"/ },
		{ name: 'dryRun 1', body: { everyone: true, dryRun: 1 }, status: 400, message: /dryRun must be true or false, got 1/ },
		{ name: 'dryRun "TRUE"', body: { everyone: true, dryRun: 'TRUE' }, status: 400, message: /got "TRUE"/ },
		{ name: 'dryRun null', body: { companyId: 250, dryRun: null }, status: 400, message: /got null/ },
		{ name: 'misspelt dryRun', body: { everyone: true, dryrun: true }, status: 400, message: /Unknown field "dryrun"/ },
		{ name: 'misspelt companyId', body: { compnyId: 250 }, status: 400, message: /Unknown field "compnyId"/ },
		{ name: 'unknown company', body: { companyId: 999 }, status: 404, message: /Company 999 is not in the company map/ },
		{ name: 'unknown company as text', body: { companyId: '999' }, status: 404, message: /Company 999 / },
		{ name: 'unknown tenant', body: { tenantId: '00000000-0000-4000-8000-000000000000' }, status: 404, message: /Tenant 00000000-0000-4000-8000-000000000000 is not in the company map/ },
	])('$name → $status', ({ body, status, message }) => {
		const verdict = check(body);
		expect(verdict.accepted).toBe(false);
		if (verdict.accepted) return;
		expect(verdict.refusal.statusCode).toBe(status);
		expect(verdict.refusal.message).toMatch(message);
	});

	test.each([
		{ name: 'query parameters', extra: { query: { companyId: '250' } }, status: 400, message: /Query parameters are not read \(got companyId\)/ },
		{ name: 'text content type', extra: { contentType: 'text/plain' }, status: 415, message: /Send the request as JSON.*got "text\/plain"/ },
		{ name: 'form content type', extra: { contentType: 'application/x-www-form-urlencoded' }, status: 415, message: /as JSON/ },
	])('$name → $status', ({ extra, status, message }) => {
		const verdict = check({ companyId: 250 }, extra);
		expect(verdict).toEqual({ accepted: false, refusal: { statusCode: status, message: expect.stringMatching(message) } });
	});

	test('a company map that could not be read refuses (503) instead of answering "unknown"', () => {
		const verdict = check({ companyId: 250 }, {}, [...MAP, { error: 'table m365_company_map does not exist' }]);
		expect(verdict).toEqual({ accepted: false, refusal: { statusCode: 503, message: expect.stringMatching(/Could not read the company map.*does not exist/) } });
	});
});

describe('Sync now request: accepted', () => {
	test.each([
		{ name: 'one company', body: { companyId: 250 }, scope: { scope: 'company', companyId: 250, tenantId: null, dryRun: false } },
		{ name: 'company id as digits', body: { companyId: '251' }, scope: { scope: 'company', companyId: 251, tenantId: null, dryRun: false } },
		{ name: 'one tenant, any case', body: { tenantId: TENANT.toUpperCase() }, scope: { scope: 'tenant', companyId: null, tenantId: TENANT, dryRun: false } },
		{ name: 'tenant stored upper-case in the map', body: { tenantId: 'ab12cd34-0000-4000-8000-0000000000ef' }, scope: { scope: 'tenant', companyId: null, tenantId: 'ab12cd34-0000-4000-8000-0000000000ef', dryRun: false } },
		{ name: 'everyone', body: { everyone: true }, scope: { scope: 'everyone', companyId: null, tenantId: null, dryRun: false } },
		{ name: 'everyone as text', body: { everyone: 'true' }, scope: { scope: 'everyone', companyId: null, tenantId: null, dryRun: false } },
		{ name: 'dry run true', body: { everyone: true, dryRun: true }, scope: { scope: 'everyone', companyId: null, tenantId: null, dryRun: true } },
		{ name: 'dry run "true"', body: { companyId: 250, dryRun: 'true' }, scope: { scope: 'company', companyId: 250, tenantId: null, dryRun: true } },
		{ name: 'dry run false', body: { companyId: 250, dryRun: false }, scope: { scope: 'company', companyId: 250, tenantId: null, dryRun: false } },
		{ name: 'dry run "false"', body: { companyId: 250, dryRun: 'false' }, scope: { scope: 'company', companyId: 250, tenantId: null, dryRun: false } },
	])('$name', ({ body, scope }) => {
		expect(check(body)).toEqual({ accepted: true, scope });
	});

	test('everyone runs on an empty company map (the first run creates the tables)', () => {
		expect(check({ everyone: true }, {}, [])).toEqual({ accepted: true, scope: { scope: 'everyone', companyId: null, tenantId: null, dryRun: false } });
	});

	test('JSON with a charset or a vendor type is JSON', () => {
		expect(check({ companyId: 250 }, { contentType: 'application/json; charset=utf-8' }).accepted).toBe(true);
		expect(check({ companyId: 250 }, { contentType: 'application/vnd.api+json' }).accepted).toBe(true);
	});
});

describe('header secret', () => {
	test.each([
		{ sent: 's3cret-value', expected: 's3cret-value', matches: true },
		{ sent: 's3cret-valuE', expected: 's3cret-value', matches: false },
		{ sent: 's3cret', expected: 's3cret-value', matches: false },
		{ sent: undefined, expected: 's3cret-value', matches: false },
		{ sent: ['s3cret-value'], expected: 's3cret-value', matches: false },
		{ sent: '', expected: '', matches: false },
	])('$sent vs $expected → $matches', ({ sent, expected, matches }) => {
		expect(secretMatches(sent, expected)).toBe(matches);
	});
});
