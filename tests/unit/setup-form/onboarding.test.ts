import {
	FIND_OTHER,
	MAX_MATCHES,
	ON_PAGE,
	SEARCH_AGAIN,
	SKIP,
	escapeHtml,
	onboardingStep,
	plausibleBest,
	whySuggested,
	type OnboardingProgress,
	type OnboardingStep,
	type ReviewCompany,
	type ReviewList,
	type ReviewTenant,
	type Suggestion,
} from '../../../nodes/SetupForm/core';

interface Field {
	fieldType: string;
	fieldLabel?: string;
	fieldName?: string;
	fieldOptions?: { values: Array<{ option: string }> };
	defaultValue?: string;
	html?: string;
}

const suggestion = (companyId: number, companyName: string, score: number, method = 'fuzzyName', evidence = 'name', why: string[] = ['similar name']): Suggestion => ({ companyId, companyName, score, method, evidence, why });

describe('suggestions in words', () => {
	test.each([
		{ s: suggestion(1, 'Contoso', 0.9, 'domain', 'domain contoso.com matches the company; name "a" ~ "b"', ['same website domain']), words: 'same domain contoso.com' },
		{ s: suggestion(1, 'Contoso', 0.6, 'domain', "domain contoso.com matches the company's contacts (not its website); name", ['a contact uses the tenant\'s domain']), words: 'a contact uses contoso.com' },
		{ s: suggestion(1, 'Contoso', 1, 'tenantId', 'company records tenant id x'), words: "the company records this tenant's ID" },
		{ s: suggestion(1, 'Contoso', 0.9, 'exactName', 'normalised names equal'), words: 'same name' },
		{ s: suggestion(1, 'Contoso', 0.7, 'fuzzyName', 'name', ['initials of the other name']), words: 'initials of the other name' },
		{ s: suggestion(1, 'Contoso', 0.7, 'fuzzyName', 'name', ['shared contact domain (not counted)']), words: 'similar name' },
	])('$words', ({ s, words }) => {
		expect(whySuggested(s)).toBe(words);
	});

	test.each([
		{ name: 'strong and alone', list: [suggestion(1, 'A', 0.78)], best: 1 },
		{ name: 'strong and clearly ahead', list: [suggestion(1, 'A', 0.79), suggestion(2, 'B', 0.7)], best: 1 },
		{ name: 'weak', list: [suggestion(1, 'A', 0.74)], best: null },
		{ name: 'close call', list: [suggestion(1, 'A', 0.79), suggestion(2, 'B', 0.76)], best: null },
		{ name: 'none', list: [], best: null },
	])('preselect: $name', ({ list, best }) => {
		expect(plausibleBest(list)?.companyId ?? null).toBe(best);
	});
});

const tenant = (n: number, candidates: Suggestion[] = [], mappedTo: string[] = []): ReviewTenant => ({
	tenantId: `t-${n}`,
	tenantName: `Tenant ${n}`,
	defaultDomain: `tenant${n}.example`,
	candidates,
	mappedTo,
});
const company = (companyId: number, name: string, types: string[] = ['Client']): ReviewCompany => ({ companyId, name, identifier: name.replace(/\W/g, ''), types });
const SETTINGS = { pageSize: 20, excludeTypes: ['Owner'], now: '2026-12-01T08:00:00.000Z' };

function pageOf(step: OnboardingStep): { fields: Field[]; progress: OnboardingProgress; title: string } {
	if (step.next !== 'page') throw new Error(`expected a page, got ${step.next}`);
	return { fields: JSON.parse(step.page.fields) as Field[], progress: step.progress, title: step.page.title };
}
const dropdowns = (fields: Field[]) => fields.filter((f) => f.fieldType === 'dropdown' && f.fieldName !== ON_PAGE.field);
const optionsOf = (field: Field) => field.fieldOptions!.values.map((v) => v.option);

/** 300 tenants; tenant n has a strong suggestion (company 1000+n) when n is even, a weak one when n is odd. */
function bigList(): ReviewList {
	const companies = [company(1, 'Our MSP', ['Owner']), ...Array.from({ length: 300 }, (_, n) => company(1000 + n, `Company ${n}`))];
	const tenants = Array.from({ length: 300 }, (_, n) =>
		tenant(n, [suggestion(1000 + n, `Company ${n}`, n % 2 === 0 ? 0.79 : 0.71, 'fuzzyName', 'name', ['similar name']), suggestion(1, 'Our MSP', 0.5)]),
	);
	return { autoSaved: 120, tenants, companies };
}

describe('onboarding pages', () => {
	it('pages 300 tenants 20 at a time, preselects only plausible suggestions, in words, never the MSP itself', () => {
		const list = bigList();
		let step = onboardingStep(list, SETTINGS, null, {});
		const seen: string[] = [];
		for (let index = 0; index < 15; index++) {
			const { fields, progress, title } = pageOf(step);
			expect(title).toBe('Choose the company for each tenant');
			const tenants = dropdowns(fields);
			expect(tenants).toHaveLength(20);
			expect(fields[0].html).toContain(`Page ${index + 1} of 15`);
			for (const field of tenants) {
				const n = Number(field.fieldName!.slice(2));
				seen.push(field.fieldName!);
				expect(field.fieldLabel).toBe(`Tenant ${n} (tenant${n}.example)`);
				expect(optionsOf(field)).toEqual([`Company ${n} — similar name`, FIND_OTHER, SKIP]);
				expect(field.defaultValue).toBe(n % 2 === 0 ? `Company ${n} — similar name` : SKIP);
				expect(JSON.stringify(field)).not.toMatch(/%|fuzzyName|#\d/);
			}
			// The person accepts what is preselected.
			const answers = Object.fromEntries(tenants.map((f) => [f.fieldName!, f.defaultValue!]));
			step = onboardingStep(list, SETTINGS, progress, { ...answers, [ON_PAGE.field]: ON_PAGE.useChoices });
		}
		expect(new Set(seen).size).toBe(300);
		expect(step.next).toBe('save');
		if (step.next !== 'save') return;
		expect(step.rows).toHaveLength(150);
		expect(step.rows[0]).toEqual({ tenantId: 't-0', tenantName: 'Tenant 0', defaultDomain: 'tenant0.example', companyId: 1000, companyIdentifier: 'Company0', companyName: 'Company 0', method: 'manual', score: 0.79, mappedAt: SETTINGS.now });
		expect(step.skipped).toBe(150);
		expect(step.summaryHtml).toContain('Saved 150 mappings you chose and 120 confident matches found automatically. 150 tenants skipped');
		expect(step.summaryHtml).toContain('/form/m365-link-licenses');
	});

	it('"accept the first suggestion for every tenant on this page" maps each tenant on the page that has a suggestion, also the weak ones', () => {
		const list = { ...bigList(), tenants: [...bigList().tenants.slice(0, 3), tenant(999)] };
		const first = pageOf(onboardingStep(list, SETTINGS, null, {}));
		const step = onboardingStep(list, SETTINGS, first.progress, { [ON_PAGE.field]: ON_PAGE.acceptAll, 't-0': SKIP, 't-1': SKIP, 't-2': SKIP, 't-999': SKIP });
		if (step.next !== 'save') throw new Error(step.next);
		expect(step.rows.map((r) => [r.tenantId, r.companyId])).toEqual([['t-0', 1000], ['t-1', 1001], ['t-2', 1002]]);
		expect(step.skipped).toBe(1);
	});

	it('"finish" saves what was chosen so far and skips the remaining pages', () => {
		const list = bigList();
		const first = pageOf(onboardingStep(list, SETTINGS, null, {}));
		const step = onboardingStep(list, SETTINGS, first.progress, { [ON_PAGE.field]: ON_PAGE.finish, 't-0': 'Company 0 — similar name', 't-1': SKIP });
		if (step.next !== 'save') throw new Error(step.next);
		expect(step.rows.map((r) => r.tenantId)).toEqual(['t-0']);
		expect(step.skipped).toBe(299);
	});

	it('finds another company by part of its name: search page, a page of matches, search again, pick', () => {
		const companies = [company(1, 'Our MSP', ['Owner']), company(2, 'Fabrikam Holdings'), company(3, 'Fabrikam Retail'), company(4, 'Northwind'), company(5, 'Our MSP Lab')];
		const list: ReviewList = { autoSaved: 0, tenants: [tenant(1, [suggestion(4, 'Northwind', 0.72)]), tenant(2)], companies };
		const first = pageOf(onboardingStep(list, SETTINGS, null, {}));
		const search = pageOf(onboardingStep(list, SETTINGS, first.progress, { [ON_PAGE.field]: ON_PAGE.useChoices, 't-1': FIND_OTHER, 't-2': SKIP }));
		expect(search.title).toBe('Find a company');
		expect(search.fields.filter((f) => f.fieldType === 'text').map((f) => [f.fieldName, f.defaultValue])).toEqual([['t-1', 'Tenant']]);
		const results = pageOf(onboardingStep(list, SETTINGS, search.progress, { 't-1': 'fabri' }));
		expect(results.title).toBe('Pick the company');
		const field = dropdowns(results.fields)[0];
		expect(optionsOf(field)).toEqual(['Fabrikam Holdings (FabrikamHoldings)', 'Fabrikam Retail (FabrikamRetail)', SEARCH_AGAIN, SKIP]);
		expect(field.defaultValue).toBe(SKIP);
		// The MSP's own company (type Owner) is never found; "Our MSP Lab" is a customer.
		const again = pageOf(onboardingStep(list, SETTINGS, results.progress, { 't-1': SEARCH_AGAIN }));
		expect(again.title).toBe('Find a company');
		const msp = pageOf(onboardingStep(list, SETTINGS, again.progress, { 't-1': 'our msp' }));
		expect(optionsOf(dropdowns(msp.fields)[0])).toEqual(['Our MSP Lab (OurMSPLab)', SEARCH_AGAIN, SKIP]);
		expect(dropdowns(msp.fields)[0].defaultValue).toBe('Our MSP Lab (OurMSPLab)');
		const retail = pageOf(onboardingStep(list, SETTINGS, msp.progress, { 't-1': SEARCH_AGAIN }));
		const picked = pageOf(onboardingStep(list, SETTINGS, retail.progress, { 't-1': 'retail' }));
		const saved = onboardingStep(list, SETTINGS, picked.progress, { 't-1': 'Fabrikam Retail (FabrikamRetail)' });
		if (saved.next !== 'save') throw new Error(saved.next);
		expect(saved.rows.map((r) => [r.tenantId, r.companyId, r.score])).toEqual([['t-1', 3, null]]);
	});

	test.each([
		{ query: 'x', note: 'type at least 2 letters' },
		{ query: 'zz', note: 'no company name contains "zz"' },
	])('a search for "$query" says so and offers search again or skip', ({ query, note }) => {
		const list: ReviewList = { autoSaved: 0, tenants: [tenant(1)], companies: [company(2, 'Fabrikam')] };
		const first = pageOf(onboardingStep(list, SETTINGS, null, {}));
		const search = pageOf(onboardingStep(list, SETTINGS, first.progress, { 't-1': FIND_OTHER }));
		const results = pageOf(onboardingStep(list, SETTINGS, search.progress, { 't-1': query }));
		expect(results.fields[0].html).toContain(note);
		expect(optionsOf(dropdowns(results.fields)[0])).toEqual([SEARCH_AGAIN, SKIP]);
	});

	it(`lists at most ${MAX_MATCHES} matches and says how many more there are`, () => {
		const list = bigList();
		const first = pageOf(onboardingStep(list, SETTINGS, null, {}));
		const search = pageOf(onboardingStep(list, SETTINGS, first.progress, { 't-0': FIND_OTHER }));
		const results = pageOf(onboardingStep(list, SETTINGS, search.progress, { 't-0': 'company' }));
		expect(optionsOf(dropdowns(results.fields)[0])).toHaveLength(MAX_MATCHES + 2);
		expect(results.fields[0].html).toContain('300 companies contain "company"');
	});

	it('does not preselect one company for two tenants, nor for a tenant that is already mapped', () => {
		const list: ReviewList = {
			autoSaved: 0,
			tenants: [tenant(1, [suggestion(7, 'Contoso', 0.79)]), tenant(2, [suggestion(7, 'Contoso', 0.79)]), tenant(3, [suggestion(8, 'Fabrikam', 0.9)], ['Fabrikam'])],
			companies: [company(7, 'Contoso'), company(8, 'Fabrikam')],
		};
		const fields = dropdowns(pageOf(onboardingStep(list, SETTINGS, null, {})).fields);
		expect(fields.map((f) => f.defaultValue)).toEqual([SKIP, SKIP, SKIP]);
		expect(fields[2].fieldLabel).toBe('Tenant 3 (tenant3.example) — already mapped to Fabrikam');
	});

	it('tells two companies of the same name apart', () => {
		const list: ReviewList = { autoSaved: 0, tenants: [tenant(1, [suggestion(7, 'Contoso', 0.7), suggestion(8, 'Contoso', 0.69)])], companies: [company(7, 'Contoso'), { ...company(8, 'Contoso'), identifier: 'ContosoUK' }] };
		const field = dropdowns(pageOf(onboardingStep(list, SETTINGS, null, {})).fields)[0];
		expect(optionsOf(field).slice(0, 2)).toEqual(['Contoso — similar name', 'Contoso (ContosoUK) — similar name']);
	});

	it('escapes tenant and company names in the HTML blocks', () => {
		const list: ReviewList = { autoSaved: 0, tenants: [{ ...tenant(1), tenantName: '<img src=x onerror=alert(1)>' }], companies: [company(2, 'A & B <Ltd>')] };
		const first = pageOf(onboardingStep(list, SETTINGS, null, {}));
		const search = pageOf(onboardingStep(list, SETTINGS, first.progress, { 't-1': FIND_OTHER }));
		const results = pageOf(onboardingStep(list, SETTINGS, search.progress, { 't-1': 'zz' }));
		expect(results.fields[0].html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(results.fields[0].html).not.toContain('<img');
		const saved = onboardingStep(list, SETTINGS, pageOf(onboardingStep(list, SETTINGS, search.progress, { 't-1': 'a & b' })).progress, { 't-1': 'A & B <Ltd> (ABLtd)' });
		if (saved.next !== 'save') throw new Error(saved.next);
		expect(saved.summaryHtml).toContain(escapeHtml('A & B <Ltd>'));
		expect(saved.summaryHtml).not.toContain('<Ltd>');
	});

	it('nothing to review: straight to the last page', () => {
		const step = onboardingStep({ autoSaved: 4, tenants: [], companies: [] }, SETTINGS, null, {});
		expect(step).toEqual(expect.objectContaining({ next: 'save', rows: [], skipped: 0, autoSaved: 4 }));
	});

	it('a page left unanswered until its wait limit passes on its own item: the session is abandoned, nothing saved', () => {
		const list = bigList();
		const first = onboardingStep(list, SETTINGS, null, {});
		expect(onboardingStep(list, SETTINGS, pageOf(first).progress, first as unknown as Record<string, unknown>)).toEqual({ next: 'abandoned' });
	});
});
