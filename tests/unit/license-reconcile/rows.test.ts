import { reconcile } from '../../../nodes/LicenseReconcile/core';
import { TODAY, addition, license, link, only, profile, run } from './fixtures';

describe('bad rows go to Not Synced naming the field; nothing throws', () => {
	test.each([
		{ name: 'no agreement', row: link({ agreementId: undefined }), field: 'agreementId', reason: 'agreementId is missing' },
		{ name: 'agreement not a number', row: link({ agreementId: 'abc' }), field: 'agreementId', reason: 'agreementId must be a number (got "abc")' },
		{ name: 'agreement zero', row: link({ agreementId: 0 }), field: 'agreementId', reason: 'agreementId must be a positive whole number (got 0)' },
		{ name: 'no tenant', row: link({ tenantId: ' ' }), field: 'tenantId', reason: 'tenantId is missing' },
		{ name: 'no SKUs', row: link({ skuIds: [] }), field: 'skuIds', reason: 'skuIds is missing (the SKUs that feed this line)' },
		{ name: 'minimum below zero', row: link({ minimumQuantity: -1 }), field: 'minimumQuantity', reason: 'minimumQuantity must be a whole number of 0 or more (got -1)' },
		{ name: 'included not whole', row: link({ includedQuantity: 1.5 }), field: 'includedQuantity', reason: 'includedQuantity must be a whole number of 0 or more (got 1.5)' },
		{ name: 'unknown term', row: link({ term: 'P2Y' }), field: 'term', reason: 'term must be one of P1M, P1Y, P3Y (got "P2Y")' },
		{ name: 'unknown prorate', row: link({ prorate: 'always' }), field: 'prorate', reason: 'prorate must be one of off, increases, increasesAndDecreases (got "always")' },
		{ name: 'bad date', row: link({ billingStartDate: '2026-02-30' }), field: 'billingStartDate', reason: 'billingStartDate must be a date YYYY-MM-DD (got "2026-02-30")' },
		{ name: 'bad boolean', row: link({ doNotBill: 'maybe' }), field: 'doNotBill', reason: 'doNotBill must be true or false (got "maybe")' },
		{ name: 'no profile', row: link({ billingProfile: null }), field: 'billingProfile', reason: 'billingProfile is missing' },
		{ name: 'unknown profile', row: link({ billingProfile: 'Nope' }), field: 'billingProfile', reason: 'billingProfile "Nope" is not a known billing profile' },
	])('link: $name', ({ row, field, reason }) => {
		const item = only({ links: [row], options: { reportUnlinked: false } });
		expect(item).toMatchObject({ action: 'skip', field });
		if (field === 'billingProfile' && reason.startsWith('billingProfile "')) expect(item.reasons).toEqual([reason]);
		else {
			// The reason names the row by what it says (never its position) and the field.
			expect(item.reasons).toHaveLength(1);
			expect(item.reasons[0]).toMatch(/^link row \(/);
			expect(item.reasons[0].endsWith(`): ${reason}`)).toBe(true);
			expect(item).toMatchObject({ row: Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) });
		}
	});

	test('a link row is named by its linkId when it has one', () => {
		expect(only({ links: [link({ linkId: 'L-7', tenantId: '' })], options: { reportUnlinked: false } })).toMatchObject({ action: 'skip', field: 'tenantId', reasons: ['link row L-7: tenantId is missing'] });
	});

	test.each([
		{ name: 'profile without product', profiles: [profile({ productIdentifier: '' })], field: 'billingProfile.productIdentifier', reason: 'billing profile "M365 E3": productIdentifier is missing' },
		{ name: 'custom price without price', profiles: [profile({ priceMode: 'custom' })], field: 'billingProfile.unitPrice', reason: 'billing profile "M365 E3": unitPrice is missing (priceMode is custom)' },
		{ name: 'profile defined twice', profiles: [profile(), profile({ name: 'm365 e3', productIdentifier: 'X' })], field: 'billingProfile', reason: 'billing profile "m365 e3" is defined more than once' },
	])('profile: $name → its links are not synced', ({ profiles, field, reason }) => {
		expect(only({ profiles, options: { reportUnlinked: false } })).toMatchObject({ action: 'skip', field, reasons: [reason] });
	});

	test("a bad license row of another tenant and a bad addition row are reported, the rest still reconciles", () => {
		const plan = run({
			licenses: [license(), license({ tenantId: 'other-tenant', skuId: undefined })],
			additions: [addition(), addition({ additionId: 'x' })],
		});
		expect(plan.map((p) => [p.action, p.action === 'skip' ? p.field : null])).toEqual(
			expect.arrayContaining([['unchanged', null], ['skip', 'skuId'], ['skip', 'additionId']]),
		);
		expect(plan).toHaveLength(3);
	});

	test('rows of junk never throw', () => {
		const junk = [{}, { tenantId: {} }, { skuIds: 5 }, { agreementId: [] }, { subscriptions: 'x', users: 3 }];
		expect(() => reconcile(junk, junk, junk, junk, { referenceDate: TODAY })).not.toThrow();
		expect(reconcile(junk, junk, junk, junk, { referenceDate: TODAY }).every((p) => p.action === 'skip')).toBe(true);
	});
});

describe('reference date and time zone', () => {
	test.each([
		{ referenceDate: '2026-03-09T23:30:00Z', timeZone: 'UTC', day: '2026-03-09' },
		{ referenceDate: '2026-03-09T23:30:00Z', timeZone: 'Europe/Berlin', day: '2026-03-10' },
		{ referenceDate: new Date('2026-03-10T03:00:00Z'), timeZone: 'America/New_York', day: '2026-03-09' },
		{ referenceDate: '2026-03-10', timeZone: 'Pacific/Auckland', day: '2026-03-10' },
	])('$referenceDate in $timeZone → $day', ({ referenceDate, timeZone, day }) => {
		expect(only({ options: { referenceDate, timeZone } })).toMatchObject({ referenceDate: day, effectiveDate: day });
	});
});
