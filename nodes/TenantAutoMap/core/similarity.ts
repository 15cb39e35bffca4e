import { get as editDistance } from 'fast-levenshtein';

import type { NormalizedName } from './types';

/** Share of characters that survive an edit: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
	const longest = Math.max(a.length, b.length);
	if (longest === 0) return 1;
	return 1 - editDistance(a, b) / longest;
}

/** Short tokens ("abc" vs "abd") are different names, not typos. */
const MIN_TYPO_LENGTH = 5;
const MIN_TOKEN_SIMILARITY = 0.8;

/** How alike two tokens are: 1 equal, 0.96 same key (Mueller/Müller), else edit-based or 0. */
export function tokenSimilarity(tokenA: string, keyA: string, tokenB: string, keyB: string): number {
	if (tokenA === tokenB) return 1;
	if (keyA === keyB) return 0.96;
	if (Math.min(keyA.length, keyB.length) < MIN_TYPO_LENGTH) return 0;
	const similarity = editSimilarity(keyA, keyB);
	return similarity >= MIN_TOKEN_SIMILARITY ? similarity : 0;
}

/**
 * Name similarity in 0–1: token overlap weighted by rarity (a Dice coefficient where a
 * common word counts for little) blended with edit similarity of the whole name.
 */
export function nameSimilarity(
	a: NormalizedName,
	b: NormalizedName,
	weightOf: (key: string) => number,
): number {
	if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
	if (a.text === b.text) return 1;
	const weightsA = a.keys.map(weightOf);
	const weightsB = b.keys.map(weightOf);
	const total = sum(weightsA) + sum(weightsB);
	const overlap = matchedWeight(a, b, weightsA, weightsB);
	const tokenScore = total > 0 ? overlap / total : 0;
	const charScore = editSimilarity(a.keys.join(' '), b.keys.join(' '));
	return 0.75 * tokenScore + 0.25 * charScore;
}

/** Pairs tokens one-to-one, most similar first, and sums their similarity-weighted weights. */
function matchedWeight(a: NormalizedName, b: NormalizedName, weightsA: number[], weightsB: number[]): number {
	const pairs: Array<[number, number, number]> = [];
	for (let i = 0; i < a.tokens.length; i++) {
		for (let j = 0; j < b.tokens.length; j++) {
			const similarity = tokenSimilarity(a.tokens[i], a.keys[i], b.tokens[j], b.keys[j]);
			if (similarity > 0) pairs.push([similarity, i, j]);
		}
	}
	pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
	const usedA = new Set<number>();
	const usedB = new Set<number>();
	let matched = 0;
	for (const [similarity, i, j] of pairs) {
		if (usedA.has(i) || usedB.has(j)) continue;
		usedA.add(i);
		usedB.add(j);
		matched += similarity * (weightsA[i] + weightsB[j]);
	}
	return matched;
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
