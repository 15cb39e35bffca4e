import { MANAGED_MARKER } from '../../../nodes/LicenseReconcile/core';
import { TODAY, addition, license, link, only, run } from './fixtures';

/** What the ConnectWise node's Get Many emits for an agreement with no additions. */
function agreementItem(overrides: Record<string, unknown> = {}) {
	return { kind: 'agreement', agreementId: 100, additionId: null, agreementStatus: 'Active', agreementProrate: true, agreementStartDate: '2026-04-01', billingCycle: 'Monthly', agreementType: 'Managed Services', ...overrides };
}

const prorating = { prorate: 'increases' };

describe('agreement facts from the Current Additions input', () => {
	test('an agreement with no additions: the new line starts on the agreement start and is prorated', () => {
		expect(only({ links: [link(prorating)], additions: [agreementItem()] })).toMatchObject({
			action: 'create',
			additionId: null,
			effectiveDate: '2026-04-01',
			prorateCurrentPeriod: true,
			reasons: ['no managed addition for M365-E3: create with quantity 10'],
		});
	});

	test.each([
		{ name: 'an agreement that started earlier', facts: { agreementStartDate: '2025-01-01' }, effectiveDate: TODAY, prorateCurrentPeriod: true },
		{ name: 'an agreement that does not prorate', facts: { agreementProrate: false }, effectiveDate: '2026-04-01', prorateCurrentPeriod: false },
		{ name: 'facts given as table text', facts: { agreementProrate: 'TRUE', agreementStartDate: '2026-04-01T00:00:00Z' }, effectiveDate: '2026-04-01', prorateCurrentPeriod: true },
	])('$name', ({ facts, effectiveDate, prorateCurrentPeriod }) => {
		expect(only({ links: [link(prorating)], additions: [agreementItem(facts)] })).toMatchObject({ action: 'create', effectiveDate, prorateCurrentPeriod });
	});

	test.each(['Cancelled', 'Expired', 'Inactive'])('a %s agreement with no additions → needs approval, nothing created', (status) => {
		expect(only({ links: [link(prorating)], additions: [agreementItem({ agreementStatus: status })] })).toMatchObject({
			action: 'needsApproval',
			proposedAction: 'create',
			reasons: [`agreement is ${status}, not Active`, 'no managed addition for M365-E3: create with quantity 10'],
		});
	});

	test('an agreement item is not an addition: no conflict, no unmarked line, no orphan', () => {
		const item = only({ links: [link()], additions: [agreementItem({ productIdentifier: 'M365-E3', managed: true, serialNumber: MANAGED_MARKER })] });
		expect(item).toMatchObject({ action: 'create', additionId: null, currentQuantity: null });
	});

	test("another product's addition on the agreement gives its facts to a new line", () => {
		const e5 = addition({ additionId: 4, productIdentifier: 'M365-E5', managed: false, serialNumber: null, agreementProrate: true, agreementStartDate: '2026-03-20', agreementStatus: 'Active' });
		expect(only({ links: [link(prorating)], additions: [e5] })).toMatchObject({ action: 'create', effectiveDate: '2026-03-20', prorateCurrentPeriod: true });
	});

	test('billing cycle and start date on the additions set the prorate period of an update', () => {
		const current = addition({ agreementProrate: true, billingCycle: 'Yearly', agreementStartDate: '2024-09-01' });
		expect(only({ links: [link(prorating)], licenses: [license({ purchased: 12 })], additions: [current] })).toMatchObject({
			action: 'update',
			prorate: { quantity: 2, from: TODAY, to: '2026-08-31' },
		});
	});

	test("the link's own facts win over the PSA's", () => {
		const item = only({
			links: [link({ ...prorating, agreementStartDate: '2026-05-01', agreementProrate: false, agreementStatus: 'Active' })],
			additions: [agreementItem({ agreementStatus: 'Cancelled' })],
		});
		expect(item).toMatchObject({ action: 'create', effectiveDate: '2026-05-01', prorateCurrentPeriod: false });
	});

	test('facts that disagree give the same plan in any input order (agreement item first, then additions by id)', () => {
		const other = (additionId: number, agreementStartDate: string) => addition({ additionId, productIdentifier: 'OTHER', managed: false, serialNumber: null, agreementStartDate });
		const rows = [other(7, '2026-06-01'), agreementItem({ agreementStartDate: '2026-04-15' }), other(3, '2026-05-01')];
		const plans = [rows, [...rows].reverse(), [rows[2], rows[0], rows[1]]].map((additions) => run({ links: [link()], additions, options: { reportUnlinked: false } }));
		expect(plans[0]).toHaveLength(1);
		expect(plans[0][0]).toMatchObject({ action: 'create', effectiveDate: '2026-04-15' });
		expect(plans[1]).toEqual(plans[0]);
		expect(plans[2]).toEqual(plans[0]);
	});

	test('a bad agreement item goes to Not Synced naming the field; the link still plans', () => {
		const plan = run({ links: [link()], additions: [agreementItem({ agreementId: null }), agreementItem({ agreementId: 100, agreementProrate: 'maybe' })], options: { reportUnlinked: false } });
		expect(plan.filter((p) => p.action === 'skip').map((p) => [p.action === 'skip' && p.field, p.reasons[0]])).toEqual(
			expect.arrayContaining([
				['agreementId', 'agreement row: agreementId is missing'],
				['agreementProrate', 'agreement row (agreement 100): agreementProrate must be true or false (got "maybe")'],
			]),
		);
		expect(plan.find((p) => p.action === 'create')).toMatchObject({ effectiveDate: TODAY, prorateCurrentPeriod: false });
	});
});
