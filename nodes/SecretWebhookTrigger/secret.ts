import { createHash, timingSafeEqual } from 'crypto';

/**
 * Whether the header value sent equals the expected secret. Compares digests so the time taken
 * says nothing about the secret's length or how much of it matched.
 */
export function secretMatches(sent: unknown, expected: string): boolean {
	if (typeof sent !== 'string' || expected === '') return false;
	const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(sent), digest(expected));
}
