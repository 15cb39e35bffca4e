import { domainsMatch } from './domains';
import { matchNames, type NameHow, type NameProfile } from './nameMatch';
import type { Company, MatchMethod, Tenant } from './types';

export interface PairScore {
	score: number;
	method: MatchMethod;
	/** Name similarity 0–1 behind the score. */
	similarity: number;
	/** How the name fit. */
	how: NameHow;
	/** The tenant domain the company shares, for domain matches. */
	sharedDomain: string | null;
	/** Whether that domain is only on the company's contacts (weaker than its website). */
	contactOnly: boolean;
	/** A contact domain the tenant shares with this and other companies: a hint, not evidence. */
	crowdedDomain: string | null;
	/** Whether the onmicrosoft.com label named the company. */
	hinted: boolean;
}

/** What the scorer needs besides the pair: how many companies list a domain. */
export interface ScoreContext {
	companiesListing: (domain: string) => number;
}

/*
 * Scores are tiered so stronger evidence outranks weaker evidence:
 * tenant id 1; website domain 0.9–1; a contact domain no other company lists 0.72–0.92;
 * exact normalised name 0.9; any other name evidence below 0.88.
 */
const DOMAIN_BASE = 0.9;
const CONTACT_DOMAIN_BASE = 0.72;
const CONTACT_DOMAIN_NAME_SHARE = 0.2;
const EXACT_NAME = 0.9;
const FUZZY_CEILING = 0.88;
/** The onmicrosoft.com label naming the company is a hint, not proof. */
const INITIAL_LABEL_BONUS = 0.05;

/** Score of one tenant against one company. */
export function scorePair(tenant: Tenant, tenantName: NameProfile, company: Company, companyName: NameProfile, context: ScoreContext): PairScore {
	const { similarity, how } = matchNames(tenantName, tenant.rawKey, companyName, company.identifierKey);
	const none = { similarity, how, sharedDomain: null, contactOnly: false, crowdedDomain: null, hinted: false };
	if (company.tenantKey !== null && company.tenantKey === tenant.tenantKey) {
		return { score: 1, method: 'tenantId', ...none };
	}
	const website = findSharedDomain(tenant.domains, company.websiteDomains);
	if (website) {
		return { score: round(DOMAIN_BASE + (1 - DOMAIN_BASE) * similarity), method: 'domain', ...none, sharedDomain: website };
	}
	const contact = findSharedDomain(tenant.domains, company.contactDomains);
	// A domain on several companies' contacts belongs to a firm working for them all (a bookkeeper, an IT firm).
	const crowded = contact !== null && context.companiesListing(contact) > 1;
	if (contact && !crowded) {
		const score = CONTACT_DOMAIN_BASE + CONTACT_DOMAIN_NAME_SHARE * similarity;
		return { score: round(score), method: 'domain', ...none, sharedDomain: contact, contactOnly: true };
	}
	const crowdedDomain = crowded ? contact : null;
	if (similarity === 1) return { score: EXACT_NAME, method: 'exactName', ...none, crowdedDomain };
	const hinted = tenant.initialLabel !== null && labelNamesCompany(tenant.initialLabel, company);
	const boosted = Math.min(1, similarity + (hinted ? INITIAL_LABEL_BONUS : 0));
	return { score: round(FUZZY_CEILING * boosted), method: 'fuzzyName', ...none, crowdedDomain, hinted };
}

/** One line saying why a company scored as it did. */
export function describeEvidence(pair: PairScore, tenant: Tenant, company: Company): string {
	const names = `"${tenant.normalized.text}" ~ "${company.normalized.text}"`;
	const crowded = pair.crowdedDomain ? `; domain ${pair.crowdedDomain} is on the contacts of several companies, so it proves nothing` : '';
	switch (pair.method) {
		case 'tenantId':
			return `company records tenant id ${tenant.tenantId}`;
		case 'domain':
			return (
				`domain ${pair.sharedDomain} matches the company${pair.contactOnly ? `'s contacts (not its website)` : ''}; ` +
				`name ${names} (similarity ${pair.similarity.toFixed(2)})`
			);
		case 'exactName':
			return `normalised names equal: "${tenant.normalized.text}"${crowded}`;
		default:
			return (
				`name ${names} (similarity ${pair.similarity.toFixed(2)}${pair.how === 'similarName' || pair.how === 'none' ? '' : `, ${HOW_TEXT[pair.how]}`})` +
				(pair.hinted ? `; initial domain ${tenant.initialLabel}.onmicrosoft.com fits` : '') +
				crowded
			);
	}
}

const HOW_TEXT: Record<NameHow, string> = {
	sameName: 'same name',
	similarName: 'similar name',
	runTogether: 'same letters run together',
	identifier: 'same as the company identifier',
	acronym: 'initials of the other name',
	otherName: 'a name inside the name (trading as, site)',
	none: 'no name in common',
};

/** Plain-language reasons, strongest first: "same website domain", "similar name". */
export function describeWhy(pair: PairScore): string[] {
	const why: string[] = [];
	if (pair.method === 'tenantId') why.push('company records this tenant id');
	if (pair.sharedDomain) why.push(pair.contactOnly ? 'a contact uses the tenant\'s domain' : 'same website domain');
	if (pair.how !== 'none') why.push(HOW_TEXT[pair.how]);
	if (pair.hinted) why.push('onmicrosoft.com name fits');
	if (pair.crowdedDomain) why.push('shared contact domain (not counted)');
	return why;
}

function findSharedDomain(tenantDomains: string[], companyDomains: string[]): string | null {
	for (const tenantDomain of tenantDomains) {
		for (const companyDomain of companyDomains) {
			if (domainsMatch(tenantDomain, companyDomain)) return tenantDomain;
		}
	}
	return null;
}

function labelNamesCompany(label: string, company: Company): boolean {
	if (company.normalized.compact === label || company.identifierKey === label) return true;
	return company.websiteDomains.some((domain) => domain.split('.')[0] === label);
}

/** Six decimals: keeps floating-point noise from deciding ties. */
function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}
