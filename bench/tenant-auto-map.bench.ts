import { get as editDistance } from 'fast-levenshtein';

import { autoMap } from '../nodes/TenantAutoMap/core';
import { generateLabelledSet, type LabelledSet } from '../tests/unit/tenant-auto-map/eval/generate';
import { measure, measureNameEquality } from '../tests/unit/tenant-auto-map/eval/metrics';

/*
 * Auto-map quality and speed. Prints figures; asserts nothing.
 * Quality: the labelled evaluation set (several seeds) and the large set.
 * Speed: 2,000 tenants × 5,000 companies, beside a naive all-pairs Levenshtein baseline.
 */

const BASELINE_SAMPLE = 100;

function percent(value: number): string {
	return `${(value * 100).toFixed(1)}%`;
}

function printQuality(label: string, set: LabelledSet): void {
	const quality = measure(set, autoMap(set.tenants, set.companies, []));
	const exact = measureNameEquality(set, false);
	const normalised = measureNameEquality(set, true);
	const lines = [
		`${label}: ${set.tenants.length} tenants (${quality.positives} with a company), ${set.companies.length} companies`,
		`  auto-map confident:  precision ${percent(quality.precision)}  recall ${percent(quality.recall)}  (${quality.confidentRight} right, ${quality.confidentWrong} wrong)`,
		`  auto-map review:     ${quality.reviewWithAnswer} items with a right answer, right company in top 3 for ${percent(quality.top3Share)}; ${quality.missedToUnmatched} tenants with a company went to Unmatched`,
		`  exact name:          precision ${percent(exact.precision)}  recall ${percent(exact.recall)}  (${exact.right} right, ${exact.wrong} wrong)`,
		`  normalised name:     precision ${percent(normalised.precision)}  recall ${percent(normalised.recall)}  (${normalised.right} right, ${normalised.wrong} wrong)`,
		...quality.wrong.map((line) => `  WRONG: ${line}`),
	];
	process.stdout.write(lines.join('\n') + '\n');
}

function timeIt(run: () => void): number {
	const started = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** What a naive tool does: every tenant name against every company name, best edit ratio wins. */
function naiveBestMatch(tenantName: string, companyNames: string[]): number {
	let best = -1;
	let bestScore = -1;
	companyNames.forEach((companyName, position) => {
		const longest = Math.max(tenantName.length, companyName.length) || 1;
		const score = 1 - editDistance(tenantName, companyName) / longest;
		if (score > bestScore) {
			bestScore = score;
			best = position;
		}
	});
	return best;
}

describe('tenant auto-map benchmark', () => {
	it('prints quality and speed', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			printQuality(`evaluation set, seed ${seed}`, generateLabelledSet({ seed, companies: 600, tenants: 500 }));
		}
		const large = generateLabelledSet({ seed: 42, companies: 5000, tenants: 2000 });
		printQuality('large set, seed 42', large);

		timeIt(() => autoMap(large.tenants, large.companies, []));
		const runs = [0, 1, 2].map(() => timeIt(() => autoMap(large.tenants, large.companies, [])));
		const median = [...runs].sort((a, b) => a - b)[1];

		const companyNames = large.companies.map((company) => String(company.name).toLowerCase());
		const sample = large.tenants.slice(0, BASELINE_SAMPLE).map((tenant) => String(tenant.name).toLowerCase());
		const sampleMs = timeIt(() => sample.forEach((name) => naiveBestMatch(name, companyNames)));
		const baselineMs = (sampleMs * large.tenants.length) / sample.length;

		process.stdout.write(
			[
				`speed, ${large.tenants.length} tenants × ${large.companies.length} companies (in-process, median of 3 after a warm-up):`,
				`  auto-map (index + scoring + assignment): ${median.toFixed(0)} ms  (runs: ${runs.map((ms) => ms.toFixed(0)).join(', ')})`,
				`  naive all-pairs Levenshtein baseline:    ~${(baselineMs / 1000).toFixed(1)} s, extrapolated from ${sample.length} tenants × ${companyNames.length} companies measured in ${sampleMs.toFixed(0)} ms`,
				`  speed-up: ~${(baselineMs / median).toFixed(0)}×`,
			].join('\n') + '\n',
		);
	});
});
