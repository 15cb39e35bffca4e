import { get as editDistance } from 'fast-levenshtein';

import type { CompanyInput, TenantInput } from '../../../../nodes/TenantAutoMap/core';
import { Random } from './random';
import { ABBREVIATED, INDUSTRIES, LEGAL_FORMS, PLACES, SUFFIX_WORDS, SURNAMES, SYLLABLES } from './words';

/** Tenants and companies with the right answer for every tenant (null: it has no company). */
export interface LabelledSet {
	tenants: TenantInput[];
	companies: CompanyInput[];
	truth: Record<string, string | null>;
	/** Which variation produced each tenant, to explain misses. */
	variation: Record<string, string>;
}

export interface GenerateOptions {
	seed: number;
	companies: number;
	tenants: number;
	/** Share of tenants that have no company (decoys). */
	decoyShare?: number;
}

interface GeneratedCompany {
	id: number;
	words: string[];
	legalForm: string;
	website: string | null;
	tenantIdField: string | null;
}

/**
 * A labelled set for measuring auto-map quality: companies named the way PSA users type
 * them, tenants with the variations seen between the two systems (legal forms,
 * punctuation, "&", case, abbreviations, diacritics, typos, rebrands found only by
 * domain) and decoy tenants that share words with companies but have none.
 */
export function generateLabelledSet(options: GenerateOptions): LabelledSet {
	const random = new Random(options.seed);
	const companies = makeCompanies(random, options.companies);
	const decoyCount = Math.round(options.tenants * (options.decoyShare ?? 0.1));
	const linked = random.shuffle(companies).slice(0, Math.min(companies.length, options.tenants - decoyCount));
	const set: LabelledSet = { tenants: [], companies: [], truth: {}, variation: {} };

	for (const company of linked) {
		const tenantId = guid(random);
		const { name, variation, domains } = varyName(random, company);
		if (random.chance(0.08)) company.tenantIdField = tenantId;
		set.tenants.push({ index: set.tenants.length, tenantId, name, domains: [...domains, `${slug(name).slice(0, 24) || 'tenant'}.onmicrosoft.com`] });
		set.truth[tenantId] = String(company.id);
		set.variation[tenantId] = variation;
	}
	const bases = companies.map((company) => simple(company.words.join(' ')));
	for (const name of makeDecoys(random, decoyCount, companies, bases)) {
		const tenantId = guid(random);
		set.tenants.push({ index: set.tenants.length, tenantId, name, domains: [`${slug(name).slice(0, 24)}.onmicrosoft.com`] });
		set.truth[tenantId] = null;
		set.variation[tenantId] = 'decoy';
	}
	for (const company of companies) {
		set.companies.push({
			index: set.companies.length,
			companyId: company.id,
			name: [company.words.join(' '), company.legalForm].filter(Boolean).join(' '),
			website: company.website,
			domains: [],
			tenantId: company.tenantIdField,
		});
	}
	return set;
}

function makeCompanies(random: Random, count: number): GeneratedCompany[] {
	const seen = new Set<string>();
	const companies: GeneratedCompany[] = [];
	while (companies.length < count) {
		const words = companyWords(random);
		const key = simple(words.join(' '));
		if (seen.has(key)) continue;
		seen.add(key);
		companies.push({
			id: 1000 + companies.length * 7,
			words,
			legalForm: random.chance(0.7) ? random.pick(LEGAL_FORMS) : '',
			website: random.chance(0.6) ? `https://www.${slug(words.join(''))}.${random.pick(['com', 'co.uk', 'com.au', 'de'])}/` : null,
			tenantIdField: null,
		});
	}
	return companies;
}

function companyWords(random: Random): string[] {
	switch (random.int(6)) {
		case 0:
			return [brand(random), random.pick(INDUSTRIES)];
		case 1:
			return [random.pick(SURNAMES), random.pick(INDUSTRIES), ...(random.chance(0.4) ? [random.pick(SUFFIX_WORDS)] : [])];
		case 2:
			return [random.pick(SURNAMES), '&', random.pick(SURNAMES), ...(random.chance(0.5) ? [random.pick(SUFFIX_WORDS)] : [])];
		case 3:
			return [random.pick(SURNAMES), '&', 'Sons', ...(random.chance(0.5) ? [random.pick(INDUSTRIES)] : [])];
		case 4:
			return [random.pick(PLACES), random.pick(INDUSTRIES), random.pick(SUFFIX_WORDS)];
		default:
			return [brand(random), random.pick(SUFFIX_WORDS)];
	}
}

const CHANGES = ['legalForm', 'ampersand', 'case', 'abbreviation', 'the', 'diacritics', 'typo', 'punctuation'];

interface Variation {
	name: string;
	variation: string;
	domains: string[];
}

/** The company's name as it appears in Microsoft 365, changed in one or two ways. */
function varyName(random: Random, company: GeneratedCompany): Variation {
	const domains: string[] = [];
	if (company.website && random.chance(0.35)) domains.push(hostOf(company.website));
	if (random.chance(0.03)) {
		if (!company.website) company.website = `https://${slug(company.words.join(''))}.com`;
		return { name: `${brand(random)} ${random.pick(SUFFIX_WORDS)}`, variation: 'rebrand', domains: [hostOf(company.website)] };
	}
	let words = [...company.words];
	const applied = random.shuffle(CHANGES).slice(0, 1 + random.int(2));
	for (const change of applied) {
		if (change === 'ampersand') words = words.map((word) => (word === '&' ? 'and' : word));
		if (change === 'abbreviation') words = words.map((word) => ABBREVIATED[word] ?? word);
		if (change === 'the') words = ['The', ...words];
		if (change === 'diacritics') words = words.map((word) => (random.chance(0.5) ? stripAccents(word) : transliterate(word)));
		if (change === 'typo') words = typo(random, words);
	}
	let legalForm = applied.includes('legalForm') ? (random.chance(0.5) ? random.pick(LEGAL_FORMS) : '') : company.legalForm;
	if (applied.includes('punctuation') && legalForm) legalForm = `, ${legalForm}.`;
	let name = [words.join(' '), legalForm].filter(Boolean).join(' ').replace(' ,', ',');
	if (applied.includes('case')) name = random.chance(0.5) ? name.toUpperCase() : name.toLowerCase();
	return { name, variation: applied.join('+'), domains };
}

/** Decoys reuse surnames, places and industries but are not near any company's name. */
function makeDecoys(random: Random, count: number, companies: GeneratedCompany[], bases: string[]): string[] {
	const taken = new Set(bases);
	const decoys: string[] = [];
	while (decoys.length < count) {
		const source = random.pick(companies);
		const words =
			random.int(3) === 0
				? [...source.words, random.pick(['Supplies', 'Wholesale', 'Training', 'Rentals'].filter((word) => !source.words.includes(word)))]
				: random.chance(0.5)
					? [source.words[0], random.pick(INDUSTRIES)]
					: companyWords(random);
		const base = simple(words.join(' '));
		if (taken.has(base) || bases.some((other) => closeTo(base, other))) continue;
		taken.add(base);
		decoys.push([words.join(' '), random.chance(0.5) ? random.pick(LEGAL_FORMS) : ''].filter(Boolean).join(' '));
	}
	return decoys;
}

function closeTo(a: string, b: string): boolean {
	if (Math.abs(a.length - b.length) > 3) return false;
	return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) * 0.15));
}

function brand(random: Random): string {
	const parts = 2 + random.int(2);
	let word = '';
	for (let i = 0; i < parts; i++) word += random.pick(SYLLABLES);
	return word[0].toUpperCase() + word.slice(1);
}

/** One slip in the longest word: a letter swapped, dropped or doubled. */
function typo(random: Random, words: string[]): string[] {
	const target = words.reduce((longest, word, i) => (word.length > words[longest].length ? i : longest), 0);
	const word = words[target];
	if (word.length < 7) return words;
	const at = 1 + random.int(word.length - 2);
	const kind = random.int(3);
	const changed =
		kind === 0
			? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
			: kind === 1
				? word.slice(0, at) + word.slice(at + 1)
				: word.slice(0, at) + word[at] + word.slice(at);
	return words.map((w, i) => (i === target ? changed : w));
}

function stripAccents(word: string): string {
	return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ø/g, 'o').replace(/Ø/g, 'O');
}

function transliterate(word: string): string {
	return stripAccents(word.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ø/g, 'Oe').replace(/ø/g, 'oe'));
}

function simple(name: string): string {
	return stripAccents(name.toLowerCase()).replace(/&/g, 'and').replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
}

function slug(name: string): string {
	return simple(name).replace(/[^a-z0-9]/g, '');
}

function hostOf(website: string): string {
	return website.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
}

function guid(random: Random): string {
	const hex = (length: number) => Array.from({ length }, () => random.int(16).toString(16)).join('');
	return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}
