import { assign, type Decision, type ScoredCandidate } from './assign';
import { CandidateIndex } from './candidateIndex';
import { resolveOptions } from './options';
import { toDomain } from './domains';
import { compareText, idText, readCompanies, readTenants } from './records';
import { describeEvidence, describeWhy, scorePair } from './score';
import { profileName } from './nameMatch';
import type {
	AutoMapOptions,
	AutoMapResult,
	Candidate,
	Company,
	CompanyInput,
	ExistingMapping,
	MatchedRow,
	ReviewRow,
	Tenant,
	TenantInput,
	UnmatchedRow,
} from './types';

/**
 * Matches tenants to companies: tenant-id field, then domains, then names. Plain data in
 * and out; the same rows in any order give the same result.
 */
export function autoMap(
	tenantRows: TenantInput[],
	companyRows: CompanyInput[],
	existingMappings: ExistingMapping[],
	options: Partial<AutoMapOptions> = {},
): AutoMapResult {
	const resolved = resolveOptions(options);
	const settings = {
		extraLegalForms: resolved.extraLegalForms,
		ignoredWords: resolved.ignoredWords,
		sharedDomains: new Set(resolved.extraSharedDomains.map((domain) => toDomain(domain)).filter((domain): domain is string => domain !== null)),
	};
	const tenantRead = readTenants(tenantRows, settings);
	const companyRead = readCompanies(companyRows, settings);
	const companies = companyRead.records;
	const mapped = readMappings(existingMappings);

	const tenants = tenantRead.records.filter(
		(tenant) => resolved.includeMappedTenants || !mapped.companiesOf.has(tenant.tenantKey),
	);
	const index = new CandidateIndex(companies);
	const candidates = tenants.map((tenant) => rankCandidates(tenant, index, mapped));
	const blockedReason = (tenant: number, company: number): string | null =>
		blockReason(tenants[tenant], companies[company], mapped, resolved);
	const decisions = assign({ tenants, companies, candidates, blockedReason, options: resolved });

	const result = toRows(tenants, companies, decisions);
	result.unmatched.push(...tenantRead.rejected);
	if (resolved.includeUnmatchedCompanies) {
		result.unmatched.push(...companiesWithoutTenant(companies, decisions, mapped));
	}
	result.unmatched.push(...companyRead.rejected);
	result.unmatched.sort(compareUnmatched);
	return result;
}

interface Mappings {
	/** tenant key → company keys it is mapped to. */
	companiesOf: Map<string, Set<string>>;
	/** company key → the tenant id it is mapped to (lowest, if several). */
	tenantOf: Map<string, string>;
}

function readMappings(rows: ExistingMapping[]): Mappings {
	const companiesOf = new Map<string, Set<string>>();
	const tenantOf = new Map<string, string>();
	for (const row of rows) {
		if (row === null || typeof row !== 'object') continue;
		const tenantId = idText(row.tenantId);
		const companyKey = idText(row.companyId);
		if (tenantId === null || companyKey === null) continue;
		const tenantKey = tenantId.toLowerCase();
		const set = companiesOf.get(tenantKey) ?? new Set<string>();
		set.add(companyKey);
		companiesOf.set(tenantKey, set);
		const previous = tenantOf.get(companyKey);
		if (previous === undefined || compareText(tenantId, previous) < 0) tenantOf.set(companyKey, tenantId);
	}
	return { companiesOf, tenantOf };
}

/** Scored candidates for one tenant, best first; companies it is already mapped to are left out. */
function rankCandidates(tenant: Tenant, index: CandidateIndex, mapped: Mappings): ScoredCandidate[] {
	const already = mapped.companiesOf.get(tenant.tenantKey);
	const tenantName = profileName(tenant.normalized, tenant.alternates, index.weightOf);
	const ranked: ScoredCandidate[] = [];
	for (const position of index.candidatesFor(tenant, tenantName)) {
		const company = index.companies[position];
		if (already?.has(company.companyKey)) continue;
		const pair = scorePair(tenant, tenantName, company, index.companyNames[position], index);
		if (pair.score > 0) ranked.push({ company: position, ...pair });
	}
	return ranked.sort(
		(a, b) => b.score - a.score || compareText(index.companies[a.company].companyKey, index.companies[b.company].companyKey),
	);
}

function blockReason(tenant: Tenant, company: Company, mapped: Mappings, options: AutoMapOptions): string | null {
	if (company.tenantKey !== null && company.tenantKey !== tenant.tenantKey) {
		return `"${company.name}" records another tenant id (${company.tenantKey})`;
	}
	const owner = mapped.tenantOf.get(company.companyKey);
	if (owner !== undefined && owner.toLowerCase() !== tenant.tenantKey && !options.allowSharedCompany) {
		return `"${company.name}" is already mapped to tenant ${owner}`;
	}
	return null;
}

function toRows(tenants: readonly Tenant[], companies: readonly Company[], decisions: Decision[]): AutoMapResult {
	const matched: MatchedRow[] = [];
	const needsReview: ReviewRow[] = [];
	const unmatched: UnmatchedRow[] = [];
	decisions.forEach((decision, position) => {
		const tenant = tenants[position];
		const base = { tenantIndex: tenant.index, tenantId: tenant.tenantId, tenantName: tenant.name };
		if (decision.kind === 'matched') {
			const { companyIndex, ...candidate } = toCandidate(decision.candidate, tenant, companies);
			matched.push({ ...base, companyIndex, ...candidate });
		} else if (decision.kind === 'review') {
			const candidates = decision.candidates.map((candidate): Candidate => {
				const { companyId, companyName, score, method, evidence, why } = toCandidate(candidate, tenant, companies);
				return { companyId, companyName, score, method, evidence, why };
			});
			needsReview.push({ ...base, candidates, reason: decision.reason });
		} else {
			unmatched.push({ type: 'tenant', ...base, reason: decision.reason });
		}
	});
	return { matched, needsReview, unmatched };
}

function toCandidate(candidate: ScoredCandidate, tenant: Tenant, companies: readonly Company[]): Candidate & { companyIndex: number } {
	const company = companies[candidate.company];
	return {
		companyIndex: company.index,
		companyId: company.companyId,
		companyName: company.name,
		score: round3(candidate.score),
		method: candidate.method,
		evidence: describeEvidence(candidate, tenant, company),
		why: describeWhy(candidate),
	};
}

/** Scores are shown to people: three decimals are plenty. */
function round3(value: number): number {
	return Math.round(value * 1000) / 1000;
}

/** Companies no tenant was matched or suggested to, and that have no mapping yet. */
function companiesWithoutTenant(companies: readonly Company[], decisions: Decision[], mapped: Mappings): UnmatchedRow[] {
	const used = new Set<number>();
	for (const decision of decisions) {
		if (decision.kind === 'matched') used.add(decision.candidate.company);
		if (decision.kind === 'review' && decision.suggested !== null) used.add(decision.suggested);
	}
	return companies
		.filter((company, position) => !used.has(position) && !mapped.tenantOf.has(company.companyKey))
		.map((company) => ({
			type: 'company',
			companyIndex: company.index,
			companyId: company.companyId,
			companyName: company.name,
			reason: 'no tenant matched this company',
		}));
}

/** Tenants before companies; then by id, name and row, so the order never depends on input order. */
function compareUnmatched(a: UnmatchedRow, b: UnmatchedRow): number {
	if (a.type !== b.type) return a.type === 'tenant' ? -1 : 1;
	if (a.type === 'tenant' && b.type === 'tenant') {
		return compareText(a.tenantId, b.tenantId) || compareText(a.tenantName, b.tenantName) || a.tenantIndex - b.tenantIndex;
	}
	if (a.type === 'company' && b.type === 'company') {
		return (
			compareText(String(a.companyId ?? ''), String(b.companyId ?? '')) ||
			compareText(a.companyName, b.companyName) ||
			a.companyIndex - b.companyIndex
		);
	}
	return 0;
}
