/** The Autotask node's pure parts: credential URLs, units on a day, agreement facts, refusals, filters, the threshold guard. */
import { ApiError } from '../../../nodes/shared';
import { companyFilters } from '../../../nodes/AutotaskPsa/actions/company/getAll.operation';
import { refusedForGood } from '../../../nodes/AutotaskPsa/actions/plan/lineStore';
import { contractFacts, currentUnits, toLine } from '../../../nodes/AutotaskPsa/shapes/records';
import { autotaskSettings, chunks, normalizeRestUrl, ThresholdReachedError } from '../../../nodes/AutotaskPsa/transport';
import { ThresholdGuard } from '../../../nodes/AutotaskPsa/transport/threshold';

describe('normalizeRestUrl', () => {
	it.each([
		['https://webservices5.autotask.net/ATServicesRest/', 'https://webservices5.autotask.net/ATServicesRest/'],
		['https://webservices5.autotask.net/ATServicesRest/V1.0', 'https://webservices5.autotask.net/ATServicesRest/'],
		['https://webservices5.autotask.net/atservicesrest/v1.0/', 'https://webservices5.autotask.net/atservicesrest/'],
		['webservices15.autotask.net', 'https://webservices15.autotask.net/ATServicesRest/'],
		['http://localhost:3000/autotask/webservices15/ATServicesRest', 'http://localhost:3000/autotask/webservices15/ATServicesRest/'],
	])('%s → %s', (input, expected) => {
		expect(normalizeRestUrl(input, 'Zone URL')).toBe(expected);
	});

	it.each([
		['', 'Zone URL is empty'],
		['http://webservices5.autotask.net/ATServicesRest/', 'Zone URL must use https (plain http only for localhost)'],
		['https://exa mple', 'Zone URL "https://exa mple" is not a URL'],
	])('refuses %j', (input, message) => {
		expect(() => normalizeRestUrl(input, 'Zone URL')).toThrow(message);
	});
});

describe('autotaskSettings', () => {
	const good = { userName: ' api@msp.example ', secret: 's3cret', integrationCode: 'CODE', zone: 'manual' as const, zoneUrl: 'webservices5.autotask.net' };
	it('builds the headers, keeps secret and integration code out of output, and finds the zone by hand or by lookup', () => {
		const settings = autotaskSettings({ ...good, impersonationResourceId: '29682901' });
		expect(settings.headers).toEqual({ ApiIntegrationCode: 'CODE', UserName: 'api@msp.example', Secret: 's3cret', 'Content-Type': 'application/json', ImpersonationResourceId: '29682901' });
		expect(settings.secrets).toEqual(['s3cret', 'CODE']);
		expect(settings.zoneUrl).toBe('https://webservices5.autotask.net/ATServicesRest/');
		expect(autotaskSettings({ ...good, zone: 'lookup' }).lookupUrl).toBe('https://webservices.autotask.net/ATServicesRest/');
	});
	it.each([
		[{ userName: '' }, 'API User Name is empty'],
		[{ secret: '' }, 'Secret is empty'],
		[{ integrationCode: ' ' }, 'API Integration Code is empty'],
		[{ impersonationResourceId: 'jsmith' }, 'Impersonation Resource ID "jsmith" must be a resource\'s number'],
	])('names the field: %j', (override, message) => {
		expect(() => autotaskSettings({ ...good, ...override })).toThrow(message);
	});
});

describe('currentUnits', () => {
	const row = (startDate: string, endDate: string, units: number) => ({ id: 1, contractID: 1, contractServiceID: 1, startDate: `${startDate}T00:00:00Z`, endDate: `${endDate}T00:00:00Z`, units });
	it.each([
		['the period holding today', [row('2026-11-01', '2026-11-30', 4), row('2026-12-01', '2026-12-31', 7)], '2026-12-15', { units: 7, from: '2026-12-01' }],
		['the last period begun when none holds today', [row('2026-10-01', '2026-10-31', 3)], '2026-12-15', { units: 3, from: '2026-10-01' }],
		['0 when the service starts later', [row('2027-01-01', '2027-01-31', 5)], '2026-12-15', { units: 0, from: null }],
		['0 without rows', [], '2026-12-15', { units: 0, from: null }],
	])('%s', (_case, rows, today, expected) => {
		expect(currentUnits(rows, today)).toEqual(expected);
	});
});

describe('contractFacts', () => {
	const picklists = { status: { '0': 'Inactive', '1': 'Active' }, contractCategory: { '1': 'M365 Monthly' }, contractPeriodType: { m: 'Monthly' } };
	const contract = { id: 7, companyID: 3, status: 1, contractCategory: 1, contractPeriodType: 'm', startDate: '2025-01-01T00:00:00Z', endDate: '2027-12-31T00:00:00Z' };
	it.each([
		['active', contract, 'Active'],
		['inactive', { ...contract, status: 0 }, 'Inactive'],
		['active but past its end date', { ...contract, endDate: '2026-06-30T00:00:00Z' }, 'Expired'],
	])('%s', (_case, input, status) => {
		expect(contractFacts(input, picklists, 'Contoso', '2026-12-01')).toEqual({
			agreementId: 7,
			agreementStatus: status,
			agreementProrate: false,
			agreementStartDate: '2025-01-01',
			billingCycle: 'Monthly',
			agreementCompanyId: 3,
			agreementCompanyName: 'Contoso',
			agreementType: 'M365 Monthly',
			agreementEndDate: input.endDate.slice(0, 10),
			agreementNoEndingDate: false,
			descriptionMaxLength: 1000,
			lineLabel: 'contract service',
		});
	});
});

describe('toLine: the marker in the internal description', () => {
	const units = [{ id: 1, contractID: 7, contractServiceID: 5, startDate: '2026-12-01T00:00:00Z', endDate: '2026-12-31T00:00:00Z', units: 0 }];
	it.each([
		['the marker', 'm365-license-sync', true, null],
		['the marker typed with spaces and capitals', '  M365-License-Sync ', true, null],
		["a person's note", 'added at onboarding', false, '2026-12-01'],
		['nothing', null, false, '2026-12-01'],
	])('%s', (_case, internalDescription, managed, cancelledDate) => {
		const line = toLine({ id: 5, contractID: 7, serviceID: 100, internalDescription, invoiceDescription: 'x' }, units, { id: 100, sku: 'SPE_E3', name: 'Microsoft 365 E3' }, '2026-12-10');
		expect(line).toEqual(expect.objectContaining({ agreementId: 7, additionId: 5, productIdentifier: 'SPE_E3', quantity: 0, managed, marker: internalDescription?.trim() || null }));
		// A manual service at 0 units bills nothing; the sync's own never reads as cancelled.
		expect(line.cancelledDate).toBe(cancelledDate);
	});
});

describe('refusedForGood', () => {
	const error = (status: number | undefined, body?: unknown) => new ApiError('x', { service: 'autotask', status, serviceMessage: '', body });
	it.each([
		[400, undefined, true],
		[404, { errors: ['missing'] }, true],
		[408, undefined, false],
		[429, { errors: ['threshold'] }, false],
		[500, { errors: ['Service 101 is already on contract 512.'] }, true],
		[500, { errors: ['An unexpected error occurred. Please try again later.'] }, false],
		[500, undefined, false],
		[503, { errors: ['down'] }, false],
		[undefined, undefined, false],
	])('%s %j → %s', (status, body, expected) => {
		expect(refusedForGood(error(status, body))).toBe(expected);
	});
});

describe('filters', () => {
	it('builds company filters as data: a name with quotes stays one value', () => {
		expect(companyFilters({ name: 'O"Brien" or 1=1', nameMatch: 'exact', tenantId: 'abc' }, 'M365 Tenant ID')).toEqual([
			{ op: 'eq', field: 'isActive', value: true },
			{ op: 'eq', field: 'companyName', value: 'O"Brien" or 1=1' },
			{ op: 'eq', field: 'M365 Tenant ID', value: 'abc', udf: true },
		]);
	});
	it('cuts id lists at 500', () => {
		expect(chunks(Array.from({ length: 1001 }, (_, i) => i)).map((part) => part.length)).toEqual([500, 500, 1]);
	});
});

describe('ThresholdGuard', () => {
	it('reads the count before the first call and every N calls', async () => {
		const counts = [10, 40];
		const guard = new ThresholdGuard(async () => ({ externalRequestThreshold: 100, currentTimeframeRequestCount: counts.shift() }), { recheckEvery: 5 });
		for (let i = 0; i < 5; i++) await guard.admit();
		// The read itself counts: 10 + 1, then five calls.
		expect(guard.state()).toEqual({ limit: 100, used: 16 });
		await guard.admit();
		expect(guard.state()).toEqual({ limit: 100, used: 42 });
	});

	it('stops at the share of the limit, and past it reads the count again only after a minute', async () => {
		let now = 0;
		const counts = [86, 95];
		let reads = 0;
		const guard = new ThresholdGuard(async () => (reads++, { externalRequestThreshold: 100, currentTimeframeRequestCount: counts.shift() }), { stopShare: 0.9, now: () => now });
		for (let i = 0; i < 3; i++) await guard.admit();
		expect(guard.state().used).toBe(90);
		await expect(guard.admit()).rejects.toThrow(/^Autotask's hourly API limit is nearly used \(90 of 100 requests in the last hour\): this node stops at 90 %/);
		await expect(guard.admit()).rejects.toBeInstanceOf(ThresholdReachedError);
		expect(reads).toBe(1);
		now = 60_000;
		await expect(guard.admit()).rejects.toThrow(/\(96 of 100 requests/);
		expect(reads).toBe(2);
	});
});
