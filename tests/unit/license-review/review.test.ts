import { describeChanges, reviewStep, type ReviewSession, type ReviewStep } from '../../../nodes/LicenseReview/core';
import type { FormPage, HeldChange } from '../../../nodes/LicenseReview/core/types';
import { decideGroup } from '../../../nodes/LicenseReview/core/groupDecision';
import { manyHeld, manualRow, companyMap, decreaseRow } from './fixtures';

const { rows, map } = manyHeld();
const changes = describeChanges(rows, map);

const step = (session: ReviewSession | null, event: Record<string, unknown>, list: HeldChange[] = changes): ReviewStep => reviewStep({ changes: list, session, event, pageSize: 15 });
function page(result: ReviewStep): { page: FormPage; session: ReviewSession } {
	if (result.next !== 'page') throw new Error(`expected a page, got ${result.next}`);
	return result;
}
const field = (p: FormPage, name: string) => p.fields.find((f) => f.fieldName === name)!;
const options = (p: FormPage, name: string) => field(p, name).fieldOptions!.values.map((v) => v.option);

describe('review step: 196 held changes', () => {
	const start = page(step(null, {}));

	it('opens on a page to pick a group: companies and reasons with their counts, one by one preselected', () => {
		expect(start.page.title).toBe('Changes waiting for approval');
		expect(options(start.page, 'company')[0]).toBe('All companies (196)');
		expect(options(start.page, 'company')).toHaveLength(41);
		expect(options(start.page, 'reason')).toEqual(['All reasons (196)', 'A line typed by hand already bills the product (150)', 'Large decrease (46)']);
		expect(field(start.page, 'how').defaultValue).toBe('Decide one by one (15 per page)');
		expect(field(start.page, 'summary').html).toContain('196 change(s) wait, for 40 companies.');
	});

	it('pages one by one: 15 changes a page, every change once, then back to the groups', () => {
		let current = page(step(start.session, { company: 'All companies (196)', reason: 'All reasons (196)', how: 'Decide one by one (15 per page)', decidedBy: 'Jane' }));
		const seen: string[] = [];
		for (let n = 1; n <= 14; n++) {
			const decisions = current.page.fields.filter((f) => f.fieldName?.startsWith('decision'));
			expect(decisions.length).toBe(n < 14 ? 15 : 196 - 13 * 15);
			expect(current.page.title).toBe(`Decide: page ${n} of 14`);
			for (const f of decisions) expect(f.defaultValue).toBe('Leave pending');
			seen.push(...current.session.pageKeys);
			const then = options(current.page, 'then');
			const next = step(current.session, { then: then[0] });
			if (n === 14) {
				expect(then).toEqual(['Save, then choose another company or reason', 'Save and finish']);
				expect(page(next).page.title).toBe('Changes waiting for approval');
			} else {
				expect(field(current.page, 'then').defaultValue).toBe('Save, then show the next page');
				current = page(next);
			}
		}
		expect(new Set(seen).size).toBe(196);
	});

	it('a decide page turns answers into decisions for Approve changes, with the name from the first page', () => {
		const decide = page(step(start.session, { company: options(start.page, 'company')[1], reason: 'All reasons (196)', how: 'Decide one by one (15 per page)', decidedBy: ' Jane ' }));
		const keys = decide.session.pageKeys;
		const byKey = (key: string) => changes.find((c) => c.key === key)!;
		const answers: Record<string, unknown> = { then: 'Save and finish' };
		keys.forEach((key, index) => {
			const change = byKey(key);
			answers[`decision${index}`] = change.manualLines.length > 0 ? change.choices[1].option : 'Approve';
		});
		const result = step(decide.session, answers);
		if (result.next !== 'apply') throw new Error(result.next);
		const adopted = keys.filter((key) => byKey(key).manualLines.length > 0);
		expect(result.decisions).toEqual({
			approve: keys.filter((key) => byKey(key).manualLines.length === 0),
			reject: [],
			adopt: adopted.map((key) => ({ key, additionId: byKey(key).manualLines[0].additionId })),
			replace: [],
			addSecond: [],
			decidedBy: 'Jane',
		});
		// Approve changes answers; the last page lists what was written in the person's words.
		const applied = adopted.map((key) => ({ key, decision: 'adopt', additionId: byKey(key).manualLines[0].additionId, before: 2, after: 5, cancelled: [] }));
		const end = step(result.session, { status: 'ran', applied, failed: [], refused: [], rejected: [], unknown: [] });
		if (end.next !== 'end') throw new Error(end.next);
		expect(end.end.title).toBe('Decisions saved');
		expect(end.end.message).toContain(`Applied to ConnectWise (${adopted.length}):`);
		expect(end.end.message).toContain(`${byKey(adopted[0]).label} → adopted line ${byKey(adopted[0]).manualLines[0].additionId}: 2 → 5`);
	});

	it('filters by reason and decides the whole group after a confirm page; Approve never touches a change beside a manual line', () => {
		const confirm = page(step(start.session, { company: 'All companies (196)', reason: 'Large decrease (46)', how: 'Approve every change in the group (not those beside a line typed by hand)', decidedBy: 'Jane' }));
		expect(confirm.page.title).toBe('Decide the whole group?');
		expect(field(confirm.page, 'go').defaultValue).toBe('No, go back');
		expect(options(confirm.page, 'go')).toEqual(['Yes, apply these 46 decisions', 'No, go back']);
		// The preview is a table of 20 rows and a count of the rest: a page of sensible length.
		expect((field(confirm.page, 'preview').html!.match(/<tr/g) ?? []).length).toBe(21);
		expect(field(confirm.page, 'preview').html).toContain('… and 26 more.');
		const back = page(step(confirm.session, { go: 'No, go back' }));
		expect(back.page.title).toBe('Changes waiting for approval');
		const apply = step(confirm.session, { go: 'Yes, apply these 46 decisions' });
		if (apply.next !== 'apply') throw new Error(apply.next);
		expect(apply.decisions.approve).toHaveLength(46);
		expect(apply.decisions.approve.every((key) => key.startsWith('d'))).toBe(true);
	});

	it('by company: adopt for the group adopts the single manual line, and leaves a decrease pending', () => {
		const company = options(start.page, 'company').find((option) => option.startsWith('Company A0 '))!;
		const confirm = page(step(start.session, { company, reason: 'All reasons (196)', how: 'Adopt the line typed by hand (changes beside exactly one such line)', decidedBy: 'Jane' }));
		const apply = step(confirm.session, { go: options(confirm.page, 'go')[0] });
		if (apply.next !== 'apply') throw new Error(apply.next);
		const ofCompany = changes.filter((c) => c.company === 'Company A0');
		expect(apply.decisions.adopt).toEqual(ofCompany.filter((c) => c.manualLines.length === 1).map((c) => ({ key: c.key, additionId: c.manualLines[0].additionId })));
		expect(apply.decisions.approve).toEqual([]);
		expect(field(confirm.page, 'preview').html).toContain('stays pending: no line typed by hand to adopt');
	});

	it('a group with nothing to do says so instead of asking to confirm', () => {
		const result = page(step(start.session, { company: 'All companies (196)', reason: 'Large decrease (46)', how: 'Replace the lines typed by hand with a managed line', decidedBy: 'Jane' }));
		expect(result.page.title).toBe('Changes waiting for approval');
		expect(field(result.page, 'summary').html).toContain('Nothing to do: none of the 46 change(s)');
	});

	it('a page left open until its wait time ran out ends quietly', () => {
		expect(step(start.session, { next: 'page', page: start.page, session: start.session }).next).toBe('abandoned');
	});

	it('an empty queue ends at once', () => {
		const result = step(null, {}, []);
		expect(result).toMatchObject({ next: 'end', end: { title: 'Nothing waits for approval' } });
	});

	it('a sync holding the lock: nothing saved, said so', () => {
		const decide = page(step(start.session, { company: 'All companies (196)', reason: 'Large decrease (46)', how: 'Decide one by one (15 per page)', decidedBy: 'Jane' }));
		const apply = step(decide.session, { decision0: 'Approve', then: 'Save and finish' });
		if (apply.next !== 'apply') throw new Error(apply.next);
		const end = step(apply.session, { status: 'busy', text: 'A sync is running.' });
		expect(end).toMatchObject({ next: 'end', end: { title: 'Nothing saved: a sync is running', message: 'A sync is running.' } });
	});

	it('nothing chosen on a page: nothing is sent to Approve changes', () => {
		const decide = page(step(start.session, { company: 'All companies (196)', reason: 'All reasons (196)', how: 'Decide one by one (15 per page)', decidedBy: 'Jane' }));
		const result = step(decide.session, { then: 'Save and finish' });
		expect(result).toMatchObject({ next: 'end', end: { title: 'Nothing was decided' } });
		if (result.next === 'end') expect(result.end.message).toContain('Still pending (196):');
	});
});

describe('group decisions never double-bill', () => {
	const list = describeChanges(
		[manualRow('one', 0, [{ additionId: 1, quantity: 2 }]), manualRow('two', 1, [{ additionId: 2, quantity: 1 }, { additionId: 3, quantity: 1 }]), decreaseRow('dec', 2, 40, 10)],
		companyMap(3),
	);
	test.each([
		{ action: 'approve' as const, decided: { dec: 'approve' } },
		{ action: 'reject' as const, decided: { one: 'reject', two: 'reject', dec: 'reject' } },
		{ action: 'adopt' as const, decided: { one: 'adopt' } },
		{ action: 'replace' as const, decided: { one: 'replace', two: 'replace' } },
	])('$action', ({ action, decided }) => {
		const outcomes = decideGroup(list, action);
		expect(Object.fromEntries(outcomes.filter((o) => o.decision !== 'pending').map((o) => [o.change.key, o.decision]))).toEqual(decided);
		expect(outcomes.some((o) => o.decision === 'addSecond')).toBe(false);
	});
});

describe('review step: typing part of a company name narrows the review', () => {
	const start = page(step(null, {}));
	const ONE_BY_ONE = 'Decide one by one (15 per page)';
	const companyA = (c: HeldChange) => c.company === 'Company A0' || c.company === 'Company A26';
	const narrowed = page(step(start.session, { companySearch: ' company a ', company: 'All companies (196)', reason: 'All reasons (196)', how: ONE_BY_ONE, decidedBy: 'Jane' }));

	it('a new text shows the same page again with only the matching companies, the text kept in the box', () => {
		expect(narrowed.page.title).toBe('Changes waiting for approval');
		expect(options(narrowed.page, 'company')).toEqual(['All companies matching "company a" (11)', 'Company A0 (6)', 'Company A26 (5)']);
		expect(field(narrowed.page, 'companySearch').defaultValue).toBe('company a');
		expect(field(narrowed.page, 'summary').html).toContain('2 companies match &quot;company a&quot;: pick one, or all of them.');
		// Nothing is decided or paged while the person is still narrowing.
		expect(narrowed.session.at).toBe('choose');
	});

	it('"all companies matching" pages through the changes of those companies only', () => {
		const decide = page(step(narrowed.session, { companySearch: 'company a', company: 'All companies matching "company a" (11)', reason: 'All reasons (196)', how: ONE_BY_ONE, decidedBy: 'Jane' }));
		expect(decide.session.pageKeys).toEqual(changes.filter(companyA).map((c) => c.key));
		expect(field(decide.page, 'where').html).toContain('of 11 (companies matching &quot;company a&quot;, all reasons)');
		// "Choose another company" comes back to the narrowed list.
		const back = page(step(decide.session, { then: 'Save, then choose another company or reason' }));
		expect(options(back.page, 'company')[0]).toBe('All companies matching "company a" (11)');
	});

	it('a whole group decision on "all companies matching" decides only those companies', () => {
		const confirm = page(step(narrowed.session, { companySearch: 'company a', company: 'All companies matching "company a" (11)', reason: 'All reasons (196)', how: 'Reject every change in the group', decidedBy: 'Jane' }));
		expect(confirm.session.confirm!.reject.sort()).toEqual(changes.filter(companyA).map((c) => c.key).sort());
	});

	it('one company picked from the narrowed list is that company', () => {
		const decide = page(step(narrowed.session, { companySearch: 'company a', company: 'Company A26 (5)', reason: 'All reasons (196)', how: ONE_BY_ONE, decidedBy: 'Jane' }));
		expect(decide.session.pageKeys.map((key) => changes.find((c) => c.key === key)!.company)).toEqual(Array(5).fill('Company A26'));
	});

	it('clearing the box shows every company again; a text nothing matches says so and shows every company', () => {
		const cleared = page(step(narrowed.session, { companySearch: '', company: 'Company A0 (6)', reason: 'All reasons (196)', how: ONE_BY_ONE, decidedBy: 'Jane' }));
		expect(options(cleared.page, 'company')).toHaveLength(41);
		expect(field(cleared.page, 'summary').html).toContain('Showing every company again.');
		const none = page(step(start.session, { companySearch: 'Fabrikam', company: 'All companies (196)', reason: 'All reasons (196)', how: ONE_BY_ONE, decidedBy: 'Jane' }));
		expect(options(none.page, 'company')).toHaveLength(41);
		expect(field(none.page, 'summary').html).toContain('No company with changes waiting has &quot;Fabrikam&quot; in its name');
		expect(field(none.page, 'companySearch').defaultValue).toBeUndefined();
	});
});
