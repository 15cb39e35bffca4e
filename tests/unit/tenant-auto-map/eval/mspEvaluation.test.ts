import { autoMap } from '../../../../nodes/TenantAutoMap/core';
import { companyNames, measureByKind, ratio, type KindQuality } from './mspMetrics';
import { HELD_OUT, STANDARD_KINDS, TUNING, generateMspSet, type MspSetOptions } from './mspSet';

/*
 * The MSP-shaped sets (2,000 tenants, 5,000 companies each): the tuning set the thresholds
 * were calibrated on, and the held-out set built from other surnames, places and brands.
 */
describe.each([
	['tuning', TUNING],
	['held-out', HELD_OUT],
] as Array<[string, MspSetOptions]>)('auto-map on the %s MSP-shaped set', (_label, options) => {
	let kinds: KindQuality[] = [];
	beforeAll(() => {
		const set = generateMspSet(options);
		kinds = measureByKind(set, autoMap(set.tenants, set.companies, []), companyNames(set));
	});
	const sum = (pick: (quality: KindQuality) => number, only?: readonly string[]) =>
		kinds.filter((quality) => !only || only.includes(quality.kind)).reduce((total, quality) => total + pick(quality), 0);

	it('makes no wrong confident match of any kind (a tie matched confidently counts as wrong)', () => {
		expect(kinds.filter((quality) => quality.wrong > 0).flatMap((quality) => quality.examples.filter((line) => line.startsWith('WRONG')))).toEqual([]);
	});

	it('puts the right company among the three suggestions for at least 98 % of review items', () => {
		expect(ratio(sum((quality) => quality.reviewTop3), sum((quality) => quality.review))).toBeGreaterThanOrEqual(0.98);
	});

	it('matches at least 90 % of the standard kinds confidently', () => {
		for (const kind of STANDARD_KINDS) {
			const quality = kinds.find((entry) => entry.kind === kind) as KindQuality;
			expect([kind, ratio(quality.right, quality.tenants) >= 0.9]).toEqual([kind, true]);
		}
	});

	it('sends at least 80 % of tenants without a company to Unmatched', () => {
		const noCompany = kinds.find((quality) => quality.kind === 'noCompany') as KindQuality;
		expect(ratio(noCompany.unmatched, noCompany.tenants)).toBeGreaterThanOrEqual(0.8);
	});
});
