import { domainsMatch } from './domains';
import { nameSimilarity, type WeightedName } from './similarity';
import type { Company, MatchMethod, Tenant } from './types';

export interface PairScore {
	score: number;
	method: MatchMethod;
	/** Name similarity 0–1 behind the score. */
	similarity: number;
	/** The tenant domain the company shares, for domain matches. */
	sharedDomain: string | null;
	/** Whether the onmicrosoft.com label named the company. */
	hinted: boolean;
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

/** Score of one tenant against one company; names come with their rarity weights. */
export function scorePair(tenant: Tenant, tenantName: WeightedName, company: Company, companyName: WeightedName): PairScore {
	const similarity = nameSimilarity(tenantName, companyName);
	const none = { similarity, sharedDomain: null, hinted: false };
	if (company.tenantKey !== null && company.tenantKey === tenant.tenantKey) {
		return { score: 1, method: 'tenantId', ...none };
	}
	const sharedDomain = findSharedDomain(tenant, company);
	if (sharedDomain) {
		return { score: round(DOMAIN_BASE + (1 - DOMAIN_BASE) * similarity), method: 'domain', ...none, sharedDomain };
	}
	if (similarity === 1) return { score: EXACT_NAME, method: 'exactName', ...none };
	const hinted = tenant.initialLabel !== null && labelNamesCompany(tenant.initialLabel, company);
	const boosted = Math.min(1, similarity + (hinted ? INITIAL_LABEL_BONUS : 0));
	return { score: round(FUZZY_CEILING * boosted), method: 'fuzzyName', ...none, hinted };
}

/** One line saying why a company scored as it did. */
export function describeEvidence(pair: PairScore, tenant: Tenant, company: Company): string {
	const names = `"${tenant.normalized.text}" ~ "${company.normalized.text}"`;
	switch (pair.method) {
		case 'tenantId':
			return `company records tenant id ${tenant.tenantId}`;
		case 'domain':
			return `domain ${pair.sharedDomain} matches the company; name ${names} (similarity ${pair.similarity.toFixed(2)})`;
		case 'exactName':
			return `normalised names equal: "${tenant.normalized.text}"`;
		default:
			return (
				`name ${names} (similarity ${pair.similarity.toFixed(2)})` +
				(pair.hinted ? `; initial domain ${tenant.initialLabel}.onmicrosoft.com fits` : '')
			);
	}
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
	if (company.normalized.compact === label) return true;
	return company.domains.some((domain) => domain.split('.')[0] === label);
}

/** Six decimals: keeps floating-point noise from deciding ties. */
function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}
