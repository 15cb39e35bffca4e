import { autoMap, type AutoMapResult, type CompanyInput, type TenantInput } from '../../../nodes/TenantAutoMap/core';
import { generateLabelledSet } from './eval/generate';
import { Random } from './eval/random';

/** The result with row positions mapped back to ids, so shuffled inputs compare equal. */
function withoutPositions(result: AutoMapResult): unknown {
	return JSON.parse(JSON.stringify(result, (key, value) => (key === 'tenantIndex' || key === 'companyIndex' ? undefined : value)));
}

function reindex<T extends { index: number }>(rows: T[]): T[] {
	return rows.map((row, index) => ({ ...row, index }));
}

describe('autoMap is deterministic', () => {
	const set = generateLabelledSet({ seed: 7, companies: 300, tenants: 250 });
	// Duplicate names and a shared domain make ties that order must not decide.
	const companies: CompanyInput[] = reindex([
		...set.companies,
		{ index: 0, companyId: 'dup-1', name: 'Twin Peaks Ltd', website: 'twinpeaks.example', domains: [], tenantId: null },
		{ index: 0, companyId: 'dup-2', name: 'Twin Peaks Limited', website: 'twinpeaks.example', domains: [], tenantId: null },
	]);
	const tenants: TenantInput[] = reindex([...set.tenants, { index: 0, tenantId: 'twin', name: 'Twin Peaks', domains: ['twinpeaks.example'] }]);
	const expected = withoutPositions(autoMap(tenants, companies, [], { includeUnmatchedCompanies: true }));

	it.each([11, 12, 13, 14, 15])('gives the same result for shuffled input (shuffle %i)', (seed) => {
		const random = new Random(seed);
		const result = autoMap(reindex(random.shuffle(tenants)), reindex(random.shuffle(companies)), [], { includeUnmatchedCompanies: true });
		expect(withoutPositions(result)).toEqual(expected);
	});

	it('pairs every row to the item it came from', () => {
		const random = new Random(99);
		const shuffledTenants = reindex(random.shuffle(tenants));
		const result = autoMap(shuffledTenants, companies, []);
		for (const row of [...result.matched, ...result.needsReview]) {
			expect(shuffledTenants[row.tenantIndex].tenantId).toBe(row.tenantId);
		}
		for (const row of result.matched) expect(companies[row.companyIndex].companyId).toBe(row.companyId);
	});
});
