import { compareText } from './records';
import type { PairScore } from './score';
import type { AutoMapOptions, Company, Tenant } from './types';

export interface ScoredCandidate extends PairScore {
	/** Position in the sorted companies. */
	company: number;
}

export type Decision =
	| { kind: 'matched'; candidate: ScoredCandidate }
	| { kind: 'review'; candidates: ScoredCandidate[]; reason: string; suggested: number | null }
	| { kind: 'unmatched'; reason: string };

export interface AssignInput {
	tenants: readonly Tenant[];
	companies: readonly Company[];
	/** Per tenant position: scored candidates, best first. */
	candidates: readonly ScoredCandidate[][];
	/** Why a company may not go to a tenant (taken by an existing mapping or another tenant's id), or null. */
	blockedReason: (tenant: number, company: number) => string | null;
	options: AutoMapOptions;
}

const EPSILON = 1e-9;

/**
 * One-to-one assignment by best score, then a margin test on both sides: a pair is
 * confident only when high and clearly ahead of the runner-up company for the tenant
 * and of the runner-up tenant for the company.
 */
export function assign(input: AssignInput): Decision[] {
	const { tenants, companies, candidates, blockedReason, options } = input;
	const { holder, assignedTo } = assignGreedily(input);
	const rivals = bestTwoTenantsPerCompany(candidates);
	const decisions: Decision[] = [];

	tenants.forEach((tenant, position) => {
		const list = candidates[position];
		const best = list[0];
		if (!best || best.score < options.reviewThreshold) {
			decisions.push({ kind: 'unmatched', reason: noCandidateReason(tenant, best, companies) });
			return;
		}
		const assigned = assignedTo.get(position) ?? null;
		const runnerUp = list[1]?.score ?? 0;
		const rival = rivalScore(rivals.get(best.company), position);
		const problems: string[] = [];
		const blocked = blockedReason(position, best.company);
		const claimant = holder.get(best.company);
		if (blocked) problems.push(blocked);
		else if (!options.allowSharedCompany && claimant !== undefined && !claimant.has(position)) {
			const other = [...claimant][0];
			problems.push(`${describe(companies[best.company])} was claimed by a better match: tenant ${tenants[other].name || tenants[other].tenantId}`);
		}
		if (best.score < options.confidenceThreshold) {
			problems.push(`best score ${best.score.toFixed(2)} is below the confidence threshold ${options.confidenceThreshold}`);
		}
		// A tenant id recorded on the company is a fact someone entered: no margin test unless two companies record it.
		const recorded = best.method === 'tenantId' && list[1]?.method !== 'tenantId';
		if (!recorded && best.score - runnerUp < options.confidenceMargin - EPSILON) {
			problems.push(`runner-up ${describe(companies[list[1].company])} scores ${runnerUp.toFixed(2)}, within the margin ${options.confidenceMargin}`);
		}
		if (!recorded && !options.allowSharedCompany && rival && best.score - rival.score < options.confidenceMargin - EPSILON) {
			problems.push(`tenant ${tenants[rival.tenant].name || tenants[rival.tenant].tenantId} also scores ${rival.score.toFixed(2)} for ${describe(companies[best.company])}`);
		}
		if (problems.length === 0 && assigned === best.company) {
			decisions.push({ kind: 'matched', candidate: best });
			return;
		}
		decisions.push({
			kind: 'review',
			candidates: list.slice(0, 3),
			reason: problems.join('; ') || 'best company is taken',
			suggested: assigned,
		});
	});
	return decisions;
}

interface Holdings {
	/** Company position → tenant positions holding it. */
	holder: Map<number, Set<number>>;
	/** Tenant position → the company it got. */
	assignedTo: Map<number, number>;
}

/** Greedy best-first assignment: the highest-scoring free pair is taken first. */
function assignGreedily(input: AssignInput): Holdings {
	const { candidates, blockedReason, options, tenants, companies } = input;
	const pairs: Array<{ tenant: number; candidate: ScoredCandidate }> = [];
	candidates.forEach((list, tenant) => {
		for (const candidate of list) {
			if (candidate.score >= options.reviewThreshold && !blockedReason(tenant, candidate.company)) {
				pairs.push({ tenant, candidate });
			}
		}
	});
	pairs.sort(
		(a, b) =>
			b.candidate.score - a.candidate.score ||
			compareText(tenants[a.tenant].tenantKey, tenants[b.tenant].tenantKey) ||
			compareText(companies[a.candidate.company].companyKey, companies[b.candidate.company].companyKey),
	);
	const holder = new Map<number, Set<number>>();
	const assignedTo = new Map<number, number>();
	for (const { tenant, candidate } of pairs) {
		if (assignedTo.has(tenant)) continue;
		const holders = holder.get(candidate.company);
		if (holders && !options.allowSharedCompany) continue;
		if (holders) holders.add(tenant);
		else holder.set(candidate.company, new Set([tenant]));
		assignedTo.set(tenant, candidate.company);
	}
	return { holder, assignedTo };
}

interface Rival {
	tenant: number;
	score: number;
}

/** The two best-scoring tenants for each company, to test the company side of the margin. */
function bestTwoTenantsPerCompany(candidates: readonly ScoredCandidate[][]): Map<number, Rival[]> {
	const rivals = new Map<number, Rival[]>();
	candidates.forEach((list, tenant) => {
		for (const { company, score } of list) {
			const top = rivals.get(company) ?? [];
			top.push({ tenant, score });
			top.sort((a, b) => b.score - a.score || a.tenant - b.tenant);
			rivals.set(company, top.slice(0, 2));
		}
	});
	return rivals;
}

function rivalScore(top: Rival[] | undefined, tenant: number): Rival | undefined {
	return top?.find((rival) => rival.tenant !== tenant);
}

function noCandidateReason(tenant: Tenant, best: ScoredCandidate | undefined, companies: readonly Company[]): string {
	if (!best && tenant.normalized.tokens.length === 0) return 'name is empty and no tenant id or domain matches a company';
	if (!best) return 'no plausible company';
	return `no plausible company (best: ${describe(companies[best.company])} at ${best.score.toFixed(2)})`;
}

function describe(company: Company): string {
	return `"${company.name || company.companyKey}"`;
}
