/** Billing options in words on the forms, and back to the values a link row stores. */

export const PRORATE_WORDS = Object.freeze({ off: 'Off', increases: 'Increases only', increasesAndDecreases: 'Increases and decreases' });
export const BASIS_WORDS = Object.freeze({ purchased: 'Purchased (licenses bought)', assigned: 'Assigned (licenses given to users)' });

export type ProrateValue = keyof typeof PRORATE_WORDS;
export type BasisValue = keyof typeof BASIS_WORDS;

function valueOf<T extends string>(words: Readonly<Record<T, string>>, answer: unknown, what: string): T {
	const text = String(answer ?? '').trim();
	const found = (Object.keys(words) as T[]).find((value) => words[value] === text || value === text);
	if (found === undefined) throw new Error(`${what} "${text}" is not one of: ${Object.values(words).join(', ')}`);
	return found;
}

export const prorateValue = (answer: unknown): ProrateValue => valueOf(PRORATE_WORDS, answer, 'Prorate');
export const basisValue = (answer: unknown): BasisValue => valueOf(BASIS_WORDS, answer, 'Quantity basis');

export function prorateWords(value: unknown): string {
	return PRORATE_WORDS[value as ProrateValue] ?? String(value ?? '');
}

export function basisWords(value: unknown): string {
	return BASIS_WORDS[value as BasisValue] ?? String(value ?? '');
}
