import { billingPeriodEnd } from '../../../nodes/LicenseReconcile/core';
import { prorateChangeId } from '../../../nodes/LicenseReconcile/core/prorateMarker';
import { parseLink } from '../../../nodes/LicenseReconcile/core/link';
import { TODAY, addition, license, link, only } from './fixtures';

const prorating = { prorate: 'increases', agreementProrate: true, billingCycle: 'Monthly' };

function periodLink(fields: Record<string, unknown>) {
	const parsed = parseLink(link(fields));
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed.value;
}

describe('prorate line on a change (rule 4)', () => {
	test('an increase with prorate on and the agreement prorating → prorate line to the period end', () => {
		const item = only({ links: [link(prorating)], licenses: [license({ purchased: 13 })], additions: [addition()] });
		expect(item).toMatchObject({
			action: 'update',
			delta: 3,
			prorate: {
				quantity: 3,
				from: TODAY,
				to: '2026-03-31',
				invoiceDescription: 'Microsoft 365 E3: +3 prorated 2026-03-10 to 2026-03-31',
				// C3: the marker names the change (line, billed before → after, day).
				serialNumber: `m365-license-sync-prorate#${prorateChangeId(item.lineKey, 10, 13, TODAY)}`,
				changeId: prorateChangeId(item.lineKey, 10, 13, TODAY),
				billedBefore: 10,
				billedAfter: 13,
			},
		});
	});

	test.each([
		{ name: 'prorate off', fields: { ...prorating, prorate: 'off' }, purchased: 13, reason: null },
		{ name: 'decrease when only increases prorate', fields: prorating, purchased: 9, reason: null },
		{ name: 'agreement does not prorate', fields: { ...prorating, agreementProrate: false }, purchased: 13, reason: 'no prorate line: the agreement does not prorate' },
		{ name: 'agreement prorate unknown', fields: { ...prorating, agreementProrate: '' }, purchased: 13, reason: 'no prorate line: agreementProrate unknown' },
		{ name: 'no quantity change', fields: prorating, purchased: 10, reason: null },
	])('no prorate line: $name', ({ fields, purchased, reason }) => {
		const item = only({ links: [link({ ...fields, showUnassigned: purchased === 10 })], licenses: [license({ purchased })], additions: [addition()] });
		expect(item).toMatchObject({ action: 'update', prorate: null });
		if (reason) expect(item.reasons).toContain(reason);
	});

	test('a decrease when the link allows negative prorate → negative prorate line', () => {
		const item = only({ links: [link({ ...prorating, prorate: 'increases and decreases' })], licenses: [license({ purchased: 9 })], additions: [addition()] });
		expect(item).toMatchObject({ action: 'update', delta: -1, prorate: { quantity: -1, from: TODAY, to: '2026-03-31', invoiceDescription: 'Microsoft 365 E3: -1 prorated 2026-03-10 to 2026-03-31' } });
	});

	test('the agreement prorate flag may come on the additions instead of the link', () => {
		const item = only({ links: [link({ prorate: 'increases', billingCycle: 'Monthly' })], licenses: [license({ purchased: 11 })], additions: [addition({ agreementProrate: true })] });
		expect(item).toMatchObject({ action: 'update', prorate: { quantity: 1 } });
	});

	test('this change already prorated (re-run after a crash between prorate line and update) → update only', () => {
		const planned = only({ links: [link(prorating)], licenses: [license({ purchased: 13 })], additions: [addition()] });
		const serial = planned.action === 'update' ? planned.prorate!.serialNumber : '';
		// Retyped in the PSA with other case and spaces: still the same marker.
		const written = addition({ additionId: 9, serialNumber: ` ${serial.toUpperCase()} `, managed: false, quantity: 3, effectiveDate: TODAY, cancelledDate: '2026-03-31' });
		const item = only({ links: [link(prorating)], licenses: [license({ purchased: 13 })], additions: [addition(), written] });
		expect(item).toMatchObject({ action: 'update', quantity: 13, prorate: null });
		expect(item.reasons).toContain(`prorate line ${serial} for this change already written (addition 9)`);
	});

	test('a new line asks the PSA to prorate its first period', () => {
		expect(only({ links: [link(prorating)] })).toMatchObject({ action: 'create', prorateCurrentPeriod: true, prorate: null });
	});

	test.each([
		{ name: 'monthly, calendar months', fields: { billingCycle: 'Monthly' }, today: '2026-03-10', end: '2026-03-31' },
		{ name: 'monthly from the agreement start day', fields: { billingCycle: 'Monthly', agreementStartDate: '2025-06-15' }, today: '2026-03-10', end: '2026-03-14' },
		{ name: 'monthly on the start day itself', fields: { billingCycle: 'Monthly', agreementStartDate: '2025-06-15' }, today: '2026-03-15', end: '2026-04-14' },
		{ name: 'start on the 31st clamps in short months', fields: { billingCycle: 'Monthly', agreementStartDate: '2026-01-31' }, today: '2026-02-10', end: '2026-02-27' },
		{ name: 'quarterly calendar', fields: { billingCycle: 'Quarterly' }, today: '2026-05-20', end: '2026-06-30' },
		{ name: 'annual from the start', fields: { billingCycle: 'Annual', agreementStartDate: '2024-09-01' }, today: '2026-03-10', end: '2026-08-31' },
		{ name: 'given period end wins', fields: { billingCycle: 'Monthly', billingPeriodEnd: '2026-03-20' }, today: '2026-03-10', end: '2026-03-20' },
		{ name: 'past period end is ignored', fields: { billingCycle: 'Monthly', billingPeriodEnd: '2026-02-28' }, today: '2026-03-10', end: '2026-03-31' },
		{ name: 'no cycle → monthly', fields: {}, today: '2026-12-31', end: '2026-12-31' },
		{ name: 'unknown cycle → none', fields: { billingCycle: 'Fortnightly' }, today: '2026-03-10', end: null },
	])('billing period end: $name', ({ fields, today, end }) => {
		expect(billingPeriodEnd(periodLink(fields), today).end).toBe(end);
	});
});

describe('a prorate line whose update never landed (C3 with the line state)', () => {
	const stamped = (fields: Record<string, unknown> = {}) => addition({ lastUpdated: '2026-03-01T08:00:00Z', ...fields });
	const plan = (purchased: number, today: string, extra: Array<Record<string, unknown>> = []) =>
		only({ links: [link(prorating)], licenses: [license({ purchased })], additions: [stamped(), ...extra], options: { referenceDate: today } });

	test('found again on a later day: the update goes ahead, no second prorate line', () => {
		const first = plan(13, '2026-03-10');
		const serial = first.action === 'update' ? first.prorate!.serialNumber : '';
		const written = addition({ additionId: 9, serialNumber: serial, quantity: 3, effectiveDate: '2026-03-10', cancelledDate: '2026-03-31' });
		expect(plan(13, '2026-03-11', [written])).toMatchObject({ action: 'update', quantity: 13, prorate: null });
	});

	test('the count moved again before the update landed: the new line bills only the rest', () => {
		const first = plan(13, '2026-03-10');
		const serial = first.action === 'update' ? first.prorate!.serialNumber : '';
		const written = addition({ additionId: 9, serialNumber: serial, quantity: 3, effectiveDate: '2026-03-10', cancelledDate: '2026-03-31' });
		const next = plan(15, '2026-03-11', [written]);
		expect(next).toMatchObject({ action: 'update', quantity: 15, prorate: { quantity: 2, billedBefore: 13, billedAfter: 15, from: '2026-03-11' } });
		// And that second prorate line, once written, is found too: a third run adds none.
		const second = addition({ additionId: 10, serialNumber: next.action === 'update' ? next.prorate!.serialNumber : '', quantity: 2, effectiveDate: '2026-03-11', cancelledDate: '2026-03-31' });
		expect(plan(15, '2026-03-12', [written, second])).toMatchObject({ action: 'update', quantity: 15, prorate: null });
	});

	test('after the update landed, the same change size again is a new change (new line state)', () => {
		const first = plan(13, '2026-03-10');
		const serial = first.action === 'update' ? first.prorate!.serialNumber : '';
		const written = addition({ additionId: 9, serialNumber: serial, quantity: 3, effectiveDate: '2026-03-10', cancelledDate: '2026-03-31' });
		// 10 → 13 landed, then went back to 10 (a new stamp), and now 10 → 13 again.
		const again = only({ links: [link(prorating)], licenses: [license({ purchased: 13 })], additions: [addition({ lastUpdated: '2026-03-12T09:00:00Z' }), written], options: { referenceDate: '2026-03-12' } });
		expect(again).toMatchObject({ action: 'update', prorate: { quantity: 3 } });
		expect(again.action === 'update' && again.prorate!.serialNumber).not.toBe(serial);
	});
});
