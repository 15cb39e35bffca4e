import { stripDiacritics } from './names';

/** Lower-case ASCII letters and digits only: the shape of domain labels and identifiers. */
const cache = new Map<string, string>();

export function slug(text: string): string {
	const known = cache.get(text);
	if (known !== undefined) return known;
	const value = stripDiacritics(text)
		.toLowerCase()
		.replace(/&/g, 'and')
		.replace(/[^a-z0-9]/g, '');
	// Only short words repeat (first names, surnames); full names would just fill the cache.
	if (text.length <= 16) cache.set(text, value);
	return value;
}

/** A value not yet in `used` (adds a counter when needed) and records it. */
export function unique(value: string, used: Set<string>): string {
	let candidate = value;
	for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${value}${n}`;
	used.add(candidate.toLowerCase());
	return candidate;
}
