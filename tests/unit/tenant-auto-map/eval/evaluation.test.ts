import { autoMap } from '../../../../nodes/TenantAutoMap/core';
import { generateLabelledSet } from './generate';
import { measure } from './metrics';

describe('auto-map quality on the generated labelled set', () => {
	const seeds = [1, 2, 3];

	it.each(seeds)('seed %i: no wrong confident match, recall ≥ 85%%, right company in top 3 for ≥ 98%% of review items', (seed) => {
		const set = generateLabelledSet({ seed, companies: 600, tenants: 500 });
		const quality = measure(set, autoMap(set.tenants, set.companies, []));

		expect(quality.wrong).toEqual([]);
		expect(quality.recall).toBeGreaterThanOrEqual(0.85);
		expect(quality.top3Share).toBeGreaterThanOrEqual(0.98);
	});
});

describe('auto-map precision when many tenants have no company', () => {
	it.each([4, 5])('seed %i, half the tenants decoys: no wrong confident match', (seed) => {
		const set = generateLabelledSet({ seed, companies: 600, tenants: 500, decoyShare: 0.5 });
		const quality = measure(set, autoMap(set.tenants, set.companies, []));

		expect(quality.wrong).toEqual([]);
		expect(quality.recall).toBeGreaterThanOrEqual(0.85);
	});
});
