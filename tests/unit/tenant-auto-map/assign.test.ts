import { autoMap } from '../../../nodes/TenantAutoMap/core';
import { companyRows, tenantRows } from './fixtures';

const pairs = (result: ReturnType<typeof autoMap>) => result.matched.map((row) => [row.tenantId, row.companyId, row.method]);

describe('autoMap: evidence and assignment', () => {
	it('takes evidence in order: tenant id field, then domain, then exact name, then fuzzy name', () => {
		const result = autoMap(
			tenantRows([
				['t1', 'Alpha Dental', []],
				['t2', 'Rebranded Name', ['bravo-legal.example']],
				['t3', 'Charlie Catering Ltd', []],
				['t4', 'Deltaworks Enginering', []],
			]),
			companyRows([
				[1, 'Completely Different', null, 'T1'],
				[2, 'Bravo Legal', 'https://www.bravo-legal.example'],
				[3, 'Charlie Catering'],
				[4, 'Deltaworks Engineering'],
			]),
			[],
		);
		expect(pairs(result)).toEqual([
			['t1', 1, 'tenantId'],
			['t2', 2, 'domain'],
			['t3', 3, 'exactName'],
			['t4', 4, 'fuzzyName'],
		]);
		expect(result.needsReview).toEqual([]);
	});

	it('sends a tenant to review when the runner-up company is too close', () => {
		const result = autoMap(tenantRows([['t1', 'Contoso']]), companyRows([[1, 'Contoso Ltd'], [2, 'Contoso Inc']]), []);
		expect(result.matched).toEqual([]);
		expect(result.needsReview).toEqual([
			{
				tenantIndex: 0,
				tenantId: 't1',
				tenantName: 'Contoso',
				candidates: [
					{ companyId: 1, companyName: 'Contoso Ltd', score: 0.9, method: 'exactName', evidence: 'normalised names equal: "contoso"', why: ['same name'] },
					{ companyId: 2, companyName: 'Contoso Inc', score: 0.9, method: 'exactName', evidence: 'normalised names equal: "contoso"', why: ['same name'] },
				],
				reason: 'runner-up "Contoso Inc" scores 0.90, within the margin 0.1',
			},
		]);
	});

	it('sends both tenants to review when two tenants want the same company', () => {
		const result = autoMap(tenantRows([['t1', 'Fabrikam Ltd'], ['t2', 'Fabrikam Pty']]), companyRows([[1, 'Fabrikam']]), []);
		expect(result.matched).toEqual([]);
		expect(result.needsReview.map((row) => row.reason)).toEqual([
			'tenant Fabrikam Pty also scores 0.90 for "Fabrikam"',
			'"Fabrikam" was claimed by a better match: tenant Fabrikam Ltd; tenant Fabrikam Ltd also scores 0.90 for "Fabrikam"',
		]);
	});

	it('lets one company serve several tenants when allowed', () => {
		const result = autoMap(tenantRows([['t1', 'Fabrikam Ltd'], ['t2', 'Fabrikam Pty']]), companyRows([[1, 'Fabrikam']]), [], {
			allowSharedCompany: true,
		});
		expect(pairs(result)).toEqual([
			['t1', 1, 'exactName'],
			['t2', 1, 'exactName'],
		]);
	});

	it('never confidently matches a company that records another tenant id', () => {
		const result = autoMap(tenantRows([['t1', 'Contoso']]), companyRows([[1, 'Contoso', null, 'someone-else']]), []);
		expect(result.matched).toEqual([]);
		expect(result.needsReview[0].reason).toBe('"Contoso" records another tenant id (someone-else)');
	});

	it('goes to review below the confidence threshold and to Unmatched below the review threshold', () => {
		const companies = companyRows([[1, 'Harbour Physiotherapy Partners'], [2, 'Granite Roofing']]);
		const result = autoMap(tenantRows([['t1', 'Harbour Physio Partners'], ['t2', 'Zebra Yachts']]), companies, []);
		expect(result.needsReview.map((row) => [row.tenantId, row.candidates[0]?.companyId])).toEqual([['t1', 1]]);
		expect(result.needsReview[0].reason).toMatch(/below the confidence threshold 0.8/);
		expect(result.unmatched).toEqual([{ type: 'tenant', tenantIndex: 1, tenantId: 't2', tenantName: 'Zebra Yachts', reason: 'no plausible company' }]);
	});

	it('honours the thresholds it is given', () => {
		const companies = companyRows([[1, 'Harbour Physiotherapy Partners']]);
		const strict = autoMap(tenantRows([['t1', 'Harbour Physio']]), companies, [], { reviewThreshold: 0.95 });
		expect(strict.unmatched.map((row) => row.reason)).toEqual([
			expect.stringMatching(/^no plausible company \(best: "Harbour Physiotherapy Partners" at 0\.\d\d, below the review threshold 0.95\)$/),
		]);
		const loose = autoMap(tenantRows([['t1', 'Harbour Physio']]), companies, [], { confidenceThreshold: 0.3, reviewThreshold: 0.3 });
		expect(pairs(loose)).toEqual([['t1', 1, 'fuzzyName']]);
	});
});

describe('autoMap: existing mappings', () => {
	const tenants = tenantRows([['t1', 'Contoso'], ['t2', 'Contoso Pty']]);
	const companies = companyRows([[1, 'Contoso'], [2, 'Contoso Pty Sydney']]);

	it('skips mapped tenants and keeps their companies for them', () => {
		const result = autoMap(tenants, companies, [{ tenantId: 'T1', companyId: 1 }]);
		expect(result.matched).toEqual([]);
		expect(result.needsReview.map((row) => [row.tenantId, row.reason])).toEqual([['t2', '"Contoso" is already mapped to tenant T1']]);
	});

	it('matches mapped tenants to further companies when asked, never repeating a mapping', () => {
		const result = autoMap(tenantRows([['t1', 'Contoso']]), companyRows([[1, 'Contoso'], [2, 'Contoso Sydney']]), [{ tenantId: 't1', companyId: '1' }], {
			includeMappedTenants: true,
			confidenceThreshold: 0.3,
			reviewThreshold: 0.2,
		});
		expect(pairs(result)).toEqual([['t1', 2, 'fuzzyName']]);
		expect(autoMap(tenantRows([['t1', 'Contoso']]), companyRows([[1, 'Contoso']]), [{ tenantId: 't1', companyId: 1 }], { includeMappedTenants: true }))
			.toEqual({ matched: [], needsReview: [], unmatched: [{ type: 'tenant', tenantIndex: 0, tenantId: 't1', tenantName: 'Contoso', reason: 'no plausible company' }] });
	});

	it('lists companies without a tenant only when asked, leaving out mapped and suggested ones', () => {
		const rows = companyRows([[1, 'Contoso'], [2, 'Lonely Ltd'], [3, 'Mapped Ltd']]);
		const mappings = [{ tenantId: 'x', companyId: 3 }];
		expect(autoMap(tenantRows([['t1', 'Contoso']]), rows, mappings).unmatched).toEqual([]);
		expect(autoMap(tenantRows([['t1', 'Contoso']]), rows, mappings, { includeUnmatchedCompanies: true }).unmatched).toEqual([
			{ type: 'company', companyIndex: 1, companyId: 2, companyName: 'Lonely Ltd', reason: 'no tenant matched this company' },
		]);
	});
});
