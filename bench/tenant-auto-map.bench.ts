import { get as editDistance } from 'fast-levenshtein';
import { cpus, loadavg } from 'node:os';

import { autoMap } from '../nodes/TenantAutoMap/core';
import { generateLabelledSet, type LabelledSet } from '../tests/unit/tenant-auto-map/eval/generate';
import { HARD_CASES, companyInputs, tenantInputs } from '../tests/unit/tenant-auto-map/eval/hardCases';
import { measure, measureNameEquality } from '../tests/unit/tenant-auto-map/eval/metrics';
import { companyNames, measureByKind, ratio, type KindQuality } from '../tests/unit/tenant-auto-map/eval/mspMetrics';
import { HELD_OUT, STANDARD_KINDS, TUNING, generateMspSet, type MspSetOptions } from '../tests/unit/tenant-auto-map/eval/mspSet';

/*
 * Auto-map quality and speed. Prints figures; asserts nothing.
 * Quality: the MSP-shaped sets per kind of name (tuning and held-out), the older generated
 * labelled set (several seeds) and the large set.
 * Speed: 2,000 tenants × 5,000 companies, beside a naive all-pairs Levenshtein baseline.
 */

const BASELINE_SAMPLE = 100;
/** The naive baseline calls a match when the best edit ratio reaches this. */
const BASELINE_CUTOFF = 0.85;

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

/** One line per kind of tenant, then the targets beside what was measured. */
function printKinds(label: string, options: MspSetOptions): void {
	const set = generateMspSet(options);
	const kinds = measureByKind(set, autoMap(set.tenants, set.companies, []), companyNames(set));
	const sum = (pick: (quality: KindQuality) => number, only?: readonly string[]) =>
		kinds.filter((quality) => !only || only.includes(quality.kind)).reduce((total, quality) => total + pick(quality), 0);
	const column = (value: string | number, width: number) => String(value).padStart(width);
	const lines = [
		`MSP-shaped set, ${label} (seed ${options.seed}): ${set.tenants.length} tenants, ${set.companies.length} companies`,
		`  ${'kind'.padEnd(15)} tenants  wrong  confident recall  review  right in top 3  unmatched`,
		...kinds.map(
			(quality) =>
				`  ${quality.kind.padEnd(15)} ${column(quality.tenants, 7)}  ${column(quality.wrong, 5)}  ` +
				`${column(percent(ratio(quality.right, quality.tenants)), 16)}  ${column(quality.review, 6)}  ` +
				`${column(quality.review ? percent(ratio(quality.reviewTop3, quality.review)) : '—', 14)}  ${column(quality.unmatched, 9)}`,
		),
		`  targets → measured:`,
		`    wrong confident matches: 0 → ${sum((quality) => quality.wrong)}`,
		`    right company in the top 3 of review items: ≥ 98 % → ${percent(ratio(sum((quality) => quality.reviewTop3), sum((quality) => quality.review)))} of ${sum((quality) => quality.review)}`,
		`    confident recall, standard kinds (${STANDARD_KINDS.join(', ')}): ≥ 90 % → ${percent(ratio(sum((quality) => quality.right, STANDARD_KINDS), sum((quality) => quality.tenants, STANDARD_KINDS)))}`,
		`    no-company tenants sent to Unmatched: ≥ 80 % → ${percent(ratio(sum((quality) => quality.unmatched, ['noCompany']), sum((quality) => quality.tenants, ['noCompany'])))}`,
		`    tenants with a company sent to Unmatched: ${sum((quality) => (quality.kind === 'noCompany' ? 0 : quality.unmatched))}`,
		...kinds.flatMap((quality) => quality.examples.filter((line) => line.startsWith('WRONG')).map((line) => `  ${quality.kind}: ${line}`)),
	];
	process.stdout.write(lines.join('\n') + '\n');
}

interface Timing {
	wallMs: number;
	cpuMs: number;
}

/** Wall time and this process's CPU time: on a busy machine the CPU time is the steadier figure. */
/** How many hand-written expectations hold, and which do not. */
function printHardCases(): void {
	let met = 0;
	const failed: string[] = [];
	for (const hardCase of HARD_CASES) {
		const result = autoMap(tenantInputs(hardCase), companyInputs(hardCase), []);
		for (const expectation of hardCase.expect) {
			const matched = result.matched.find((row) => row.tenantId === expectation.tenantId);
			const review = result.needsReview.find((row) => row.tenantId === expectation.tenantId);
			const ok =
				expectation.outcome === 'matched'
					? matched?.companyId === expectation.companyId
					: expectation.outcome === 'review'
						? !matched && Boolean(review?.candidates.some((candidate) => candidate.companyId === expectation.companyId))
						: !matched;
			if (ok) met++;
			else failed.push(`${hardCase.title}: ${expectation.tenantId} expected ${expectation.outcome}`);
		}
	}
	process.stdout.write([`hand-written hard cases: ${met} of ${met + failed.length} expectations met`, ...failed.map((line) => `  FAILED: ${line}`)].join('\n') + '\n');
}

function timeIt(run: () => void): Timing {
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	run();
	const used = process.cpuUsage(cpu);
	return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** What a naive tool does: every tenant name against every company name, best edit ratio wins. */
function naiveBestMatch(tenantName: string, companyNames: string[]): { best: number; score: number } {
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
	return { best, score: bestScore };
}

describe('tenant auto-map benchmark', () => {
	it('prints quality and speed', () => {
		printKinds('tuning (thresholds calibrated here)', TUNING);
		printKinds('held-out (other surnames, places and brands)', HELD_OUT);
		for (const seed of [1, 2, 3, 4, 5]) {
			printQuality(`evaluation set, seed ${seed}`, generateLabelledSet({ seed, companies: 600, tenants: 500 }));
		}
		for (const seed of [6, 7]) {
			printQuality(`decoy-heavy set (half the tenants have no company), seed ${seed}`, generateLabelledSet({ seed, companies: 600, tenants: 500, decoyShare: 0.5 }));
		}
		printHardCases();
		const large = generateLabelledSet({ seed: 42, companies: 5000, tenants: 2000 });
		printQuality('large set, seed 42', large);

		timeIt(() => autoMap(large.tenants, large.companies, []));
		const runs = [0, 1, 2, 3, 4].map(() => timeIt(() => autoMap(large.tenants, large.companies, [])));
		const msp = generateMspSet(TUNING);
		timeIt(() => autoMap(msp.tenants, msp.companies, []));
		const mspRuns = [0, 1, 2, 3, 4].map(() => timeIt(() => autoMap(msp.tenants, msp.companies, [])));
		const wall = median(runs.map((run) => run.wallMs));
		const cpu = median(runs.map((run) => run.cpuMs));

		const companyNames = large.companies.map((company) => String(company.name).toLowerCase());
		// Every n-th tenant, so decoys (listed last) are sampled too.
		const step = Math.floor(large.tenants.length / BASELINE_SAMPLE);
		const sampleTenants = large.tenants.filter((_tenant, i) => i % step === 0).slice(0, BASELINE_SAMPLE);
		const sample = sampleTenants.map((tenant) => String(tenant.name).toLowerCase());
		let picks: Array<{ best: number; score: number }> = [];
		const baseline = timeIt(() => {
			picks = sample.map((name) => naiveBestMatch(name, companyNames));
		});
		const scale = large.tenants.length / sample.length;
		let naiveRight = 0;
		let naiveWrong = 0;
		picks.forEach(({ best, score }, i) => {
			if (score < BASELINE_CUTOFF) return;
			if (large.truth[String(sampleTenants[i].tenantId)] === String(large.companies[best].companyId)) naiveRight++;
			else naiveWrong++;
		});
		const samplePositives = sampleTenants.filter((tenant) => large.truth[String(tenant.tenantId)] !== null).length;

		process.stdout.write(
			[
				`speed, ${large.tenants.length} tenants × ${large.companies.length} companies (in-process, median of 5 after a warm-up;`,
				`  machine: ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}):`,
				`  auto-map (index + scoring + assignment): ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU  (wall per run: ${runs.map((run) => run.wallMs.toFixed(0)).join(', ')})`,
				`  auto-map on the MSP-shaped tuning set (${msp.tenants.length} × ${msp.companies.length}): ` +
					`${median(mspRuns.map((run) => run.wallMs)).toFixed(0)} ms wall, ${median(mspRuns.map((run) => run.cpuMs)).toFixed(0)} ms CPU (target: under 1 s)`,
				`  naive all-pairs Levenshtein baseline:    ~${((baseline.wallMs * scale) / 1000).toFixed(1)} s wall, ~${((baseline.cpuMs * scale) / 1000).toFixed(1)} s CPU,`,
				`    extrapolated ×${scale} from ${sample.length} tenants × ${companyNames.length} companies measured (${baseline.wallMs.toFixed(0)} ms wall); the full run is not worth the wait`,
				`  speed-up: ~${((baseline.cpuMs * scale) / cpu).toFixed(0)}× (CPU time)`,
				`  naive baseline quality on that sample (best ratio ≥ ${BASELINE_CUTOFF} counts as a match): ${naiveRight} right, ${naiveWrong} wrong of ${sampleTenants.length} tenants (${samplePositives} with a company)`,
			].join('\n') + '\n',
		);
	});
});
