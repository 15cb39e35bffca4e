import { get as editDistance } from 'fast-levenshtein';

import type { NormalizedName } from './types';

/** Share of characters that survive an edit: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
	const longest = Math.max(a.length, b.length);
	if (longest === 0) return 1;
	return 1 - editDistance(a, b) / longest;
}

/** Below this length a changed letter makes another word ("Kent" / "Kern"), not a typo. */
const MIN_SUBSTITUTION_LENGTH = 5;
/** Below this length only equal words count ("LP" is not a typo of "LB"). */
const MIN_TYPO_LENGTH = 3;
const MIN_TOKEN_SIMILARITY = 0.8;
const MIN_PREFIX_LENGTH = 4;
const PREFIX_SIMILARITY = 0.82;

/**
 * How alike two tokens are: 1 equal, 0.96 same key (Mueller/Müller), otherwise by edit
 * distance with a swap of neighbours counting as one edit. Words of 3–4 letters may differ by
 * a swapped, doubled or missing letter ("Bel" / "Bell"), never by a changed one.
 */
export function tokenSimilarity(tokenA: string, keyA: string, tokenB: string, keyB: string): number {
	if (tokenA === tokenB) return 1;
	if (keyA === keyB) return 0.96;
	const byKey = typoSimilarity(keyA, keyB);
	// keys fold plurals and umlaut spellings, which can hide a typo ("servcies" → "servcy", "cae" → "ca"): the words as written count too
	return byKey > 0 || (tokenA === keyA && tokenB === keyB) ? byKey : typoSimilarity(tokenA, tokenB);
}

function typoSimilarity(a: string, b: string): number {
	const shorter = Math.min(a.length, b.length);
	const longer = Math.max(a.length, b.length);
	if (shorter < MIN_TYPO_LENGTH) return 0;
	// a word cut short ("Physio" for "Physiotherapy")
	if (shorter >= MIN_PREFIX_LENGTH && (a.startsWith(b) || b.startsWith(a))) return PREFIX_SIMILARITY;
	// the length gap alone already puts the pair below the bar
	if (1 - (longer - shorter) / longer < MIN_TOKEN_SIMILARITY && longer - shorter > 1) return 0;
	const distance = typoDistance(a, b, Math.max(2, Math.floor(longer * (1 - MIN_TOKEN_SIMILARITY))) + 1);
	if (distance === 1) {
		if (shorter < MIN_SUBSTITUTION_LENGTH && isSubstitution(a, b)) return 0;
		return Math.max(MIN_TOKEN_SIMILARITY, 1 - 1 / longer);
	}
	if (shorter < MIN_SUBSTITUTION_LENGTH) return 0;
	const similarity = 1 - distance / longer;
	return similarity >= MIN_TOKEN_SIMILARITY ? similarity : 0;
}

/** One changed letter in words of equal length (not a swap of neighbours). */
function isSubstitution(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let first = -1;
	for (let i = 0; i < a.length; i++) {
		if (a[i] === b[i]) continue;
		if (first >= 0) return i !== first + 1 || a[first] !== b[i] || a[i] !== b[first];
		first = i;
	}
	return true;
}

/** Rows reused across calls: this runs for every token pair of every candidate. */
let rows: Int32Array[] = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];
const letterCounts = new Int32Array(128);

/**
 * Edit distance where swapping two neighbouring letters is one edit (optimal string
 * alignment); stops counting at `cap`.
 */
export function typoDistance(a: string, b: string, cap: number): number {
	if (Math.abs(a.length - b.length) >= cap) return cap;
	if (bagDistance(a, b) >= cap) return cap;
	const width = b.length + 1;
	if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
	let before = rows[0];
	let previous = rows[1];
	let current = rows[2];
	for (let j = 0; j < width; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowMin = i;
		const ai = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			const bj = b.charCodeAt(j - 1);
			let value = previous[j - 1] + (ai === bj ? 0 : 1);
			if (previous[j] + 1 < value) value = previous[j] + 1;
			if (current[j - 1] + 1 < value) value = current[j - 1] + 1;
			if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && before[j - 2] + 1 < value) value = before[j - 2] + 1;
			current[j] = value;
			if (value < rowMin) rowMin = value;
		}
		if (rowMin >= cap) return cap;
		const spare = before;
		before = previous;
		previous = current;
		current = spare;
	}
	return Math.min(previous[b.length], cap);
}

/** A cheap lower bound of the edit distance: letters one word has that the other lacks. */
function bagDistance(a: string, b: string): number {
	for (let i = 0; i < a.length; i++) letterCounts[a.charCodeAt(i) & 127]++;
	for (let i = 0; i < b.length; i++) letterCounts[b.charCodeAt(i) & 127]--;
	let extraA = 0;
	let extraB = 0;
	for (let i = 0; i < a.length; i++) {
		const code = a.charCodeAt(i) & 127;
		if (letterCounts[code] > 0) extraA += letterCounts[code];
		letterCounts[code] = 0;
	}
	for (let i = 0; i < b.length; i++) {
		const code = b.charCodeAt(i) & 127;
		if (letterCounts[code] < 0) extraB -= letterCounts[code];
		letterCounts[code] = 0;
	}
	return Math.max(extraA, extraB);
}

/**
 * Names that differ by a whole word ("ABC Plumbing" / "ABC Plumbing Supplies") may be
 * different businesses, however common the word: they stay below this similarity.
 */
export const WORD_DIFFERENCE_CEILING = 0.85;

/**
 * Name similarity in 0–1: token overlap weighted by rarity (a Dice coefficient where a
 * common word counts for little) blended with edit similarity of the whole name.
 */
export function nameSimilarity(a: WeightedName, b: WeightedName): number {
	if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
	if (a.text === b.text) return 1;
	const { weight, paired, surplus } = matchedWeight(a, b);
	const total = a.totalWeight + b.totalWeight - surplus;
	const tokenScore = total > 0 ? weight / total : 0;
	const charScore = editSimilarity(a.keyText, b.keyText);
	const score = 0.75 * tokenScore + 0.25 * charScore;
	const everyWordPaired = paired === a.tokens.length && paired === b.tokens.length;
	return everyWordPaired ? score : Math.min(score, WORD_DIFFERENCE_CEILING);
}

/** Pair similarities, reused across calls (names have a handful of words). */
let similarities = new Float64Array(64);

/** Pairs tokens one-to-one, most similar first (ties: earlier words first); sums their weights. */
function matchedWeight(a: WeightedName, b: WeightedName): { weight: number; paired: number; surplus: number } {
	const rowsA = a.tokens.length;
	const columnsB = b.tokens.length;
	const cells = rowsA * columnsB;
	if (similarities.length < cells) similarities = new Float64Array(cells * 2);
	let open = 0;
	for (let i = 0; i < rowsA; i++) {
		for (let j = 0; j < columnsB; j++) {
			const similarity = tokenSimilarity(a.tokens[i], a.keys[i], b.tokens[j], b.keys[j]);
			similarities[i * columnsB + j] = similarity;
			if (similarity > 0) open++;
		}
	}
	let weight = 0;
	let paired = 0;
	let surplus = 0;
	while (open > 0) {
		let best = 0;
		for (let cell = 1; cell < cells; cell++) if (similarities[cell] > similarities[best]) best = cell;
		const similarity = similarities[best];
		const i = Math.floor(best / columnsB);
		const j = best % columnsB;
		// the pair's words are used up
		for (let k = 0; k < columnsB; k++) open -= clear(i * columnsB + k);
		for (let k = 0; k < rowsA; k++) open -= clear(k * columnsB + j);
		paired++;
		if (similarity === 1) weight += a.weights[i] + b.weights[j];
		else {
			// A misspelt word is that word: it weighs what the real word weighs, not what an unknown word would.
			const each = Math.min(a.weights[i], b.weights[j]);
			weight += similarity * 2 * each;
			surplus += a.weights[i] + b.weights[j] - 2 * each;
		}
	}
	return { weight, paired, surplus };
}

/** Marks one pair as no longer available; 1 when it was. */
function clear(cell: number): number {
	if (similarities[cell] === 0) return 0;
	similarities[cell] = 0;
	return 1;
}

/** A name with the rarity weight of each token, computed once per record. */
export interface WeightedName extends NormalizedName {
	weights: number[];
	totalWeight: number;
	/** Keys joined by a space, for whole-name edit similarity. */
	keyText: string;
}

export function weighName(name: NormalizedName, weightOf: (key: string) => number): WeightedName {
	const weights = name.keys.map(weightOf);
	return { ...name, weights, totalWeight: weights.reduce((total, weight) => total + weight, 0), keyText: name.keys.join(' ') };
}
