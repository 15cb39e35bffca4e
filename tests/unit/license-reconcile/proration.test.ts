import { PRORATE_MARKER, type PlanItem, type Row } from '../../../nodes/LicenseReconcile/core';
import { prorateChangeId, prorateSerial } from '../../../nodes/LicenseReconcile/core/prorateMarker';
import { isManagedSerial, isProrateSerial } from '../../../nodes/shared/managedMarker';
import { TODAY, addition, applyPlan, license, link, only, profile, run } from './fixtures';

const facts = { agreementProrate: true, billingCycle: 'Monthly', agreementStatus: 'Active', agreementStartDate: '2026-01-01' };
const prorating = (fields: Row = {}) => link({ prorate: 'increasesAndDecreases', ...facts, ...fields });
const prorateOf = (item: PlanItem) => (item.action === 'update' ? item.prorate : null);

describe('B1: proration is on the billed change (after included seats and the minimum)', () => {
	test.each([
		{ name: '3 → 7 seats, 5 included: 2 billed seats', linkFields: { includedQuantity: 5 }, current: { quantity: 3, lessIncluded: 5 }, purchased: 7, prorate: 2, billed: [0, 2] },
		{ name: '3 → 4 seats, 5 included: nothing billed changes', linkFields: { includedQuantity: 5 }, current: { quantity: 3, lessIncluded: 5 }, purchased: 4, prorate: null, billed: null },
		{ name: 'minimum 10: 3 → 7 seats bills 10 both times', linkFields: { minimumQuantity: 10 }, current: { quantity: 10, lessIncluded: 0 }, purchased: 7, prorate: null, billed: null },
		{ name: 'minimum 10: 8 → 12 seats bills 2 more', linkFields: { minimumQuantity: 10 }, current: { quantity: 10, lessIncluded: 0 }, purchased: 12, prorate: 2, billed: [10, 12] },
		{ name: 'decrease 12 → 8 with 5 included: 4 fewer billed', linkFields: { includedQuantity: 5 }, current: { quantity: 12, lessIncluded: 5 }, purchased: 8, prorate: -4, billed: [7, 3] },
		{ name: 'included seats raised 0 → 2 on 10 seats: 2 fewer billed', linkFields: { includedQuantity: 2 }, current: { quantity: 10, lessIncluded: 0 }, purchased: 10, prorate: -2, billed: [10, 8] },
	])('$name', ({ linkFields, current, purchased, prorate, billed }) => {
		const item = only({ links: [prorating(linkFields)], licenses: [license({ purchased })], additions: [addition(current)], options: { maxDecreasePercent: 100 } });
		expect(item.action).toBe(current.quantity === Math.max(purchased, linkFields.minimumQuantity ?? 0) && current.lessIncluded === (linkFields.includedQuantity ?? 0) ? 'unchanged' : 'update');
		if (prorate === null) expect(prorateOf(item)).toBeNull();
		else expect(prorateOf(item)).toMatchObject({ quantity: prorate, billedBefore: billed![0], billedAfter: billed![1] });
	});
});

describe('B2 / C3: every change is prorated once', () => {
	const book = (purchased: number, additions: Row[]) => ({ links: [prorating()], licenses: [license({ purchased })], profiles: [profile()], additions });

	test('two increases on one day (10 → 12, then 12 → 14) are two prorate lines; a rerun adds none', () => {
		let additions: Row[] = [addition()];
		const first = run(book(12, additions));
		additions = applyPlan(additions, first);
		const second = run(book(14, additions));
		additions = applyPlan(additions, second);
		const third = run(book(14, additions));

		const serials = additions.filter((a) => isProrateSerial(a.serialNumber)).map((a) => [a.quantity, a.serialNumber]);
		expect(serials).toEqual([
			[2, prorateSerial(prorateChangeId(first[0].lineKey, 10, 12, TODAY))],
			[2, prorateSerial(prorateChangeId(first[0].lineKey, 12, 14, TODAY))],
		]);
		expect(third.map((p) => p.action)).toEqual(['unchanged']);
	});

	test('a crash between the prorate line and the update: the next run updates only', () => {
		const planned = run(book(12, [addition()]))[0];
		const prorate = prorateOf(planned)!;
		const crashed = [addition(), addition({ additionId: 50, serialNumber: prorate.serialNumber, managed: false, quantity: 2, effectiveDate: TODAY, cancelledDate: prorate.to })];
		const again = only(book(12, crashed));
		expect(again).toMatchObject({ action: 'update', quantity: 12, prorate: null, key: planned.key });
	});

	test('the same change on another day is another change', () => {
		const a = prorateOf(run({ ...book(12, [addition()]) })[0])!;
		const b = prorateOf(run({ ...book(12, [addition()]), options: { referenceDate: '2026-03-11' } })[0])!;
		expect(a.serialNumber).not.toBe(b.serialNumber);
	});

	test('the serial fits ConnectWise (50 characters) and has the C3 form', () => {
		const serial = prorateOf(run(book(12, [addition()]))[0])!.serialNumber;
		expect(serial).toMatch(/^m365-license-sync-prorate#[0-9a-f]{8}$/);
		expect(serial.length).toBeLessThanOrEqual(50);
	});
});

describe('markers compared trimmed and without case', () => {
	test.each([
		{ serial: 'm365-license-sync', managed: true, prorate: false },
		{ serial: ' M365-License-Sync ', managed: true, prorate: false },
		{ serial: PRORATE_MARKER, managed: false, prorate: true },
		{ serial: 'M365-LICENSE-SYNC-PRORATE#0A1B2C3D', managed: false, prorate: true },
		{ serial: 'm365-license-sync-old', managed: false, prorate: false },
		{ serial: '', managed: false, prorate: false },
	])('"$serial" → managed $managed, prorate $prorate', ({ serial, managed, prorate }) => {
		expect([isManagedSerial(serial), isProrateSerial(serial)]).toEqual([managed, prorate]);
	});

	test('a retyped managed marker is still the product line', () => {
		expect(only({ additions: [addition({ serialNumber: ' M365-LICENSE-SYNC', managed: undefined })] }).action).toBe('unchanged');
	});

	test('old bare prorate lines and new ones are never the product line', () => {
		const old = addition({ additionId: 5, serialNumber: PRORATE_MARKER, managed: true, quantity: 2 });
		const recent = addition({ additionId: 6, serialNumber: `${PRORATE_MARKER}#deadbeef`, managed: true, quantity: 2 });
		expect(only({ additions: [old, recent], options: { reportUnlinked: false } })).toMatchObject({ action: 'create', quantity: 10 });
	});
});
