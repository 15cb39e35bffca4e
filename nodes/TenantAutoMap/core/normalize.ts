import type { NormalizedName } from './types';

/**
 * Legal forms written after a name, as people type them (each is read by the same tokenizer
 * as names, so "Sp. z o.o." and "sp z oo" are the same form). Stripped repeatedly from the
 * end ("Pty Ltd", "GmbH & Co. KG"), longest first.
 */
export const LEGAL_FORMS: readonly string[] = Object.freeze([
	'ltd', 'limited', 'pty', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'pllc', 'plc', 'pc', 'corp', 'corporation', 'co', 'company',
	'ltee', 'ulc', 'gmbh', 'ges mbh', 'gesmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'ug haftungsbeschrankt', 'ek', 'ev', 'gbr', 'kgaa',
	'bv', 'bvba', 'nv', 'vof', 'cv', 'sprl', 'srl', 'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'snc', 'spa', 'sapa', 'sl', 'slu', 'sll',
	'sa de cv', 's de rl', 's de rl de cv', 'sab de cv', 'sapi de cv', 'ltda', 'eireli', 'lda',
	'sp z oo', 'spolka z oo', 'sp zoo', 'spzoo', 'sp k', 'sp j', 'sro', 'spol s ro', 'as', 'vos',
	'kft', 'zrt', 'nyrt', 'doo', 'ooo', 'zao', 'oao', 'pao', 'eood', 'ood',
	'ab', 'publ', 'aktiebolag', 'hb', 'kb', 'oy', 'oyj', 'ab oy', 'ky', 'aps', 'ivs', 'asa', 'ehf', 'hf', 'se',
	'kk', 'kabushiki kaisha', 'yk', 'yugen kaisha', 'gk', 'godo kaisha', 'co ltd', 'pte', 'pte ltd', 'sdn bhd', 'bhd', 'pvt', 'pvt ltd',
	'private limited', 'tbk', 'jsc', 'pjsc', 'llc fz', 'fze', 'fzco', 'wll', 'spc',
]);

/** Legal forms written in front of a name (Japan, Indonesia, Russia). */
export const LEADING_LEGAL_FORMS: readonly string[] = Object.freeze([
	'kabushiki kaisha', 'yugen kaisha', 'godo kaisha', 'kk', 'pt', 'cv', 'ooo', 'zao', 'oao', 'pao', 'tov',
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

/** "st" → ["saint"]: what a short word is expanded to in names, if anything. */
export function expansionsOf(word: string): readonly string[] {
	const expansion = ABBREVIATIONS[word];
	return expansion ? [expansion] : [];
}

/** "saint" → ["st"]: the short forms a word was expanded from, so "ST Glazing" can still be initials. */
export function shortFormsOf(token: string): readonly string[] {
	return SHORT_FORMS.get(token) ?? [];
}

const SHORT_FORMS: ReadonlyMap<string, string[]> = (() => {
	const map = new Map<string, string[]>();
	for (const [short, long] of Object.entries(ABBREVIATIONS)) if (short.length <= 5) map.set(long, [...(map.get(long) ?? []), short]);
	return map;
})();

const ASCII = /^[\x20-\x7e]*$/;
const UMLAUT_SPELLING = /ae|oe|ue/;

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
	const lower = value.toLowerCase();
	// most names are plain ASCII: nothing to fold
	if (ASCII.test(lower)) return lower;
	return lower
		.replace(/[ßæœøđðþłı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '');
}

/**
 * Looser form of one token for equality: German umlaut spellings folded
 * (mueller → muller) and a plain plural dropped (services → service).
 */
export function tokenKey(token: string): string {
	let key = UMLAUT_SPELLING.test(token) ? token.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u') : token;
	if (key.length > 4 && key.endsWith('ies')) key = key.slice(0, -3) + 'y';
	else if (key.length > 3 && key.endsWith('s') && !key.endsWith('ss')) key = key.slice(0, -1);
	return key;
}

/** Legal-form sequences, compiled once per list of extra forms. */
interface FormTable {
	trailing: string[][];
	/** Trailing forms by their last word, longest first, so a name's last word finds its candidates at once. */
	trailingByLast: Map<string, string[][]>;
	leading: string[][];
}

const LEADING_FIRST: ReadonlySet<string> = new Set(LEADING_LEGAL_FORMS.map((form) => form.split(' ')[0]));
const BUILT_IN_FORMS: FormTable = compileForms([]);
let lastExtra: readonly string[] = [];
let lastTable: FormTable = BUILT_IN_FORMS;

function formTable(extra: readonly string[]): FormTable {
	if (extra.length === 0) return BUILT_IN_FORMS;
	if (extra !== lastExtra) {
		lastExtra = extra;
		lastTable = compileForms(extra);
	}
	return lastTable;
}

/** Forms as token sequences, longest first, so "gmbh and co kg" goes before "kg". */
function compileForms(extra: readonly string[]): FormTable {
	const sequences = (forms: readonly string[]) => {
		const seen = new Set<string>();
		const out: string[][] = [];
		for (const form of forms) {
			const tokens = tokenize(form);
			const key = tokens.join(' ');
			if (tokens.length === 0 || seen.has(key)) continue;
			seen.add(key);
			out.push(tokens);
		}
		return out.sort((a, b) => b.length - a.length);
	};
	const trailing = sequences([...LEGAL_FORMS, ...extra]);
	const trailingByLast = new Map<string, string[][]>();
	for (const form of trailing) {
		const last = form[form.length - 1];
		trailingByLast.set(last, [...(trailingByLast.get(last) ?? []), form]);
	}
	return { trailing, trailingByLast, leading: sequences(LEADING_LEGAL_FORMS) };
}

/** Legal forms run together ("ptyltd", "company"), longest first, for one-word names. */
const RUN_TOGETHER_FORMS: readonly string[] = BUILT_IN_FORMS.trailing
	.map((form) => form.join(''))
	.filter((form) => form.length >= 3)
	.sort((a, b) => b.length - a.length);

/** "nuviocompany" → "nuvio": a legal form at the end of a run-together name; the word itself when none. */
export function stripRunTogetherForm(word: string): string {
	for (const form of RUN_TOGETHER_FORMS) {
		if (word.length - form.length >= 4 && word.endsWith(form)) return word.slice(0, -form.length);
	}
	return word;
}

/** Folded text cut into word tokens: initials and dotted forms kept together ("A.B.C.", "s.r.o."). */
export function tokenize(text: string): string[] {
	const folded = foldText(text)
		.replace(/&|\+/g, ' and ')
		// "A.B.C." and "s.r.o." keep their letters together; "A/S" and "S/A" are one word
		.replace(/(^|[^a-z0-9])((?:[a-z0-9]\.){2,})/g, (_m, lead: string, dotted: string) => lead + dotted.replace(/\./g, ''))
		.replace(/\b([a-z])\/([a-z])\b/g, '$1$2')
		.replace(/['’`´]/g, '')
		// letters of any script stay (a Japanese or Greek name is still a name)
		.replace(/[^\p{L}\p{N}]+/gu, ' ');
	return joinSingleLetters(folded.split(' ').filter(Boolean));
}

export function normalizeName(name: string, settings: NormalizeSettings = {}): NormalizedName {
	const forms = formTable(settings.extraLegalForms ?? []);
	const ignored = new Set((settings.ignoredWords ?? []).map(wordOf));
	let tokens = tokenize(name)
		.map((token) => ABBREVIATIONS[token] ?? token)
		.filter((token) => !ignored.has(token));
	tokens = stripEnds(tokens, forms);
	return { tokens, keys: tokens.map(tokenKey), text: tokens.join(' '), compact: tokens.join('') };
}

/** Leading "the" and leading forms; trailing legal forms and a dangling "and" ("Smith & Co"), repeated. */
function stripEnds(tokens: string[], forms: FormTable): string[] {
	let start = 0;
	let end = tokens.length;
	if (end - start > 1 && tokens[start] === 'the') start++;
	for (const form of LEADING_FIRST.has(tokens[start]) ? forms.leading : []) {
		if (end - start > form.length && form.every((token, i) => tokens[start + i] === token)) {
			start += form.length;
			break;
		}
	}
	for (;;) {
		if (end - start > 1 && tokens[end - 1] === 'and') {
			end--;
			continue;
		}
		const form = forms.trailingByLast.get(tokens[end - 1])?.find((f) => end - start > f.length && f.every((token, i) => tokens[end - f.length + i] === token));
		if (!form) break;
		end -= form.length;
	}
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
