import { profileName, type NameProfile } from './nameMatch';
import { expansionsOf, shortFormsOf } from './normalize';
import type { Company, Tenant } from './types';

/** Tokens shared by more companies than this are too common to nominate candidates alone. */
const MAX_TOKEN_POSTINGS = 32;
/** How many companies the character n-grams may nominate per tenant. */
const MAX_GRAM_CANDIDATES = 16;
/** Share of companies above which a trigram is too common to count. */
const MAX_GRAM_SHARE = 0.05;

/**
 * Lookup tables over the companies, so each tenant is scored only against the few
 * companies that share something with it (no all-pairs scoring).
 */
export class CandidateIndex {
	private readonly byTenantKey = new Map<string, number[]>();
	private readonly byDomain = new Map<string, number[]>();
	private readonly byCompactName = new Map<string, number[]>();
	private readonly byText = new Map<string, number[]>();
	private readonly byIdentifier = new Map<string, number[]>();
	private readonly byAcronym = new Map<string, number[]>();
	/** Each company word and the word with one letter left out: finds a word one typo away. */
	private readonly byDeletion = new Map<string, number[]>();
	private readonly byToken = new Map<string, number[]>();
	private readonly byGram = new Map<string, number[]>();
	private readonly maxGramPostings: number;
	private readonly companyCount: number;
	private readonly weights = new Map<string, number>();
	private readonly gramHits: Int32Array;
	/** Distinct trigrams per company, to rank by overlap share rather than raw count. */
	private readonly gramCounts: Int32Array;
	/** Company names with their token weights, alternates and acronyms, by position. */
	readonly companyNames: NameProfile[];

	constructor(readonly companies: readonly Company[]) {
		this.companyCount = companies.length;
		this.maxGramPostings = Math.max(50, Math.ceil(companies.length * MAX_GRAM_SHARE));
		this.gramHits = new Int32Array(companies.length);
		this.gramCounts = new Int32Array(companies.length);
		companies.forEach((company, position) => {
			if (company.tenantKey) add(this.byTenantKey, company.tenantKey, position);
			for (const domain of company.websiteDomains) {
				for (const suffix of domainSuffixes(domain)) add(this.byDomain, suffix, position);
				add(this.byCompactName, domain.split('.')[0], position);
			}
			for (const domain of company.contactDomains) {
				for (const suffix of domainSuffixes(domain)) add(this.byDomain, suffix, position);
			}
			if (company.normalized.compact) add(this.byCompactName, company.normalized.compact, position);
			for (const alternate of company.alternates) if (alternate.compact) add(this.byCompactName, alternate.compact, position);
			if (company.identifierKey) add(this.byIdentifier, company.identifierKey, position);
			for (const key of new Set(company.normalized.keys)) add(this.byToken, key, position);
			for (const key of company.normalized.keys) for (const variant of deletionsOf(key)) addOnce(this.byDeletion, variant, position);
			if (company.normalized.text) add(this.byText, company.normalized.text, position);
			const grams = new Set(gramsOf(company.normalized.keys));
			this.gramCounts[position] = grams.size;
			for (const gram of grams) add(this.byGram, gram, position);
		});
		this.companyNames = companies.map((company) => profileName(company.normalized, company.alternates, this.weightOf));
		this.companyNames.forEach((name, position) => {
			for (const acronym of name.acronyms.keys()) add(this.byAcronym, acronym, position);
			if (name.compacts.length > 1) add(this.byCompactName, name.compacts[1], position);
		});
	}

	/** Rarity of a token among the companies: a word in every company weighs almost nothing. */
	weightOf = (key: string): number => {
		let weight = this.weights.get(key);
		if (weight === undefined) {
			const documents = this.byToken.get(key)?.length ?? 0;
			weight = Math.log(1 + this.companyCount / Math.max(1, documents));
			this.weights.set(key, weight);
		}
		return weight;
	};

	companiesWithTenantKey(tenantKey: string): number[] {
		return this.byTenantKey.get(tenantKey) ?? [];
	}

	companiesWithDomain(domain: string): number[] {
		return this.byDomain.get(domain) ?? [];
	}

	companiesNamedLike(label: string): number[] {
		return this.byCompactName.get(label) ?? [];
	}

	/** How many companies list a domain (website or contacts). */
	companiesListing = (domain: string): number => this.byDomain.get(domain)?.length ?? 0;

	/** Companies worth scoring for a tenant, in position order. */
	candidatesFor(tenant: Tenant, name: NameProfile): number[] {
		const found = new Set<number>(this.companiesWithTenantKey(tenant.tenantKey));
		const addAll = (positions: number[] | undefined) => {
			for (const position of positions ?? []) found.add(position);
		};
		for (const text of [tenant.normalized, ...tenant.alternates].map((normalized) => normalized.text)) addAll(this.byText.get(text));
		for (const domain of tenant.domains) addAll(this.companiesWithDomain(domain));
		if (tenant.initialLabel) addAll(this.companiesNamedLike(tenant.initialLabel));
		addAll(this.byCompactName.get(tenant.normalized.compact));
		for (const word of name.runTogether) addAll(this.byCompactName.get(word));
		for (const alternate of tenant.alternates) addAll(this.byCompactName.get(alternate.compact));
		addAll(this.byIdentifier.get(tenant.rawKey));
		const keys = [...tenant.normalized.keys, ...tenant.alternates.flatMap((alternate) => alternate.keys)];
		for (const key of keys) {
			const postings = this.byToken.get(key);
			if (postings && postings.length <= MAX_TOKEN_POSTINGS) addAll(postings);
			// a word no company has may be a typo of one ("Riversied", "Wlson")
			if (!postings) for (const variant of [key, ...deletionsOf(key)]) this.addSharing(found, this.byDeletion.get(variant), key, keys);
			// a word that is a company's initials ("LP" for "Lakeside Parker ...")
			for (const word of [key, ...shortFormsOf(key)]) this.addSharing(found, this.byAcronym.get(word), key, keys);
		}
		// the tenant's initials may be a company's word ("Lakeside Parker Dental" for "LP Dental")
		for (const acronym of name.acronyms.keys()) {
			for (const word of [acronym, ...expansionsOf(acronym)]) {
				const postings = this.byToken.get(word);
				if (postings && postings.length <= MAX_TOKEN_POSTINGS) addAll(postings);
			}
		}
		for (const position of this.topByGrams(keys)) found.add(position);
		return [...found].sort((a, b) => a - b);
	}

	/** Companies a word points to; when that word is common, only those sharing another word with the tenant. */
	private addSharing(found: Set<number>, positions: number[] | undefined, key: string, keys: string[]): void {
		if (!positions) return;
		let kept = positions;
		if (positions.length > MAX_TOKEN_POSTINGS) {
			kept = positions.filter((position) => this.companies[position].normalized.keys.some((other) => other !== key && keys.includes(other)));
			if (kept.length > MAX_TOKEN_POSTINGS * 2) return;
		}
		for (const position of kept) found.add(position);
	}

	private topByGrams(keys: string[]): number[] {
		const hits = this.gramHits;
		const touched: number[] = [];
		const grams = new Set(gramsOf(keys));
		let most = 0;
		for (const gram of grams) {
			const postings = this.byGram.get(gram);
			if (!postings || postings.length > this.maxGramPostings) continue;
			for (const position of postings) {
				if (hits[position] === 0) touched.push(position);
				const count = ++hits[position];
				if (count > most) most = count;
			}
		}
		// Only companies sharing at least half as many grams as the best are worth ranking.
		const floor = Math.ceil(most / 2);
		const kept: Array<[number, number]> = [];
		for (const position of touched) {
			// Dice over trigrams: a longer name sharing the same grams ranks below a closer one.
			if (hits[position] >= floor) kept.push([position, hits[position] / (grams.size + this.gramCounts[position])]);
			hits[position] = 0;
		}
		return kept
			.sort((a, b) => b[1] - a[1] || a[0] - b[0])
			.slice(0, MAX_GRAM_CANDIDATES)
			.map(([position]) => position);
	}
}

/** Character trigrams of each token, padded so word starts and ends count. */
export function gramsOf(keys: string[]): string[] {
	const grams: string[] = [];
	for (const key of keys) {
		const padded = ` ${key} `;
		for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
	}
	return grams;
}

/** A word and the word with each letter left out in turn (words of 4+ letters): two words one edit apart share one. */
function deletionsOf(key: string): string[] {
	if (key.length < 4) return [];
	const variants = [key];
	for (let i = 0; i < key.length; i++) variants.push(key.slice(0, i) + key.slice(i + 1));
	return variants;
}

/** "shop.contoso.com" → ["shop.contoso.com", "contoso.com"]: a tenant domain finds its subdomains. */
function domainSuffixes(domain: string): string[] {
	const labels = domain.split('.');
	const suffixes: string[] = [];
	for (let i = 0; i + 2 <= labels.length; i++) suffixes.push(labels.slice(i).join('.'));
	return suffixes;
}

/** Adds a company once, even when several of its words lead to the same key. */
function addOnce(map: Map<string, number[]>, key: string, position: number): void {
	const postings = map.get(key);
	if (!postings) map.set(key, [position]);
	else if (postings[postings.length - 1] !== position) postings.push(position);
}

function add(map: Map<string, number[]>, key: string, position: number): void {
	const postings = map.get(key);
	if (postings) postings.push(position);
	else map.set(key, [position]);
}
