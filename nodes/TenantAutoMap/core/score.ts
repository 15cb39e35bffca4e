import { domainsMatch } from './domains';
import { nameSimilarity } from './similarity';
import type { Company, MatchMethod, Tenant } from './types';

export interface PairScore {
	score: number;
	method: MatchMethod;
	evidence: string;
}

/*
 * Scores are tiered so stronger evidence always outranks weaker evidence:
 * tenant id 1, domain 0.9–1, exact normalised name 0.9, fuzzy name below 0.88.
 * An exact name against a domain match for another company is then too close to call.
 */
const DOMAIN_BASE = 0.9;
const EXACT_NAME = 0.9;
const FUZZY_CEILING = 0.88;
/** The onmicrosoft.com label naming the company is a hint, not proof. */
const INITIAL_LABEL_BONUS = 0.05;

export function scorePair(tenant: Tenant, company: Company, weightOf: (key: string) => number): PairScore {
	if (company.tenantKey !== null && company.tenantKey === tenant.tenantKey) {
		return { score: 1, method: 'tenantId', evidence: `company records tenant id ${tenant.tenantId}` };
	}
	const similarity = nameSimilarity(tenant.normalized, company.normalized, weightOf);
	const sharedDomain = findSharedDomain(tenant, company);
	if (sharedDomain) {
		return {
			score: round(DOMAIN_BASE + (1 - DOMAIN_BASE) * similarity),
			method: 'domain',
			evidence: `domain ${sharedDomain} matches the company (name similarity ${similarity.toFixed(2)})`,
		};
	}
	if (similarity === 1) {
		return { score: EXACT_NAME, method: 'exactName', evidence: `normalised names equal: "${tenant.normalized.text}"` };
	}
	const hinted = tenant.initialLabel !== null && labelNamesCompany(tenant.initialLabel, company);
	const boosted = Math.min(1, similarity + (hinted ? INITIAL_LABEL_BONUS : 0));
	return {
		score: round(FUZZY_CEILING * boosted),
		method: 'fuzzyName',
		evidence:
			`name "${tenant.normalized.text}" ~ "${company.normalized.text}" (similarity ${similarity.toFixed(2)})` +
			(hinted ? `; initial domain ${tenant.initialLabel}.onmicrosoft.com fits` : ''),
	};
}

function findSharedDomain(tenant: Tenant, company: Company): string | null {
	for (const tenantDomain of tenant.domains) {
		for (const companyDomain of company.domains) {
			if (domainsMatch(tenantDomain, companyDomain)) return tenantDomain;
		}
	}
	return null;
}

function labelNamesCompany(label: string, company: Company): boolean {
	if (company.normalized.tokens.join('') === label) return true;
	return company.domains.some((domain) => domain.split('.')[0] === label);
}

/** Six decimals: keeps floating-point noise from deciding ties. */
function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}
