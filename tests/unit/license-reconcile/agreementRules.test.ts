import { TODAY, addition, link, only, profile } from './fixtures';

/** Agreement facts as the ConnectWise node puts them on an agreement item (C2). */
function agreementItem(overrides: Record<string, unknown> = {}) {
	return {
		kind: 'agreement',
		agreementId: 100,
		additionId: null,
		agreementStatus: 'Active',
		agreementStartDate: '2025-01-01',
		agreementType: 'Managed Services',
		agreementCompanyId: 5,
		agreementCompanyName: 'Contoso Ltd',
		agreementEndDate: null,
		agreementNoEndingDate: true,
		...overrides,
	};
}

describe('C2: a link writes only to an agreement of its own company', () => {
	test.each([
		{
			name: 'other company, names known',
			linkFields: { companyId: 7, companyName: 'Fabrikam' },
			facts: {},
			reason: `agreement 100 belongs to company 5 (Contoso Ltd), but tenant 11111111-1111-1111-1111-111111111111 is mapped to company 7 (Fabrikam): link an agreement of that company`,
		},
		{
			name: 'other company, no names',
			linkFields: { companyId: '7' },
			facts: { agreementCompanyName: null },
			reason: `agreement 100 belongs to company 5, but tenant 11111111-1111-1111-1111-111111111111 is mapped to company 7: link an agreement of that company`,
		},
	])('$name → skip on agreementId, nothing written', ({ linkFields, facts, reason }) => {
		expect(only({ links: [link(linkFields)], additions: [agreementItem(facts), addition()] })).toEqual(expect.objectContaining({ action: 'skip', field: 'agreementId', reasons: [reason] }));
	});

	test.each([
		{ name: 'same company', linkFields: { companyId: 5 }, facts: {}, action: 'unchanged' },
		{ name: 'link without a company (not joined)', linkFields: {}, facts: {}, action: 'unchanged' },
		{ name: 'agreement company unknown', linkFields: { companyId: 7 }, facts: { agreementCompanyId: null }, action: 'unchanged' },
	])('$name → no company check', ({ linkFields, facts, action }) => {
		expect(only({ links: [link(linkFields)], additions: [agreementItem(facts), addition()] }).action).toBe(action);
	});

	test('agreement facts of C2 come from addition rows too', () => {
		const item = only({ links: [link({ companyId: 9 })], additions: [addition({ agreementCompanyId: 3, agreementCompanyName: 'Other' })] });
		expect(item).toMatchObject({ action: 'skip', field: 'agreementId' });
	});

	test('a bad agreementCompanyId is a row problem naming the field', () => {
		const plan = only({ links: [], additions: [agreementItem({ agreementCompanyId: 'x' })], options: { reportUnlinked: false } });
		expect(plan).toMatchObject({ action: 'skip', field: 'agreementCompanyId' });
	});
});

describe('rule 7: billing profile agreement types', () => {
	test.each([
		{ name: 'type among the profile types', types: ['Managed Services'], type: 'managed services ', action: 'unchanged', reason: null },
		{ name: 'type not among them', types: ['Managed Services', 'M365'], type: 'Break/Fix', action: 'needsApproval', reason: `agreement type "Break/Fix" is not one of billing profile "M365 E3"'s types ("Managed Services", "M365")` },
		{ name: 'type unknown → warning only', types: ['Managed Services'], type: null, action: 'unchanged', reason: 'warning: agreement type unknown, billing profile "M365 E3" is for "Managed Services": not checked' },
		{ name: 'profile without types → no check', types: [], type: 'Break/Fix', action: 'unchanged', reason: null },
	])('$name', ({ types, type, action, reason }) => {
		const item = only({ profiles: [profile({ agreementTypes: types })], additions: [agreementItem({ agreementType: type }), addition()] });
		expect(item.action).toBe(action);
		if (reason) expect(item.reasons).toContain(reason);
		else expect(item.reasons).toEqual([]);
	});
});

describe('rule 8: an agreement past its end date holds changes like a cancelled one', () => {
	test.each([
		{ name: 'ended yesterday', facts: { agreementEndDate: '2026-03-09', agreementNoEndingDate: false }, action: 'needsApproval' },
		{ name: 'ended yesterday, no-ending flag unknown', facts: { agreementEndDate: '2026-03-09T00:00:00Z', agreementNoEndingDate: null }, action: 'needsApproval' },
		{ name: 'ends today', facts: { agreementEndDate: TODAY, agreementNoEndingDate: false }, action: 'unchanged' },
		{ name: 'end date with no-ending flag', facts: { agreementEndDate: '2026-01-01', agreementNoEndingDate: true }, action: 'unchanged' },
		{ name: 'no end date', facts: { agreementEndDate: null, agreementNoEndingDate: false }, action: 'unchanged' },
	])('$name → $action', ({ facts, action }) => {
		const item = only({ additions: [agreementItem(facts), addition()] });
		expect(item.action).toBe(action);
		if (action === 'needsApproval') expect(item.reasons[0]).toMatch(/^agreement ended on 2026-03-09$/);
	});
});

describe('missing agreement facts are said, not assumed', () => {
	test.each([
		{ name: 'no status', facts: { agreementStatus: null }, additions: true, warning: 'warning: agreement status unknown (not on the link nor in Current Additions): not checked' },
		{ name: 'no start date on a new line', facts: { agreementStartDate: null }, additions: false, warning: `warning: agreement start date unknown: the line starts on ${TODAY}` },
	])('$name → a warning reason on the item', ({ facts, additions, warning }) => {
		const item = only({ additions: [agreementItem(facts), ...(additions ? [addition()] : [])] });
		expect(['unchanged', 'create']).toContain(item.action);
		expect(item.reasons).toContain(warning);
	});

	test('no start date on a prorated change → periods from 1 January, said so', () => {
		const item = only({ links: [link({ prorate: 'increases' })], additions: [agreementItem({ agreementStartDate: null, agreementProrate: true, billingCycle: 'Monthly' }), addition({ quantity: 9 })] });
		expect(item).toMatchObject({ action: 'update', prorate: { quantity: 1 } });
		expect(item.reasons).toContain('warning: agreement start date unknown: billing periods counted from 1 January');
	});

	test('all facts known → no warnings', () => {
		expect(only({ additions: [agreementItem(), addition()] })).toMatchObject({ action: 'unchanged', reasons: [] });
	});
});
