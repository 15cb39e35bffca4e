import { normalizeName } from '../../../nodes/TenantAutoMap/core/normalize';
import { WORD_DIFFERENCE_CEILING, nameSimilarity, tokenSimilarity, weighName } from '../../../nodes/TenantAutoMap/core/similarity';

/** Weights as if "smith" and "plumbing" were in many companies and everything else rare. */
const weightOf = (key: string) => (['smith', 'plumbing', 'and', 'son'].includes(key) ? 0.5 : 4);
const similarity = (a: string, b: string) => nameSimilarity(weighName(normalizeName(a), weightOf), weighName(normalizeName(b), weightOf));

describe('name similarity', () => {
	it('is 1 for names equal after normalisation', () => {
		expect(similarity('Smith & Sons Pty Ltd', 'Smith and Sons')).toBe(1);
	});

	it('scores umlaut spellings and typos in long words nearly as equal', () => {
		expect(similarity('Müller GmbH', 'Mueller')).toBeGreaterThan(0.95);
		expect(similarity('Fabrikam Enginering', 'Fabrikam Engineering')).toBeGreaterThan(0.9);
	});

	it('treats short words that differ as different names, not typos', () => {
		expect(tokenSimilarity('abc', 'abc', 'abd', 'abd')).toBe(0);
		expect(similarity('ABC Plumbing', 'ABD Plumbing')).toBeLessThan(0.5);
	});

	it('lets a common word alone count for little ("Smith" matches nothing)', () => {
		expect(similarity('Smith', 'Smith Electrical')).toBeLessThan(0.4);
		expect(similarity('Smith Plumbing', 'Smith Electrical')).toBeLessThan(0.4);
	});

	it('keeps a company with an extra rare word clearly below an exact name', () => {
		expect(similarity('ABC Plumbing', 'ABC Plumbing Supplies')).toBeLessThan(0.75);
	});

	it('keeps names that differ by a whole word below the ceiling, however common the word', () => {
		expect(similarity('Redwood Childcare Holdings Plumbing', 'Redwood Childcare Holdings')).toBe(WORD_DIFFERENCE_CEILING);
		expect(similarity('Redwood Childcare Holdings', 'Redwood Childcare Holding')).toBeGreaterThan(WORD_DIFFERENCE_CEILING);
	});

	it('is 0 when either name is empty', () => {
		expect(similarity('', 'Contoso')).toBe(0);
	});
});
