import { editSimilarity, nameSimilarity, weighName, type WeightedName } from './similarity';
import { shortFormsOf, stripRunTogetherForm } from './normalize';
import type { NormalizedName } from './types';

/** How a name was found to fit, strongest first; shown to people in `why`. */
export type NameHow = 'sameName' | 'similarName' | 'runTogether' | 'identifier' | 'acronym' | 'otherName' | 'none';

export interface NameMatch {
	similarity: number;
	how: NameHow;
}

/** A record's name prepared once: weights, alternates, acronyms and the run-together form. */
export interface NameProfile extends WeightedName {
	alternates: WeightedName[];
	/** Initials of the first 2–5 words → how many tokens they stand for ("lakeside parker dental" → lp: 2, lpd: 3). */
	acronyms: Map<string, number>;
	/** A one-word name without trailing digits or legal form ("contoso123", "nuviocompany" → "nuvio"), else empty. */
	runTogether: string[];
	/** All words run together, also without "and" ("smith and sons" → "smithandsons", "smithsons"). */
	compacts: string[];
}

/** Evidence other than the name itself counts a little less than the name. */
const ALTERNATE_FACTOR = 0.92;
const ACRONYM_FACTOR = 0.92;
const RUN_TOGETHER_FACTOR = 0.95;
const IDENTIFIER_SIMILARITY = 0.95;
const MIN_RUN_TOGETHER_LENGTH = 6;
/** What is left of a run-together name after its legal form ("nuvio" of "nuviocompany"). */
const MIN_BARE_LENGTH = 4;
const MIN_RUN_TOGETHER_SIMILARITY = 0.85;
const ACRONYM_SKIP: ReadonlySet<string> = new Set(['and', 'of', 'the', 'und', 'et']);

export function profileName(name: NormalizedName, alternates: NormalizedName[], weightOf: (key: string) => number): NameProfile {
	const weighted = weighName(name, weightOf);
	const single = name.tokens.length === 1 ? name.tokens[0].replace(/\d+$/, '') : '';
	const bare = stripRunTogetherForm(single);
	const runTogether = [single, bare].filter((word, i) => word.length >= (i === 0 ? MIN_RUN_TOGETHER_LENGTH : MIN_BARE_LENGTH) && (i === 0 || word !== single));
	const withoutAnd = name.tokens.filter((token) => token !== 'and').join('');
	return {
		...weighted,
		alternates: alternates.map((alternate) => weighName(alternate, weightOf)),
		acronyms: acronymsOf(name.tokens),
		runTogether,
		compacts: withoutAnd === name.compact ? [name.compact] : [name.compact, withoutAnd],
	};
}

/** Initials of the leading words, skipping "and" / "of" ("Allen Brothers & Co" → "abc"). */
export function acronymsOf(tokens: string[]): Map<string, number> {
	const acronyms = new Map<string, number>();
	let initials = '';
	for (let i = 0; i < tokens.length && initials.length < 5; i++) {
		if (ACRONYM_SKIP.has(tokens[i])) continue;
		if (!/^[a-z]/.test(tokens[i])) break;
		initials += tokens[i][0];
		if (initials.length >= 2) acronyms.set(initials, i + 1);
	}
	return acronyms;
}

/**
 * How well two names fit: the names themselves, one written as another's initials
 * ("LP Dental" / "Lakeside Parker Dental"), run together ("sorensenlandscaping"), the
 * company's identifier, or a name inside the name ("X t/a Y", "X - Site").
 */
export function matchNames(tenant: NameProfile, tenantRawKey: string, company: NameProfile, identifierKey: string | null): NameMatch {
	const direct = nameSimilarity(tenant, company);
	if (direct === 1) return { similarity: 1, how: 'sameName' };
	let best: NameMatch = { similarity: direct, how: direct > 0 ? 'similarName' : 'none' };
	const consider = (similarity: number, how: NameHow) => {
		if (similarity > best.similarity) best = { similarity, how };
	};
	if (identifierKey !== null && tenantRawKey === identifierKey) consider(IDENTIFIER_SIMILARITY, 'identifier');
	if (tenant.compact === company.compact && tenant.compact.length >= MIN_RUN_TOGETHER_LENGTH) consider(0.97, 'runTogether');
	else consider(RUN_TOGETHER_FACTOR * runTogetherSimilarity(tenant, company), 'runTogether');
	consider(ACRONYM_FACTOR * acronymSimilarity(tenant, company), 'acronym');
	consider(ACRONYM_FACTOR * acronymSimilarity(company, tenant), 'acronym');
	for (const alternate of tenant.alternates) consider(ALTERNATE_FACTOR * nameSimilarity(alternate, company), 'otherName');
	for (const alternate of company.alternates) consider(ALTERNATE_FACTOR * nameSimilarity(tenant, alternate), 'otherName');
	return best;
}

/** A one-word name against the other name's letters run together. */
function runTogetherSimilarity(a: NameProfile, b: NameProfile): number {
	return Math.max(bestRunTogether(a.runTogether, b.compacts), bestRunTogether(b.runTogether, a.compacts));
}

function bestRunTogether(singles: string[], compacts: string[]): number {
	let best = 0;
	for (const single of singles) {
		for (const compact of compacts) {
			if (single === compact) return 1;
			if (Math.abs(single.length - compact.length) > single.length * (1 - MIN_RUN_TOGETHER_SIMILARITY)) continue;
			const similarity = editSimilarity(single, compact);
			if (similarity >= MIN_RUN_TOGETHER_SIMILARITY && similarity > best) best = similarity;
		}
	}
	return best;
}

/** `short` has a word that is the initials of `long`'s leading words: compare with those words replaced. */
function acronymSimilarity(short: NameProfile, long: NameProfile): number {
	let best = 0;
	for (let i = 0; i < short.tokens.length; i++) {
		const acronym = long.acronyms.has(short.tokens[i]) ? short.tokens[i] : shortFormsOf(short.tokens[i]).find((word) => long.acronyms.has(word));
		if (acronym === undefined || long.tokens.includes(acronym)) continue;
		const consumed = long.acronyms.get(acronym) as number;
		const tokens = [acronym, ...long.tokens.slice(consumed)];
		const keys = [acronym, ...long.keys.slice(consumed)];
		const weights = [long.weights.slice(0, consumed).reduce((sum, weight) => sum + weight, 0), ...long.weights.slice(consumed)];
		const replaced: WeightedName = {
			tokens,
			keys,
			weights,
			text: tokens.join(' '),
			compact: tokens.join(''),
			totalWeight: weights.reduce((sum, weight) => sum + weight, 0),
			keyText: keys.join(' '),
		};
		const shortName = acronym === short.tokens[i] ? short : withToken(short, i, acronym);
		best = Math.max(best, nameSimilarity(shortName, replaced));
	}
	return best;
}

/** The same name with one word written another way ("saint" as "st"). */
function withToken(name: WeightedName, position: number, token: string): WeightedName {
	const tokens = name.tokens.map((word, i) => (i === position ? token : word));
	const keys = name.keys.map((key, i) => (i === position ? token : key));
	return { ...name, tokens, keys, text: tokens.join(' '), compact: tokens.join(''), keyText: keys.join(' ') };
}
