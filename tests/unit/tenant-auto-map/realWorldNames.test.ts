import { autoMap, type AutoMapResult } from '../../../nodes/TenantAutoMap/core';
import { companyRows, tenantRows } from './fixtures';

/*
 * One table per kind of name seen in real MSP customer lists. Each row is a small PSA with
 * the right company and companies sharing only a common word with the tenant.
 */

type Company = [id: number, name: string, website?: string | null, tenantId?: string | null, domains?: string[]];

/** Where a tenant ended: matched to a company, in review with that company among the candidates, or Unmatched. */
function outcome(result: AutoMapResult, tenantId: string): string {
	const matched = result.matched.find((row) => row.tenantId === tenantId);
	if (matched) return `matched ${matched.companyId}`;
	const review = result.needsReview.find((row) => row.tenantId === tenantId);
	if (review) return `review ${review.candidates.map((candidate) => candidate.companyId).join(',')}`;
	return 'unmatched';
}

function run(tenantName: string, companies: Company[], domains: string[] = [], options = {}): string {
	return outcome(autoMap(tenantRows([['t1', tenantName, domains]]), companyRows(companies), [], options), 't1');
}

/** Companies that share a common word with most tenants below: the right one must beat them. */
const CROWD: Company[] = [
	[901, 'Capital Partners Group'], [902, 'Brewing Supplies Direct'], [903, 'Dental Care Clinic'], [904, 'Plumbing Pros'],
	[905, 'Insurance Brokers United'], [906, 'Landscaping Services Co'], [907, 'Riverside Motors'], [908, 'Parker Legal'],
];

describe('typos inside words, short words too', () => {
	it.each([
		['Bel Capital', [[1, 'Bell Capital BV'], [2, 'Bellevue Capital']], 1],
		['Riversied Brewing', [[1, 'Riverside Brewing Corporation'], [2, 'Riverside Bakery']], 1],
		['Smtih Dental Pty Ltd', [[1, 'Smith Dental'], [2, 'Smith Plumbing']], 1],
		['Harbour Physioo', [[1, 'Harbour Physio'], [2, 'Harbour Dental']], 1],
		['Wlson Plumbing', [[1, 'Wilson Plumbing Ltd'], [2, 'Watson Plumbing']], 1],
	] as Array<[string, Company[], number]>)('"%s" finds its company ahead of those sharing a common word', (name, companies, right) => {
		const result = run(name, [...companies, ...CROWD]);
		expect(result).toMatch(new RegExp(`^(matched ${right}|review ${right}(,|$))`));
	});

	it('keeps a changed letter in a short word a different name ("Kent" is not "Kern")', () => {
		expect(run('Kent Dental', [[1, 'Kern Dental'], ...CROWD])).not.toMatch(/^matched/);
	});
});

describe('acronyms', () => {
	it.each([
		['LP Dental', [[1, 'Lakeside Parker Dental Inc'], [2, 'LP Plumbing']], 1],
		['ABC Plumbing', [[1, 'Allen Brothers & Co Plumbing'], [2, 'Anderson Plumbing']], 1],
		['Lakeside Parker Dental', [[1, 'LP Dental Pty Ltd'], [2, 'Lakeside Motors']], 1],
		['ST Glazing', [[1, 'Southern Thompson Glazing'], [2, 'Saint Glazing Supplies']], 1],
	] as Array<[string, Company[], number]>)('"%s" is suggested its company first', (name, companies, right) => {
		expect(run(name, [...companies, ...CROWD])).toMatch(new RegExp(`^(matched|review) ${right}(,|$)`));
	});

	it('stays in review when two companies have the same initials', () => {
		expect(run('AM Solar', [[1, 'Adelaide Martin Solar'], [2, 'Allen Morgan Solar'], ...CROWD])).toMatch(/^review (1,2|2,1)/);
	});
});

describe('slug-like tenant names', () => {
	it.each([
		['sorensenlandscaping', [[1, 'Sorensen Landscaping Pty Ltd'], [2, 'Sorensen Plumbing']], 1],
		['contoso123', [[1, 'Contoso Ltd'], [2, 'Contoso Bakery']], 1],
		['contoso.onmicrosoft.com', [[1, 'Contoso Inc.'], [2, 'Contoso Bakery']], 1],
		['smithandsonsbuilders', [[1, 'Smith & Sons Builders'], [2, 'Smith Builders']], 1],
		['nuviocompany706', [[1, 'Nuvio Company PLLC'], [2, 'Nuvio Coffee']], 1],
	] as Array<[string, Company[], number]>)('"%s" meets the company whose letters it runs together', (name, companies, right) => {
		expect(run(name, [...companies, ...CROWD], [`${name.replace(/\..*$/, '')}.onmicrosoft.com`])).toMatch(new RegExp(`^(matched|review) ${right}(,|$)`));
	});
});

describe('international legal forms, in front and behind', () => {
	it.each([
		['Grupo Solana S.A. de C.V.', 'Grupo Solana'],
		['Kowalski Transport Sp. z o.o.', 'Kowalski Transport'],
		['Novák Stavby s.r.o.', 'Novak Stavby'],
		['Novák Stavby spol. s r.o.', 'Novák Stavby'],
		['Budapest Print Kft.', 'Budapest Print Zrt.'],
		['Nielsen Consulting ApS', 'Nielsen Consulting A/S'],
		['Virtanen Logistics Oy', 'Virtanen Logistics Ab Oy'],
		['Haugen Bygg AS', 'Haugen Bygg ASA'],
		['Weber Bau GmbH & Co. KG', 'Weber Bau GmbH'],
		['Tanaka Printing K.K.', 'Kabushiki Kaisha Tanaka Printing'],
		['Rossi Ferramenta S.p.A.', 'Rossi Ferramenta S.r.l.'],
		['Harbour Freight Pty. Ltd.', 'Harbour Freight'],
		['Ferreira Costa Ltda.', 'Ferreira Costa S/A'],
		['Schmidt Elektro UG (haftungsbeschränkt)', 'Schmidt Elektro'],
	])('"%s" is matched to "%s"', (tenantName, companyName) => {
		expect(run(tenantName, [[1, companyName], [2, 'Unrelated Holdings'], ...CROWD])).toBe('matched 1');
	});

	it('strips an extra legal form the user writes with dots and spaces', () => {
		const companies: Company[] = [[1, 'Wiśniewski Meble'], ...CROWD];
		expect(run('Wiśniewski Meble Spółka Komandytowa', companies)).not.toBe('matched 1');
		expect(run('Wiśniewski Meble Spółka Komandytowa', companies, [], { extraLegalForms: ['spółka komandytowa'] })).toBe('matched 1');
		expect(run('Wiśniewski Meble e.U.', companies, [], { extraLegalForms: ['e.U.'] })).toBe('matched 1');
	});
});

describe('locations, sites and trading names', () => {
	it.each([
		['King Insurance - Newcastle', [[1, 'King Insurance'], [2, 'Kingsway Insurance']], 1],
		['Smith Dental (Sydney)', [[1, 'Smith Dental Pty Ltd'], [2, 'Smith Plumbing']], 1],
		['Acme Ltd t/a Acme Cafe', [[1, 'Acme Cafe'], [2, 'Acme Plumbing']], 1],
		['Acme Cafe', [[1, 'Jones Holdings Pty Ltd trading as Acme Cafe'], [2, 'Acme Plumbing']], 1],
		['Lee Architects', [[1, 'Lee Architects Aarhus Office'], [2, 'Lee Plumbing']], 1],
	] as Array<[string, Company[], number]>)('"%s" finds its company', (name, companies, right) => {
		expect(run(name, [...companies, ...CROWD])).toBe(`matched ${right}`);
	});

	it('prefers the branch named in full over another branch of the same business', () => {
		const companies: Company[] = [[1, 'King Insurance - Newcastle'], [2, 'King Insurance - Sydney'], ...CROWD];
		expect(run('King Insurance - Newcastle', companies)).toBe('matched 1');
	});
});

describe('domains that are not identity', () => {
	it.each([
		'gmail.com', 'outlook.com', 'hotmail.co.uk', 'yahoo.com.au', 'yahoo.fr', 'bigpond.com', 'optusnet.com.au', 'shaw.ca',
		'sbcglobal.net', 'comcast.net', 'btinternet.com', 'sky.com', 't-online.de', 'orange.fr', 'web.de', 'gmx.net',
	])('a shared %s never proves a match', (domain) => {
		const companies: Company[] = [[1, 'Harbour Dental', null, null, [domain]], [2, 'Granite Roofing']];
		expect(run('Zebra Yacht Charters', companies, [domain])).toBe('unmatched');
	});

	it('treats a domain on many companies\' contacts (a bookkeeper) as no evidence, keeping the tenant\'s own company first', () => {
		const clients: Company[] = Array.from({ length: 12 }, (_v, i) => [100 + i, `Client Number ${i} Plumbing`, null, null, ['ledgerlane.example']]);
		const companies: Company[] = [[1, 'Ledger Lane Bookkeeping', null, null, ['ledgerlane.example']], ...clients];
		expect(run('Ledger Lane Bookkeeping Pty Ltd', companies, ['ledgerlane.example'])).toBe('matched 1');
	});

	it('ranks a domain on one company\'s contacts below the same domain as a website', () => {
		const companies: Company[] = [[1, 'Northwind Traders', 'https://northwind.example'], [2, 'Fabrikam', null, null, ['northwind.example']]];
		expect(run('Northwind Traders', companies, ['northwind.example'])).toBe('matched 1');
		const alone = autoMap(tenantRows([['t1', 'Fabrikam Pty Ltd', ['fabrikam.example']]]), companyRows([[2, 'Fabrikam', null, null, ['fabrikam.example']]]), []);
		expect(alone.matched[0]?.why).toEqual(["a contact uses the tenant's domain", 'same name']);
	});

	it('ignores domains the user lists as shared', () => {
		const companies: Company[] = [[1, 'Harbour Dental', null, null, ['itfirm.example']], [2, 'Granite Roofing']];
		expect(run('Zebra Yacht Charters', companies, ['itfirm.example'])).not.toBe('unmatched');
		expect(run('Zebra Yacht Charters', companies, ['itfirm.example'], { extraSharedDomains: ['itfirm.example'] })).toBe('unmatched');
	});
});

describe('tenants with no company', () => {
	it.each([
		['Smith Dental', [[1, 'Smith Plumbing'], [2, 'Jones Dental'], [3, 'Smith Electrical']]],
		['Riverside Yacht Club', [[1, 'Riverside Motors'], [2, 'Riverside Dental'], [3, 'Harbour Yacht Charters']]],
		['Brisbane Fitness', [[1, 'Brisbane Plumbing'], [2, 'Adelaide Fitness Centre']]],
	] as Array<[string, Company[]]>)('"%s" goes to Unmatched with the reason, not to review with weak guesses', (name, companies) => {
		const result = autoMap(tenantRows([['t1', name]]), companyRows([...companies, ...CROWD]), []);
		expect(result.needsReview).toEqual([]);
		expect(result.unmatched).toEqual([expect.objectContaining({ tenantId: 't1', reason: expect.stringMatching(/^no plausible company/) })]);
	});
});

describe('the company identifier', () => {
	it.each([
		['KINGINS4', 'KingIns4', 'King Insurance Brokers'],
		['SMDENT', 'SMDENT', 'Smith Dental Group'],
	])('a tenant named "%s" finds the company with identifier %s', (tenantName, identifier, companyName) => {
		const rows = companyRows([[1, companyName], [2, 'Kingsway Insurance'], [3, 'Smith Plumbing']]).map((row) =>
			row.companyId === 1 ? { ...row, identifier } : { ...row, identifier: String(row.name).replace(/\s/g, '') },
		);
		expect(outcome(autoMap(tenantRows([['t1', tenantName]]), rows, []), 't1')).toBe('matched 1');
	});
});

describe('never confident on a tie', () => {
	it.each([
		['Contoso Ltd', [[1, 'Contoso Ltd'], [2, 'Contoso Limited']]],
		['Bennett Removals', [[1, 'Bennett Removals'], [2, 'Bennett Removals spol. s r.o.']]],
		['Moreau & Lefebvre Freight', [[1, 'Moreau & Lefebvre Freight AS'], [2, 'Moreau & Lefebvre Freight ASA']]],
	] as Array<[string, Company[]]>)('"%s" with two companies of that name stays in review with both', (name, companies) => {
		expect(run(name, [...companies, ...CROWD])).toMatch(/^review (1,2|2,1)/);
	});

	it('lets a domain tell the two apart', () => {
		const companies: Company[] = [[1, 'Contoso Ltd', 'contoso.example'], [2, 'Contoso Limited'], ...CROWD];
		expect(run('Contoso Ltd', companies, ['contoso.example'])).toBe('matched 1');
	});
});
