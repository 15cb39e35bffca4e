import { autoMap } from '../../../../nodes/TenantAutoMap/core';
import { HARD_CASES, companyInputs, tenantInputs } from './hardCases';

describe('hand-written hard cases', () => {
	it.each(HARD_CASES.map((hardCase) => [hardCase.title, hardCase] as const))('%s', (_title, hardCase) => {
		const result = autoMap(tenantInputs(hardCase), companyInputs(hardCase), []);
		for (const expectation of hardCase.expect) {
			const matched = result.matched.find((row) => row.tenantId === expectation.tenantId);
			const review = result.needsReview.find((row) => row.tenantId === expectation.tenantId);
			if (expectation.outcome === 'matched') {
				expect([expectation.tenantId, matched?.companyId]).toEqual([expectation.tenantId, expectation.companyId]);
			} else if (expectation.outcome === 'review') {
				expect(matched).toBeUndefined();
				expect(review?.candidates.map((candidate) => candidate.companyId)).toContain(expectation.companyId);
			} else {
				expect([expectation.tenantId, matched]).toEqual([expectation.tenantId, undefined]);
			}
		}
	});
});
