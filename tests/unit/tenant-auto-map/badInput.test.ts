import { autoMap } from '../../../nodes/TenantAutoMap/core';
import { companyRows, tenantRows } from './fixtures';

describe('autoMap with bad rows', () => {
	it('sends each bad row to Unmatched with a reason and still matches the good ones', () => {
		const result = autoMap(
			tenantRows([
				[undefined, 'No Id Ltd'],
				['', 'Empty Id Ltd'],
				[{ id: 1 }, 'Object Id Ltd'],
				['t-empty', '   '],
				['t-number-name', 12345],
				['t-ok', 'Good Company Ltd', 42],
				['T-OK', 'Good Company Ltd copy'],
			]),
			companyRows([
				[null, 'No Id Company'],
				[Number.NaN, 'NaN Id Company'],
				[7, 'Good Company', { not: 'a website' }, true, 'not-a-list'],
				[7, 'Good Company duplicate'],
				[8, undefined],
			]),
			[{ tenantId: null, companyId: 1 }, { tenantId: 'x', companyId: undefined }, 'nonsense' as never, null as never],
		);

		expect(result.matched.map((row) => [row.tenantId, row.companyId])).toEqual([['t-ok', 7]]);
		expect(result.unmatched.map((row) => row.reason)).toEqual([
			'tenant id is missing or not text',
			'tenant id is missing or not text',
			'tenant id is missing or not text',
			'duplicate tenant id T-OK',
			'name is empty and no tenant id or domain matches a company',
			'name is empty and no tenant id or domain matches a company',
			'company id is missing or not text',
			'company id is missing or not text',
			'duplicate company id 7',
		]);
	});

	it('returns empty outputs for empty inputs', () => {
		expect(autoMap([], [], [])).toEqual({ matched: [], needsReview: [], unmatched: [] });
		expect(autoMap(tenantRows([['t1', 'Contoso']]), [], []).unmatched).toEqual([
			{ type: 'tenant', tenantIndex: 0, tenantId: 't1', tenantName: 'Contoso', reason: 'no plausible company' },
		]);
	});
});
