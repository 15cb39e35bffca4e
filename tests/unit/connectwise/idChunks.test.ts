import { describeIds, idChunks, MAX_URL_LENGTH, PAGING_ROOM } from '../../../nodes/ConnectWisePsa/transport/idChunks';

const PREFIX = 'https://api-na.myconnectwise.net/v2025_1/apis/3.0/finance/agreements';
/** The URL the client sends for a chunk, before paging adds its parameters. */
const urlOf = (chunk: number[]) => `${PREFIX}?conditions=${encodeURIComponent(`id in (${chunk.join(',')})`)}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('idChunks', () => {
	test.each([
		['a few ids: one chunk', [5, 7, 9], [[5, 7, 9]]],
		['duplicates read once, first order kept', [9, 5, 9, 7, 5], [[9, 5, 7]]],
		['no ids: no request', [], []],
	])('%s', (_name, ids, expected) => {
		expect(idChunks(ids, 'id', PREFIX)).toEqual(expected);
	});

	test.each([
		['4-digit ids', range(1000, 3000)],
		['6-digit ids', range(100000, 3000)],
		['mixed lengths', [...range(1, 500), ...range(99990, 500), ...range(123456789, 200)]],
	])('%s: every id once, in order, each URL within 2,000 characters with room for paging', (_name, ids) => {
		const chunks = idChunks(ids, 'id', PREFIX);
		expect(chunks.flat()).toEqual([...new Set(ids)]);
		for (const chunk of chunks) expect(urlOf(chunk).length + PAGING_ROOM).toBeLessThanOrEqual(MAX_URL_LENGTH);
		// Greedy: a chunk is full, i.e. the next id would not have fitted.
		for (let c = 0; c < chunks.length - 1; c++) expect(urlOf([...chunks[c], chunks[c + 1][0]]).length + PAGING_ROOM).toBeGreaterThan(MAX_URL_LENGTH);
	});

	test('3,000 four-digit ids take 12 requests (267 ids each), not 3,000', () => {
		expect(idChunks(range(1000, 3000), 'id', PREFIX)).toHaveLength(12);
	});

	test('never more ids than one page holds (1,000)', () => {
		const chunks = idChunks(range(1, 5000), 'id', 'http://h', 100_000);
		expect(Math.max(...chunks.map((c) => c.length))).toBe(1000);
	});

	test.each([
		['zero', [0]],
		['negative', [-3]],
		['fraction', [1.5]],
	])('refuses a %s id', (_name, ids) => {
		expect(() => idChunks(ids, 'id', PREFIX)).toThrow(/is not a record id/);
	});

	test('a base URL that leaves no room is an error, not an endless loop', () => {
		expect(() => idChunks([123], 'id', `https://${'x'.repeat(1990)}`)).toThrow(/leaves no room/);
	});
});

describe('describeIds', () => {
	test.each([
		[[1, 2, 3], 'agreements 1, 2, 3'],
		[range(10, 8), 'agreements 10, 11, 12, 13, 14 and 3 more'],
	])('%j', (ids, text) => expect(describeIds('agreements', ids)).toBe(text));
});
