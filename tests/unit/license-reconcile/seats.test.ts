import type { PlanItem, Row } from '../../../nodes/LicenseReconcile/core';
import { E3, E5, TENANT, addition, license, link, only, profile, quiet, run } from './fixtures';

const subscriptions = [
	{ id: 's1', term: 'P1M', quantity: 4, status: 'active' },
	{ id: 's2', term: 'P1Y', quantity: 6, status: 'active' },
	{ id: 's3', term: 'P3Y', quantity: 3, status: 'suspended' },
];
const e5 = license({ skuId: E5, skuPartNumber: 'SPE_E5', productName: 'Microsoft 365 E5', purchased: 3, assigned: 3 });
const unlinked = (plan: PlanItem[]) => plan.filter((p) => p.action === 'unlinked').map((p) => [p.skuIds[0], p.term, p.action === 'unlinked' && p.purchased, p.reasons[0]]);

describe('B3: no seat silently unbilled', () => {
	test.each([
		{
			name: 'monthly seats beside an annual-only link',
			licenses: [license({ subscriptions })],
			links: [link({ term: 'P1Y' })],
			expected: [[E3, 'P1M', 4, 'no link for the P1M seats of Microsoft 365 E3 (links take term P1Y only): link this term too']],
		},
		{
			name: 'both terms linked → nothing unlinked (suspended seats are not billed)',
			licenses: [license({ subscriptions })],
			links: [link({ term: 'P1Y' }), link({ term: 'P1M', agreementId: 200 })],
			expected: [],
		},
		{
			name: 'a term link and no subscriptions in the input',
			licenses: [license()],
			links: [link({ term: 'P1Y' })],
			expected: [[E3, null, 10, 'links for Microsoft 365 E3 take term P1Y only, and the Licenses input has no subscriptions to tell which seats are of another term: read subscriptions, or link all terms']],
		},
		{
			name: 'a SKU missing from a bundle link',
			licenses: [license(), e5],
			links: [link({ skuIds: [E3] })],
			expected: [[E5, null, 3, 'no link for Microsoft 365 E5: link it to an agreement']],
		},
		{
			name: 'a new SKU nobody linked',
			licenses: [license(), license({ skuId: 'aaaaaaaa-0000-0000-0000-000000000001', skuPartNumber: 'NEW_SKU', productName: null, purchased: 2 })],
			links: [link()],
			expected: [['aaaaaaaa-0000-0000-0000-000000000001', null, 2, 'no link for NEW_SKU: link it to an agreement']],
		},
		{
			name: 'a link row that was rejected still covers its license (reported once, as the bad row)',
			licenses: [license()],
			links: [link({ agreementId: 'abc' })],
			expected: [],
		},
		{
			name: 'a doNotBill link covers its license on purpose',
			licenses: [license()],
			links: [link({ doNotBill: true })],
			expected: [],
		},
	])('$name', ({ licenses, links, expected }) => {
		expect(unlinked(run({ licenses, links }))).toEqual(expected);
	});
});

describe('B4: no seat billed twice', () => {
	const other = (fields: Row) => link({ linkId: 'L-2', billingProfile: 'E3 other', ...fields });
	const profiles = [profile(), profile({ name: 'E3 other', productIdentifier: 'M365-E3-B' })];
	test.each([
		{ name: 'another agreement of the same company', links: [link({ linkId: 'L-1' }), other({ agreementId: 200 })], held: true, names: 'link L-2 (agreement 200, billing profile "E3 other")' },
		{ name: 'another product on the same agreement', links: [link({ linkId: 'L-1' }), other({})], held: true, names: 'link L-2 (agreement 100, billing profile "E3 other")' },
		{ name: 'another company', links: [link({ linkId: 'L-1', companyId: 5 }), other({ agreementId: 300, companyId: 6 })], held: true, names: 'link L-2 (agreement 300, billing profile "E3 other")' },
		{ name: 'a term link and an all-terms link', links: [link({ linkId: 'L-1' }), other({ agreementId: 200, term: 'P1Y' })], held: true, names: 'link L-2 (agreement 200, billing profile "E3 other", term P1Y)' },
		{ name: 'the same term twice', links: [link({ linkId: 'L-1', term: 'P1Y' }), other({ agreementId: 200, term: 'P1Y' })], held: true, names: 'link L-2 (agreement 200, billing profile "E3 other", term P1Y)' },
		{ name: 'different terms', links: [link({ linkId: 'L-1', term: 'P1M' }), other({ agreementId: 200, term: 'P1Y' })], held: false, names: null },
		{ name: 'a bundle sharing one SKU', links: [link({ linkId: 'L-1' }), other({ agreementId: 200, skuIds: [E3, E5] })], held: true, names: 'link L-2 (agreement 200, billing profile "E3 other")' },
		{ name: 'the other link is doNotBill', links: [link({ linkId: 'L-1' }), other({ agreementId: 200, doNotBill: true })], held: false, names: null },
	])('$name', ({ links, held, names }) => {
		const plan = run({ links, profiles, licenses: [license({ subscriptions: [{ id: 's', term: 'P1Y', quantity: 6 }, { id: 't', term: 'P1M', quantity: 4 }] }), e5] });
		const first = plan.find((p) => p.linkId === 'L-1')!;
		if (!held) return expect(first.action).not.toBe('needsApproval');
		expect(first).toMatchObject({ action: 'needsApproval', proposedAction: 'create' });
		expect(first.reasons[0]).toBe(`the same seats are also counted by ${names} for SKU ${E3}: a seat would be billed twice (one link per tenant SKU and term)`);
		// Both sides are held.
		expect(plan.find((p) => p.linkId === 'L-2')?.action).toBe('needsApproval');
	});

	test('already billed twice (both lines exist, nothing changes) → still held, every run', () => {
		const links = [link({ linkId: 'L-1' }), other({ agreementId: 200 })];
		const plan = run({ links, profiles, additions: [addition(), addition({ agreementId: 200, additionId: 2, productIdentifier: 'M365-E3-B' })] });
		expect(plan.map((p) => [p.linkId, p.action, p.action === 'needsApproval' && p.proposedAction])).toEqual([
			['L-1', 'needsApproval', 'unchanged'],
			['L-2', 'needsApproval', 'unchanged'],
		]);
	});

	test('two links on the same agreement line stay a conflict', () => {
		const plan = run({ links: [link({ linkId: 'L-1' }), link({ linkId: 'L-2', skuIds: [E5] })], licenses: [license(), e5] });
		expect(plan.map((p) => p.action)).toEqual(['conflict', 'conflict']);
	});
});

describe('B5: a rejected row never writes', () => {
	test.each([
		{ name: 'non-numeric purchased', row: license({ purchased: 'ten' }), field: 'license.purchased', text: 'purchased must be a number (got "ten")' },
		{ name: 'negative purchased', row: license({ purchased: -2 }), field: 'license.purchased', text: 'purchased must be a whole number of 0 or more (got -2)' },
		{ name: 'non-numeric assigned', row: license({ assigned: 'n/a' }), field: 'license.assigned', text: 'assigned must be a number (got "n/a")' },
		{ name: 'bad subscription quantity', row: license({ subscriptions: [{ term: 'P1Y', quantity: 'x' }] }), field: 'license.subscriptions[0].quantity', text: 'subscriptions[0].quantity must be a number (got "x")' },
		{ name: 'no SKU on the row (could be any SKU of the tenant)', row: license({ skuId: '' }), field: 'license.skuId', text: 'skuId is missing' },
	])('license row: $name → its link is Not Synced naming row and field', ({ row, field, text }) => {
		const item = only({ licenses: [row], additions: [addition()] });
		expect(item).toMatchObject({ action: 'skip', field });
		expect(item.reasons[0]).toMatch(/^license row \(tenant 11111111-1111-1111-1111-111111111111/);
		expect(item.reasons[0]).toContain(`: ${text}: the license row was rejected, so this line is not synced until it is fixed`);
		expect(item.reasons[0]).not.toMatch(/no licenses in Partner Center/);
	});

	test('a rejected license row nobody links is reported on its own', () => {
		const item = only({ licenses: [license({ tenantId: 'someone', purchased: 'x' })], links: [] });
		expect(item).toMatchObject({ action: 'skip', field: 'purchased', row: expect.objectContaining({ tenantId: 'someone' }) });
	});

	test.each([
		{ name: 'negative minimum', fields: { minimumQuantity: -5 }, field: 'minimumQuantity' },
		{ name: 'unknown basis', fields: { quantityBasis: 'bought' }, field: 'quantityBasis' },
		{ name: 'bad date', fields: { billingStartDate: '31/12/2026' }, field: 'billingStartDate' },
		{ name: 'non-numeric included', fields: { includedQuantity: 'two' }, field: 'includedQuantity' },
	])('link row: $name → Not Synced naming the field, and its license is not "unlinked"', ({ fields, field }) => {
		expect(run({ links: [link(fields)] })).toEqual([expect.objectContaining({ action: 'skip', field })]);
	});
});

describe('B6: manual lines always visible', () => {
	const manual = addition({ additionId: 42, serialNumber: '', managed: false, quantity: 5 });
	test.each([
		{ name: 'beside an unchanged managed line', additions: [addition(), manual], purchased: 10, lineAction: 'unchanged' },
		{ name: 'beside an updated managed line', additions: [addition(), manual], purchased: 11, lineAction: 'update' },
	])('$name → reported on Not Synced, untouched', ({ additions, purchased, lineAction }) => {
		const plan = run({ licenses: [license({ purchased })], additions });
		expect(plan.map((p) => p.action).sort()).toEqual([lineAction, 'skip'].sort());
		const report = plan.find((p) => p.action === 'skip')!;
		expect(report).toMatchObject({ field: 'serialNumber', agreementId: 100, productIdentifier: 'M365-E3', row: expect.objectContaining({ additionId: 42 }) });
		expect(report.reasons[0]).toMatch(/^unmarked addition 42 for M365-E3 on agreement 100 \(quantity 5\) is not managed by the sync and is left untouched/);
	});

	test('when the sync would create the line, the create is held naming it (one report, not two)', () => {
		const plan = run({ additions: [manual] });
		expect(plan.map((p) => p.action)).toEqual(['needsApproval']);
		expect(plan[0].reasons[0]).toMatch(/unmarked addition\(s\) for M365-E3 \(42\)/);
	});

	test('a cancelled manual line is not reported', () => {
		expect(run({ additions: [addition(), { ...manual, cancelledDate: '2026-01-31' }] }).map((p) => p.action)).toEqual(['unchanged']);
	});
});

describe('B9: quantity basis "assigned" with more assigned than purchased', () => {
	test.each([
		{ name: 'change → held', current: 10, action: 'needsApproval' },
		{ name: 'no change → warning only', current: 12, action: 'unchanged' },
	])('$name', ({ current, action }) => {
		const item = only({ links: [link({ quantityBasis: 'assigned' })], licenses: [license({ purchased: 10, assigned: 12 })], additions: [addition({ quantity: current })] });
		expect(item.action).toBe(action);
		expect(item.reasons.join('\n')).toContain('more licenses assigned than purchased (SPE_E3: 12 assigned, 10 purchased)');
	});

	test('purchased basis is not affected', () => {
		expect(quiet(only({ licenses: [license({ purchased: 10, assigned: 12 })], additions: [addition()] }))).toMatchObject({ action: 'unchanged', reasons: [] });
	});
});

describe('SKU ids as people type them', () => {
	test.each([
		{ name: 'GUID in capitals', skuIds: E3.toUpperCase(), action: 'create' },
		{ name: 'part number', skuIds: 'SPE_E3', action: 'create' },
		{ name: 'part number, lower case', skuIds: 'spe_e3', action: 'create' },
		{ name: 'product name', skuIds: 'Microsoft 365 E3', action: 'create' },
		{ name: 'product name, any case', skuIds: 'microsoft 365 e3 ', action: 'create' },
		{ name: 'catalogue part number the tenant lacks → the SKU, at zero', skuIds: 'SPE_E5', action: 'needsApproval' },
	])('$name', ({ skuIds, action }) => {
		const item = only({ links: [link({ skuIds })], options: { reportUnlinked: false } });
		expect(item.action).toBe(action);
		if (action === 'create') expect(item).toMatchObject({ skuIds: [E3], quantity: 10 });
		else expect(item).toMatchObject({ skuIds: [E5], quantity: 0 });
	});

	test.each([
		{ name: 'unknown part number', skuIds: 'SPE_E9', reason: 'skuIds: "spe_e9" is not a known SKU id, part number or product name' },
		{ name: 'one unknown among known', skuIds: ['SPE_E3', 'Nope'], reason: 'skuIds: "nope" is not a known SKU id, part number or product name' },
	])('$name → Not Synced naming it, never a quantity-0 line', ({ skuIds, reason }) => {
		const plan = run({ links: [link({ skuIds })] });
		const skip = plan.find((p) => p.action === 'skip')!;
		expect(skip).toMatchObject({ field: 'skuIds' });
		expect(skip.reasons[0].endsWith(reason)).toBe(true);
		expect(plan.filter((p) => p.action === 'create' || p.action === 'needsApproval')).toEqual([]);
	});

	test('a new SKU the catalogue lacks is found by the part number on the tenant row', () => {
		const fresh = license({ skuId: 'bbbbbbbb-0000-0000-0000-000000000002', skuPartNumber: 'BRAND_NEW', productName: 'Brand New Plan' });
		expect(only({ licenses: [fresh], links: [link({ skuIds: 'brand_new' })] })).toMatchObject({ action: 'create', skuIds: ['bbbbbbbb-0000-0000-0000-000000000002'] });
	});

	test('part number and GUID of the same SKU on one link are one SKU', () => {
		expect(only({ links: [link({ skuIds: ['SPE_E3', E3] })] })).toMatchObject({ action: 'create', skuIds: [E3], quantity: 10 });
	});
});

describe('B10: term-split lines say their term', () => {
	const subs = { subscriptions: [{ id: 'm', term: 'P1M', quantity: 4 }, { id: 'a', term: 'P1Y', quantity: 6 }, { id: 't', term: 'P3Y', quantity: 1 }] };
	test.each([
		{ term: 'P1M', text: 'Microsoft 365 E3 (monthly)' },
		{ term: 'P1Y', text: 'Microsoft 365 E3 (annual)' },
		{ term: 'P3Y', text: 'Microsoft 365 E3 (3-year)' },
	])('$term → "$text"', ({ term, text }) => {
		expect(only({ links: [link({ term })], licenses: [license(subs)], options: { reportUnlinked: false } })).toMatchObject({ action: 'create', invoiceDescription: text });
	});

	test.each([
		{ name: 'link template wins', linkFields: { term: 'P1Y', descriptionTemplate: '{productName} {term}' }, options: {}, text: 'Microsoft 365 E3 P1Y' },
		{ name: 'node template wins', linkFields: { term: 'P1Y' }, options: { descriptionTemplate: 'E3 {termName} seats' }, text: 'E3 annual seats' },
		{ name: 'no term → product name only', linkFields: {}, options: {}, text: 'Microsoft 365 E3' },
	])('$name', ({ linkFields, options, text }) => {
		expect(only({ links: [link(linkFields)], licenses: [license(subs)], options: { ...options, reportUnlinked: false } })).toMatchObject({ invoiceDescription: text });
	});
});

test('fixture tenant is the one the links use', () => expect(link().tenantId).toBe(TENANT));
