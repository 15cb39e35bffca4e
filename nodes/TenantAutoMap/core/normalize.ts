import type { NormalizedName } from './types';

/** Trailing legal forms, stripped repeatedly ("Pty Ltd", "GmbH & Co KG"). */
export const LEGAL_FORMS: readonly string[] = Object.freeze([
	'ltd', 'limited', 'pty', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'pllc', 'plc', 'gmbh',
	'ag', 'kg', 'ug', 'bv', 'bvba', 'nv', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'ab', 'as',
	'oy', 'kk', 'co', 'corp', 'corporation', 'company', 'pte', 'sdn', 'bhd', 'ltda', 'pc',
]);

/** Common abbreviations, expanded so both spellings meet. */
const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
	intl: 'international',
	mfg: 'manufacturing',
	svc: 'services',
	svcs: 'services',
	srvcs: 'services',
	assoc: 'associates',
	assocs: 'associates',
	bros: 'brothers',
	grp: 'group',
	hldgs: 'holdings',
	hldg: 'holdings',
	mgmt: 'management',
	mgt: 'management',
	natl: 'national',
	sys: 'systems',
	univ: 'university',
	ctr: 'center',
	centre: 'center',
	assn: 'association',
	dev: 'development',
	engg: 'engineering',
	eng: 'engineering',
	solns: 'solutions',
	ent: 'enterprises',
	med: 'medical',
	acctg: 'accounting',
	constr: 'construction',
	elec: 'electrical',
	dist: 'distribution',
	tech: 'technology',
	techs: 'technologies',
	mt: 'mount',
	st: 'saint',
	dept: 'department',
	mktg: 'marketing',
	prop: 'properties',
	props: 'properties',
	ins: 'insurance',
	fin: 'financial',
});

/** Letters that do not decompose under NFKD. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = Object.freeze({
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ł: 'l',
	ı: 'i',
});

export interface NormalizeSettings {
	extraLegalForms?: readonly string[];
	ignoredWords?: readonly string[];
}

/** Lower case, Latin letters and digits only; diacritics dropped (Müller → muller). */
export function foldText(value: string): string {
	return value
		.toLowerCase()
		.replace(/[ßæœøđðþłı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '');
}

/**
 * Looser form of one token for equality: German umlaut spellings folded
 * (mueller → muller) and a plain plural dropped (services → service).
 */
export function tokenKey(token: string): string {
	let key = token.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
	if (key.length > 4 && key.endsWith('ies')) key = key.slice(0, -3) + 'y';
	else if (key.length > 3 && key.endsWith('s') && !key.endsWith('ss')) key = key.slice(0, -1);
	return key;
}

export function normalizeName(name: string, settings: NormalizeSettings = {}): NormalizedName {
	const legalForms = new Set([...LEGAL_FORMS, ...(settings.extraLegalForms ?? []).map(wordOf)]);
	const ignored = new Set((settings.ignoredWords ?? []).map(wordOf));
	const folded = foldText(name)
		.replace(/&|\+/g, ' and ')
		// "A.B.C." and "O'Brien" keep their letters together
		.replace(/(^|[^a-z0-9])((?:[a-z0-9]\.){2,})/g, (_m, lead: string, dotted: string) => lead + dotted.replace(/\./g, ''))
		.replace(/['’`´]/g, '')
		// letters of any script stay (a Japanese or Greek name is still a name)
		.replace(/[^\p{L}\p{N}]+/gu, ' ');
	let tokens = joinSingleLetters(folded.split(' ').filter(Boolean))
		.map((token) => ABBREVIATIONS[token] ?? token)
		.filter((token) => !ignored.has(token));
	tokens = stripEnds(tokens, legalForms);
	return { tokens, keys: tokens.map(tokenKey), text: tokens.join(' '), compact: tokens.join('') };
}

/** Leading "the"; trailing legal forms and a dangling "and" ("Smith & Co"), repeated. */
function stripEnds(tokens: string[], legalForms: ReadonlySet<string>): string[] {
	let start = 0;
	let end = tokens.length;
	if (end - start > 1 && tokens[start] === 'the') start++;
	while (end - start > 1 && (legalForms.has(tokens[end - 1]) || tokens[end - 1] === 'and')) end--;
	return tokens.slice(start, end);
}

/** "a b c plumbing" → "abc plumbing": spaced initials are one word. */
function joinSingleLetters(tokens: string[]): string[] {
	const joined: string[] = [];
	let run = '';
	for (const token of tokens) {
		if (token.length === 1 && /[a-z]/.test(token)) {
			run += token;
			continue;
		}
		if (run) joined.push(run);
		run = '';
		joined.push(token);
	}
	if (run) joined.push(run);
	return joined;
}

function wordOf(value: string): string {
	return foldText(value).replace(/[^\p{L}\p{N}]+/gu, '');
}
