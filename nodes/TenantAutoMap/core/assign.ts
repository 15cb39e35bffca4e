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
	const { tenants, companies, candidates, options } = input;
	const holdings = assignGreedily(input);
	const rivals = bestTwoTenantsPerCompany(candidates);

	return tenants.map((tenant, position): Decision => {
		const list = candidates[position];
		const best = list[0];
		if (!best || best.score < options.reviewThreshold) {
			return { kind: 'unmatched', reason: noCandidateReason(tenant, best, companies, options.reviewThreshold) };
		}
		const assigned = holdings.assignedTo.get(position) ?? null;
		const problems = doubtsAbout(input, position, holdings, rivals);
		if (problems.length === 0 && assigned === best.company) return { kind: 'matched', candidate: best };
		return { kind: 'review', candidates: list.slice(0, 3), reason: problems.join('; ') || 'best company is taken', suggested: assigned };
	});
}

/** Why a tenant's best candidate is not a confident match; empty when it is. */
function doubtsAbout(input: AssignInput, position: number, holdings: Holdings, rivals: Map<number, Rival[]>): string[] {
	const { tenants, companies, candidates, blockedReason, options } = input;
	const [best, second] = candidates[position];
	const company = describe(companies[best.company]);
	const problems: string[] = [];
	const blocked = blockedReason(position, best.company);
	const claimant = holdings.holder.get(best.company);
	if (blocked) problems.push(blocked);
	else if (!options.allowSharedCompany && claimant !== undefined && !claimant.has(position)) {
		problems.push(`${company} was claimed by a better match: tenant ${tenantLabel(tenants[[...claimant][0]])}`);
	}
	if (best.score < options.confidenceThreshold) {
		problems.push(`best score ${best.score.toFixed(2)} is below the confidence threshold ${options.confidenceThreshold}`);
	}
	// A tenant id recorded on the company is a fact someone entered: no margin test unless two companies record it.
	if (best.method === 'tenantId' && second?.method !== 'tenantId') return problems;
	const runnerUp = second?.score ?? 0;
	if (best.score - runnerUp < options.confidenceMargin - EPSILON) {
		problems.push(`runner-up ${describe(companies[second.company])} scores ${runnerUp.toFixed(2)}, within the margin ${options.confidenceMargin}`);
	}
	const rival = rivals.get(best.company)?.find((other) => other.tenant !== position);
	if (!options.allowSharedCompany && rival && best.score - rival.score < options.confidenceMargin - EPSILON) {
		problems.push(`tenant ${tenantLabel(tenants[rival.tenant])} also scores ${rival.score.toFixed(2)} for ${company}`);
	}
	return problems;
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

function noCandidateReason(tenant: Tenant, best: ScoredCandidate | undefined, companies: readonly Company[], threshold: number): string {
	if (!best && tenant.normalized.tokens.length === 0) return 'name is empty and no tenant id or domain matches a company';
	if (!best) return 'no plausible company';
	return `no plausible company (best: ${describe(companies[best.company])} at ${best.score.toFixed(2)}, below the review threshold ${threshold})`;
}

function tenantLabel(tenant: Tenant): string {
	return tenant.name || tenant.tenantId;
}

function describe(company: Company): string {
	return `"${company.name || company.companyKey}"`;
}
