import { get as editDistance } from 'fast-levenshtein';

import type { CompanyInput, TenantInput } from '../../../../nodes/TenantAutoMap/core';
import {
	ACRONYM_SKIP,
	BRANDS,
	CONSUMER_DOMAINS,
	INDUSTRIES,
	PLACES,
	QUALIFIER_STYLES,
	SHARED_FIRMS,
	SURNAMES,
	TRADING_AS,
	TRAILERS,
	WRITTEN_FORMS,
	type WrittenForm,
} from './mspWords';
import { Random } from './random';

/*
 * An evaluation set shaped like real MSP customer lists: a PSA with 2–3× more companies than
 * tenants (prospects, vendors, near-namesakes), and tenants named the way Microsoft 365 shows
 * them. Every tenant has a kind (how its name or domains relate to its company), so quality is
 * reported per kind. The perturbations are plain string edits written here, never the
 * matcher's normalisation run backwards.
 */

export const KINDS = [
	// standard kinds: the target is ≥ 90 % confident recall
	'exact', 'legalForm', 'formatting', 'intlLegalForm', 'websiteDomain',
	// harder kinds
	'contactDomain', 'typo', 'acronym', 'slug', 'location', 'tradingAs', 'identifier', 'consumerDomain', 'sharedFirm',
	// never confident
	'tie', 'noCompany',
] as const;
export type Kind = (typeof KINDS)[number];
export const STANDARD_KINDS: readonly Kind[] = ['exact', 'legalForm', 'formatting', 'intlLegalForm', 'websiteDomain'];

/** Share of linked tenants per kind (noCompany is set apart by `noCompanyShare`). */
const KIND_WEIGHTS: Array<[Kind, number]> = [
	['exact', 10], ['legalForm', 10], ['formatting', 8], ['intlLegalForm', 8], ['websiteDomain', 5],
	['contactDomain', 6], ['typo', 10], ['acronym', 7], ['slug', 7], ['location', 7], ['tradingAs', 5],
	['identifier', 5], ['consumerDomain', 5], ['tie', 5],
];

export interface MspSet {
	tenants: TenantInput[];
	companies: CompanyInput[];
	/** Tenant id → the acceptable company ids (two for a tie), empty when it has no company. */
	truth: Record<string, string[]>;
	kind: Record<string, Kind>;
}

export interface MspSetOptions {
	seed: number;
	tenants: number;
	/** Companies per tenant (2–3 in real PSAs). */
	companyRatio: number;
	/** Which half of the surname, place and brand lists: tuning and held-out never share them. */
	half: 'tuning' | 'heldOut';
	noCompanyShare?: number;
}

export const TUNING: MspSetOptions = { seed: 101, tenants: 2000, companyRatio: 2.5, half: 'tuning' };
export const HELD_OUT: MspSetOptions = { seed: 202, tenants: 2000, companyRatio: 2.5, half: 'heldOut' };

interface Draft {
	/** Name words before any legal form. */
	words: string[];
	form: WrittenForm;
	formText: string;
	identifier: string;
	website: string | null;
	/** E-mail domains of the company's contacts. */
	contactDomains: string[];
	tie?: boolean;
}

export function generateMspSet(options: MspSetOptions): MspSet {
	const random = new Random(options.seed);
	const pick = (list: readonly string[]) => list.filter((_w, i) => (i % 2 === 0) === (options.half === 'tuning'));
	const vocab = { surnames: pick(SURNAMES), places: pick(PLACES), brands: pick(BRANDS) };
	const noCompany = Math.round(options.tenants * (options.noCompanyShare ?? 0.15));
	const firmCount = Math.max(4, Math.round(options.tenants / 60));
	const linkedCount = options.tenants - noCompany - firmCount;
	const companyTotal = Math.round(options.tenants * options.companyRatio);

	const keys = new Set<string>();
	const drafts: Draft[] = [];
	const newDraft = (): Draft => {
		for (;;) {
			const words = nameWords(random, vocab);
			const key = simple(words.join(' '));
			if (keys.has(key)) continue;
			keys.add(key);
			return makeDraft(random, words);
		}
	};

	const set: MspSet = { tenants: [], companies: [], truth: {}, kind: {} };
	const companyOf = new Map<Draft, number>();
	const addCompany = (draft: Draft): number => {
		const id = 20000 + drafts.length * 3;
		drafts.push(draft);
		companyOf.set(draft, id);
		return id;
	};
	const addTenant = (name: string, domains: string[], kind: Kind, truth: number[]) => {
		const tenantId = guid(random);
		set.tenants.push({ index: set.tenants.length, tenantId, name, domains });
		set.truth[tenantId] = truth.map(String);
		set.kind[tenantId] = kind;
	};

	// Firms whose staff are contacts at many clients; each is also a tenant of its own.
	const firms = Array.from({ length: firmCount }, (_v, i) => {
		const base = SHARED_FIRMS[i % SHARED_FIRMS.length];
		const surname = random.pick(vocab.surnames);
		const name = i < SHARED_FIRMS.length ? base.name : `${surname} ${random.pick(['Bookkeeping', 'Accountants', 'IT Services', 'Payroll', 'Tax Advisers'])}`;
		const domain = i < SHARED_FIRMS.length ? base.domain : `${slug(name)}.${random.pick(['com', 'com.au', 'co.uk'])}`;
		keys.add(simple(name));
		return { name, domain };
	});

	for (let i = 0; i < linkedCount; i++) {
		const kind = weighted(random, KIND_WEIGHTS);
		const draft = newDraft();
		const made = tenantFor(random, kind, draft, vocab, keys);
		const id = addCompany(draft);
		const truth = [id];
		if (kind === 'tie') {
			const twin: Draft = { ...draft, formText: random.pick(draft.form.forms), identifier: draft.identifier + '2', contactDomains: [] };
			truth.push(addCompany(twin));
		}
		if (kind === 'consumerDomain') {
			// Many companies have contacts at the same free mail domain the tenant lists.
			for (let k = 0; k < 3; k++) newDraftWithContact(made.domains[0]);
		}
		addTenant(made.name, made.domains, made.kind, truth);
	}
	function newDraftWithContact(domain: string): void {
		const draft = newDraft();
		draft.contactDomains.push(domain);
		addCompany(draft);
	}

	for (const firm of firms) {
		const hasWebsite = random.chance(0.5);
		const words = firm.name.split(' ');
		const firmDraft: Draft = {
			...makeDraft(random, words),
			website: hasWebsite ? `https://${firm.domain}` : null,
			contactDomains: [firm.domain],
		};
		const id = addCompany(firmDraft);
		const tenantName = random.chance(0.5) ? `${firm.name} ${random.pick(firmDraft.form.forms)}` : firm.name;
		addTenant(tenantName, [firm.domain, `${slug(firm.name).slice(0, 20)}.onmicrosoft.com`], 'sharedFirm', [id]);
	}

	// The rest of the PSA: prospects, vendors, former customers and near-namesakes.
	const linked = [...drafts];
	while (drafts.length < companyTotal) {
		const source = random.pick(linked);
		if (random.chance(0.35) && !source.tie) {
			const sibling = siblingWords(random, source.words);
			const key = simple(sibling.join(' '));
			if (keys.has(key)) continue;
			keys.add(key);
			addCompany(makeDraft(random, sibling));
		} else {
			addCompany(newDraft());
		}
	}
	// Clients of the shared firms list the firm's staff among their contacts.
	for (const draft of drafts) {
		if (random.chance(0.12)) draft.contactDomains.push(random.pick(firms).domain);
		if (random.chance(0.2)) draft.contactDomains.push(random.pick(CONSUMER_DOMAINS));
	}

	const companyKeys = [...keys];
	for (let i = 0; i < noCompany; i++) {
		for (;;) {
			const words = random.chance(0.5) ? nameWords(random, vocab) : [random.pick(linked).words[0], random.pick(INDUSTRIES)];
			const key = simple(words.join(' '));
			// Not the same business written longer or shorter ("Smith Dental" / "Smith Dental Group").
			const sameBusiness = (other: string) => closeTo(key, other) || other.startsWith(key + ' ') || key.startsWith(other + ' ');
			if (keys.has(key) || companyKeys.some(sameBusiness)) continue;
			keys.add(key);
			const form = random.chance(0.5) ? ' ' + random.pick(random.pick(WRITTEN_FORMS).forms) : '';
			addTenant(words.join(' ') + form, [`${slug(words.join('')).slice(0, 22)}.onmicrosoft.com`, `${slug(words.join(''))}.com`], 'noCompany', []);
			break;
		}
	}

	drafts.forEach((draft, position) => {
		const websiteDomain = draft.website ? hostOf(draft.website) : null;
		set.companies.push({
			index: position,
			companyId: companyOf.get(draft) ?? 0,
			name: companyName(draft),
			website: draft.website,
			// As the ConnectWise node emits it: the website's domain and the contacts' e-mail domains.
			domains: [...new Set([...(websiteDomain ? [websiteDomain] : []), ...draft.contactDomains])],
			tenantId: null,
			identifier: draft.identifier,
		} as CompanyInput);
	});
	// Shuffled, so nothing depends on the order the set was built in.
	set.tenants = random.shuffle(set.tenants).map((tenant, index) => ({ ...tenant, index }));
	set.companies = random.shuffle(set.companies).map((company, index) => ({ ...company, index }));
	return set;
}

interface Vocab {
	surnames: string[];
	places: string[];
	brands: string[];
}

function nameWords(random: Random, vocab: Vocab): string[] {
	const trailer = (p: number) => (random.chance(p) ? [random.pick(TRAILERS)] : []);
	switch (random.int(7)) {
		case 0:
			return [random.pick(vocab.surnames), random.pick(INDUSTRIES), ...trailer(0.3)];
		case 1:
			return [random.pick(vocab.surnames), '&', random.pick(vocab.surnames), ...(random.chance(0.5) ? [random.pick(INDUSTRIES)] : [])];
		case 2:
			return [random.pick(vocab.places), random.pick(INDUSTRIES), ...trailer(0.4)];
		case 3:
			return [random.pick(vocab.brands), random.chance(0.5) ? random.pick(INDUSTRIES) : random.pick(TRAILERS)];
		case 4:
			return [random.pick(vocab.places), random.pick(vocab.surnames), random.pick(INDUSTRIES)];
		case 5:
			return [random.pick(vocab.surnames), 'Brothers', '&', 'Co', random.pick(INDUSTRIES)];
		default:
			return [random.pick(vocab.surnames), random.pick(vocab.surnames), random.pick(INDUSTRIES), ...trailer(0.3)];
	}
}

/** A near-namesake: the same leading word with another industry, or the same name plus a word. */
function siblingWords(random: Random, words: string[]): string[] {
	if (random.chance(0.5)) return [words[0], random.pick(INDUSTRIES)];
	return [...words, random.pick(['Supplies', 'Holdings', 'Training', 'Rentals', 'Foundation', 'Trust'])];
}

const COUNTRY_WEIGHTS: Array<[string, number]> = [
	['AU', 20], ['UK', 18], ['US', 22], ['CA', 5], ['NZ', 4], ['MX', 3], ['PL', 3], ['CZ', 2], ['HU', 2], ['DK', 2],
	['FI', 2], ['NO', 2], ['SE', 2], ['DE', 4], ['AT', 1], ['NL', 2], ['BE', 1], ['FR', 2], ['IT', 2], ['ES', 2],
	['BR', 1], ['JP', 2], ['SG', 1],
];

function makeDraft(random: Random, words: string[]): Draft {
	const country = weighted(random, COUNTRY_WEIGHTS);
	const forms = WRITTEN_FORMS.filter((form) => form.country === country);
	const form = random.pick(forms);
	const formText = random.chance(0.7) ? random.pick(form.forms) : '';
	const website = random.chance(0.5) ? websiteOf(random, words, form.tld) : null;
	const contactDomains = website && random.chance(0.6) ? [hostOf(website)] : [];
	return { words, form, formText, identifier: identifierOf(random, words), website, contactDomains };
}

/** ConnectWise identifiers: the name run together and cut, or a short code. */
function identifierOf(random: Random, words: string[]): string {
	const letters = words.filter((word) => word !== '&').map((word) => ascii(word).replace(/[^A-Za-z0-9]/g, ''));
	const roll = random.int(10);
	if (roll < 6) return letters.join('').slice(0, 15);
	if (roll < 8) return (letters.map((word) => word[0]).join('') + String(1 + random.int(9)).padStart(2, '0')).toUpperCase();
	return (letters[0].slice(0, 5) + (letters[1] ?? '').slice(0, 3)).toUpperCase();
}

function websiteOf(random: Random, words: string[], tld: string): string {
	const host = `${slug(words.join(''))}.${random.chance(0.7) ? tld : 'com'}`;
	return random.pick([`https://www.${host}/`, `www.${host}`, `http://${host}`, host]);
}

function companyName(draft: Draft): string {
	const base = draft.words.join(' ');
	if (!draft.formText) return base;
	return draft.form.front ? `${draft.formText} ${base}` : `${base} ${draft.formText}`;
}

interface MadeTenant {
	name: string;
	domains: string[];
	kind: Kind;
}

/** The tenant for one company, changed the way `kind` says; the draft may be changed too. */
function tenantFor(random: Random, kind: Kind, draft: Draft, vocab: Vocab, keys: Set<string>): MadeTenant {
	const base = draft.words.join(' ');
	const label = (text: string) => `${slug(text).slice(0, 24) || 'tenant'}.onmicrosoft.com`;
	const nameKind = (name: string, madeKind: Kind = kind): MadeTenant => {
		// Name evidence only: the PSA does not know the tenant's domain.
		draft.website = null;
		draft.contactDomains = [];
		return { name, domains: [label(name), `${slug(name)}-${random.int(90) + 10}.com`], kind: madeKind };
	};
	const anotherForm = () => {
		const others = draft.form.forms.filter((form) => form !== draft.formText);
		return random.chance(0.25) || others.length === 0 ? '' : random.pick(others);
	};
	const withForm = (text: string, formText: string) => (!formText ? text : draft.form.front ? `${formText} ${text}` : `${text} ${formText}`);

	switch (kind) {
		case 'exact':
			return nameKind(companyName(draft));
		case 'legalForm':
			return nameKind(withForm(base, anotherForm()));
		case 'formatting':
			return nameKind(reformat(random, companyName(draft)));
		case 'intlLegalForm': {
			const foreign = WRITTEN_FORMS.filter((form) => !['AU', 'UK', 'US', 'CA', 'NZ'].includes(form.country));
			draft.form = random.pick(foreign);
			draft.formText = random.pick(draft.form.forms);
			const japan = draft.form.country === 'JP';
			if (japan && random.chance(0.5)) {
				// the same company written with the form in front and behind
				const front = draft.form.front;
				return nameKind(front ? `${base} K.K.` : `Kabushiki Kaisha ${base}`);
			}
			const roll = random.int(3);
			const tenantForm = roll === 0 ? '' : roll === 1 ? random.pick(draft.form.forms) : draft.formText.toUpperCase();
			return nameKind(withForm(random.chance(0.3) ? base.toUpperCase() : base, tenantForm));
		}
		case 'websiteDomain': {
			draft.website = websiteOf(random, draft.words, draft.form.tld);
			// A rebrand or trading name no company has: only the domain ties them together.
			let name = companyName(draft);
			for (let tries = 0; tries < 20 && random.chance(0.5); tries++) {
				const rebrand = `${random.pick(vocab.brands)} ${random.pick(INDUSTRIES)}`;
				if (keys.has(simple(rebrand))) continue;
				keys.add(simple(rebrand));
				name = rebrand;
				break;
			}
			return { name, domains: [label(name), hostOf(draft.website)], kind };
		}
		case 'contactDomain': {
			draft.website = null;
			const domain = `${slug(draft.words.join(''))}.${draft.form.tld}`;
			draft.contactDomains = [domain];
			return { name: withForm(base, anotherForm()), domains: [label(base), domain], kind };
		}
		case 'typo':
			return nameKind(withForm(typo(random, draft.words).join(' '), random.chance(0.5) ? draft.formText : anotherForm()));
		case 'acronym': {
			const lead = draft.words.slice(0, -1).join(' ').split(' ').filter((word) => !ACRONYM_SKIP.has(word.toLowerCase()));
			if (lead.length < 2 || lead.length > 4) return nameKind(companyName(draft), 'exact');
			const initials = lead.map((word) => ascii(word)[0].toUpperCase()).join('');
			const short = `${initials} ${draft.words[draft.words.length - 1]}`;
			if (random.chance(0.3)) {
				// the PSA holds the short form, Microsoft 365 the full one
				const full = companyName(draft);
				draft.words = short.split(' ');
				return nameKind(full);
			}
			return nameKind(withForm(short, random.chance(0.5) ? draft.formText : ''));
		}
		case 'slug': {
			const run = slug(base);
			const digits = random.chance(0.4) ? String(random.int(900) + 1) : '';
			const name = run + digits;
			// The tenant's name is only its initial domain's label, or that domain itself.
			return { name: random.chance(0.2) ? `${name}.onmicrosoft.com` : name, domains: [`${name}.onmicrosoft.com`], kind };
		}
		case 'location': {
			const place = random.pick(vocab.places.concat(PLACES.slice(0, 10)));
			const qualified = random.pick(QUALIFIER_STYLES).replace('{name}', base).replace('{place}', place);
			if (random.chance(0.3)) {
				draft.words = qualified.split(' ');
				draft.formText = '';
				return nameKind(withForm(base, anotherForm()));
			}
			return nameKind(qualified);
		}
		case 'tradingAs': {
			const owner = `${random.pick(vocab.surnames)} ${random.pick(['Holdings', 'Enterprises', 'Family Trust', 'Investments'])}`;
			const formText = draft.formText || random.pick(draft.form.forms);
			const trading = `${owner} ${formText} ${random.pick(TRADING_AS)} ${base}`;
			if (random.chance(0.3)) {
				draft.words = trading.split(' ');
				draft.formText = '';
				return nameKind(base);
			}
			return nameKind(trading);
		}
		case 'identifier': {
			const letters = draft.words.filter((word) => word !== '&').map((word) => ascii(word).replace(/[^A-Za-z]/g, ''));
			draft.identifier = (letters[0].slice(0, 4) + (letters[1] ?? '').slice(0, 3) + String(random.int(9) + 1)).toUpperCase();
			// The tenant was named with the customer's short code, which only the identifier holds.
			return nameKind(draft.identifier);
		}
		case 'consumerDomain': {
			const domain = random.pick(CONSUMER_DOMAINS);
			draft.website = null;
			draft.contactDomains = [domain];
			return { name: withForm(base, anotherForm()), domains: [domain, label(base)], kind };
		}
		case 'tie':
			draft.website = null;
			draft.contactDomains = [];
			draft.tie = true;
			return nameKind(withForm(base, anotherForm()));
		default:
			return nameKind(companyName(draft));
	}
}

/** Case, "&" and punctuation written differently, accents dropped or spelled out. */
function reformat(random: Random, name: string): string {
	const changes = random.shuffle([
		(text: string) => text.toUpperCase(),
		(text: string) => text.toLowerCase(),
		(text: string) => (text.includes('&') ? text.replace(/ & /g, ' and ') : text.replace(/ and /gi, ' & ')),
		(text: string) => text.replace(/[.,']/g, ''),
		(text: string) => ascii(text),
		(text: string) => text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'),
		(text: string) => `The ${text}`,
	]).slice(0, 1 + random.int(2));
	return changes.reduce((text, change) => change(text), name);
}

/** One slip in one word of three or more letters: two letters swapped, one doubled, or one dropped. */
function typo(random: Random, words: string[]): string[] {
	const targets = words.map((word, i) => [word, i] as const).filter(([word]) => /^[A-Za-zÀ-ž]{3,}$/.test(word));
	if (targets.length === 0) return words;
	const [word, index] = random.pick(targets);
	const at = 1 + random.int(word.length - 2);
	const kind = random.int(3);
	const changed =
		kind === 0 && word[at] !== word[at + 1] && at + 1 < word.length
			? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
			: kind === 1 && word.length > 3
				? word.slice(0, at) + word.slice(at + 1)
				: word.slice(0, at) + word[at] + word.slice(at);
	return words.map((w, i) => (i === index ? changed : w));
}

function weighted<T>(random: Random, table: Array<[T, number]>): T {
	const total = table.reduce((sum, [, weight]) => sum + weight, 0);
	let roll = random.next() * total;
	for (const [value, weight] of table) {
		roll -= weight;
		if (roll < 0) return value;
	}
	return table[table.length - 1][0];
}

function closeTo(a: string, b: string): boolean {
	if (Math.abs(a.length - b.length) > 3) return false;
	if (a.slice(0, 2) !== b.slice(0, 2) && a.slice(-2) !== b.slice(-2)) return false;
	return editDistance(a, b) <= Math.max(2, Math.floor(Math.max(a.length, b.length) * 0.2));
}

function ascii(text: string): string {
	return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
}

function simple(name: string): string {
	return ascii(name.toLowerCase()).replace(/&/g, 'and').replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
}

function slug(name: string): string {
	return simple(name).replace(/ and /g, '').replace(/[^a-z0-9]/g, '');
}

function hostOf(website: string): string {
	return website.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
}

function guid(random: Random): string {
	const hex = (length: number) => Array.from({ length }, () => random.int(16).toString(16)).join('');
	return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}
