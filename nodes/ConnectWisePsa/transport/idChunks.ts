/**
 * Splits a list of record ids into `<field> in (...)` conditions, each small enough for one
 * request: ConnectWise's developer guide asks to keep a request URL within 2,000 characters
 * (longer ones are refused with 414), and a page holds at most 1,000 records. So facts for
 * thousands of agreements take a few calls instead of one call per agreement.
 */
import { CONNECTWISE_MAX_PAGE_SIZE } from '../../shared/paging';
import { ConditionsError } from './conditions';

export const MAX_URL_LENGTH = 2000;
/** Room for what paging adds to a request or to its next-page link (`&pageSize=1000&pageId=...`). */
export const PAGING_ROOM = 40;

/**
 * `urlPrefix`: the request URL without its query (base + path). Ids keep their order and are
 * de-duplicated; each chunk's URL, conditions percent-encoded as the client sends them, fits
 * in `maxUrlLength` with PAGING_ROOM to spare.
 */
export function idChunks(ids: readonly number[], field: string, urlPrefix: string, maxUrlLength = MAX_URL_LENGTH): number[][] {
	const unique = [...new Set(ids)];
	for (const id of unique) {
		if (!Number.isSafeInteger(id) || id < 1) throw new ConditionsError(`${String(id)} is not a record id`);
	}
	// `?conditions=` + encoded `field in ()`; each id adds its digits, each further id a comma (%2C).
	const fixed = urlPrefix.length + '?conditions='.length + encodeURIComponent(`${field} in ()`).length + PAGING_ROOM;
	const room = maxUrlLength - fixed;
	const chunks: number[][] = [];
	let chunk: number[] = [];
	let used = 0;
	for (const id of unique) {
		const digits = String(id).length;
		if (digits > room) throw new ConditionsError(`The URL ${urlPrefix} leaves no room for an id condition within ${maxUrlLength} characters`);
		const cost = chunk.length === 0 ? digits : digits + 3;
		if (used + cost > room || chunk.length === CONNECTWISE_MAX_PAGE_SIZE) {
			chunks.push(chunk);
			chunk = [id];
			used = digits;
		} else {
			chunk.push(id);
			used += cost;
		}
	}
	if (chunk.length > 0) chunks.push(chunk);
	return chunks;
}

/** "agreements 12, 15, 19, 20, 31 and 245 more" — names a chunk in an error without a 1,500-character list. */
export function describeIds(noun: string, ids: readonly number[], shown = 5): string {
	const head = ids.slice(0, shown).join(', ');
	return ids.length > shown ? `${noun} ${head} and ${ids.length - shown} more` : `${noun} ${head}`;
}
