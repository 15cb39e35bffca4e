import { MANAGED_MARKER, PRORATE_MARKER } from '../../../nodes/LicenseReconcile/core';
import { E3, TODAY, actions, addition, license, link, only, profile, quiet, run } from './fixtures';

describe('create, update, unchanged (rule 4)', () => {
	test('no managed addition → create with everything Apply needs', () => {
		expect(quiet(only())).toEqual({
			action: 'create',
			key: expect.stringMatching(/^100\/m365-e3\/.+@2026-03-10#[0-9a-f]{8}$/),
			lineKey: `100/m365-e3/11111111-1111-1111-1111-111111111111/${E3}/all`,
			linkId: null,
			tenantId: '11111111-1111-1111-1111-111111111111',
			skuIds: [E3],
			term: null,
			agreementId: 100,
			billingProfile: 'M365 E3',
			productIdentifier: 'M365-E3',
			referenceDate: TODAY,
			timeZone: 'UTC',
			reasons: ['no managed addition for M365-E3: create with quantity 10'],
			additionId: null,
			current: null,
			currentQuantity: null,
			sourceQuantity: 10,
			quantity: 10,
			lessIncluded: 0,
			delta: 10,
			invoiceDescription: 'Microsoft 365 E3',
			effectiveDate: TODAY,
			billCustomer: 'Billable',
			unitPrice: null,
			managedMarker: MANAGED_MARKER,
			prorateCurrentPeriod: false,
			prorate: null,
		});
	});

	test('a quantity change → update with before values', () => {
		const item = quiet(only({ licenses: [license({ purchased: 12 })], additions: [addition()] }));
		expect(item).toMatchObject({
			action: 'update',
			additionId: 1,
			currentQuantity: 10,
			quantity: 12,
			delta: 2,
			effectiveDate: '2026-01-01',
			current: { quantity: 10, lessIncluded: 0, invoiceDescription: 'Microsoft 365 E3', effectiveDate: '2026-01-01' },
			reasons: ['quantity 10 → 12'],
		});
	});

	test.each([
		{ name: 'no start dates → today', linkFields: {}, effectiveDate: TODAY },
		{ name: 'billing start in the past → today', linkFields: { billingStartDate: '2026-02-01' }, effectiveDate: TODAY },
		{ name: 'billing start today → today', linkFields: { billingStartDate: TODAY }, effectiveDate: TODAY },
		{ name: 'agreement starts later → agreement start', linkFields: { agreementStartDate: '2026-04-01' }, effectiveDate: '2026-04-01' },
		{ name: 'billing start as a date-time', linkFields: { billingStartDate: '2026-03-01T00:00:00.000Z', agreementStartDate: '2026-03-20' }, effectiveDate: '2026-03-20' },
	])('create effective date = max(today, billing start, agreement start): $name', ({ linkFields, effectiveDate }) => {
		expect(only({ links: [link(linkFields)] })).toMatchObject({ action: 'create', effectiveDate });
	});

	test.each([
		{ name: 'billing starts later → skip with the date', linkFields: { billingStartDate: '2026-03-11' }, field: 'billingStartDate', reason: 'billing starts on 2026-03-11' },
		{ name: 'doNotBill → skip', linkFields: { doNotBill: true }, field: 'doNotBill', reason: 'doNotBill is set on the link' },
		{ name: 'doNotBill as table text', linkFields: { doNotBill: 'TRUE' }, field: 'doNotBill', reason: 'doNotBill is set on the link' },
	])('rule 6: $name', ({ linkFields, field, reason }) => {
		expect(only({ links: [link(linkFields)], additions: [addition({ quantity: 3 })] })).toMatchObject({ action: 'skip', field, reasons: [reason] });
	});

	test('two managed additions for the product → conflict, never a pick', () => {
		const item = only({ additions: [addition({ additionId: 7 }), addition({ additionId: 3, quantity: 9 })] });
		expect(item).toMatchObject({ action: 'conflict', additionIds: [3, 7] });
		expect(item.reasons[0]).toMatch(/^2 managed additions for M365-E3 on agreement 100/);
	});

	test('a managed addition marked only by its serial number counts as managed', () => {
		expect(only({ additions: [addition({ managed: undefined })] }).action).toBe('unchanged');
	});

	test.each([
		{ name: 'cancelled before today', cancelledDate: '2026-03-01T00:00:00Z', action: 'create' },
		{ name: 'cancelled today', cancelledDate: TODAY, action: 'create' },
		{ name: 'cancelled later (still billing)', cancelledDate: '2026-04-30', action: 'unchanged' },
	])('a managed addition $name', ({ cancelledDate, action }) => {
		expect(only({ additions: [addition({ cancelledDate })] }).action).toBe(action);
	});

	test('additions of other products or agreements are not this line', () => {
		const item = only({ additions: [addition({ productIdentifier: 'M365-E5' }), addition({ additionId: 2, agreementId: 200 })] });
		expect(item.action).toBe('needsApproval');
		expect(item.reasons[0]).toMatch(/managed addition 1 for M365-E5 that no link writes/);
	});

	test('product identifiers compare without case', () => {
		expect(only({ additions: [addition({ productIdentifier: 'm365-e3' })] }).action).toBe('unchanged');
	});

	test('an unmarked (manual) addition for the product → needs approval, not a second line', () => {
		const item = only({ additions: [addition({ additionId: 42, serialNumber: '', managed: false })] });
		expect(item).toMatchObject({ action: 'needsApproval', proposedAction: 'create' });
		expect(item.reasons[0]).toMatch(/unmarked addition\(s\) for M365-E3 \(42\)/);
	});

	test('a held create carries the manual lines a person decides between (adopt, replace, add a second line)', () => {
		const item = only({
			additions: [
				addition({ additionId: 43, serialNumber: 'typed', managed: false, quantity: 2, invoiceDescription: 'second by hand', cancelledDate: null }),
				addition({ additionId: 42, serialNumber: null, managed: false, quantity: 3, lessIncluded: 1, unitPrice: 28, invoiceDescription: 'E3 by hand' }),
				addition({ additionId: 44, serialNumber: null, managed: false, quantity: 9, cancelledDate: '2026-03-01' }),
				addition({ additionId: 45, serialNumber: null, managed: false, productIdentifier: 'M365-E5' }),
			],
		});
		expect(item).toMatchObject({ action: 'needsApproval', proposedAction: 'create', quantity: 10 });
		expect(item.action === 'needsApproval' && item.manualLines).toEqual([
			{ additionId: 42, quantity: 3, lessIncluded: 1, unitPrice: 28, billCustomer: 'Billable', invoiceDescription: 'E3 by hand', effectiveDate: '2026-01-01', serialNumber: null },
			{ additionId: 43, quantity: 2, lessIncluded: 0, unitPrice: null, billCustomer: 'Billable', invoiceDescription: 'second by hand', effectiveDate: '2026-01-01', serialNumber: 'typed' },
		]);
		expect(item.reasons[0]).toBe(
			'agreement already has 2 unmarked addition(s) for M365-E3 (42, 43) with 3 + 2 seat(s): adopt one (the sync takes it over), replace them (cancelled, a managed line created) or add a second line (billed beside them)',
		);
	});

	test.each([
		{ name: 'held for another reason (a decrease)', additions: [addition({ quantity: 40 })], licenses: [license({ purchased: 10 })] },
		{ name: 'a plain create', additions: [], licenses: [license()] },
	])('$name → no manual lines on the item', ({ additions, licenses }) => {
		expect(only({ additions, licenses })).not.toHaveProperty('manualLines');
	});

	test('prorate lines are never the product line nor a manual line', () => {
		const item = only({ additions: [addition({ additionId: 5, serialNumber: PRORATE_MARKER, managed: true, quantity: 2, effectiveDate: '2026-03-01', cancelledDate: '2026-03-31' })] });
		expect(item).toMatchObject({ action: 'create', quantity: 10 });
	});

	test('two links writing the same agreement line → conflict for both', () => {
		const plan = run({ links: [link(), link({ tenantId: '22222222-2222-2222-2222-222222222222' })], additions: [addition()] });
		expect(actions(plan)).toEqual(['conflict', 'conflict']);
		expect(plan[0].reasons[0]).toMatch(/2 links write agreement 100 product m365-e3/);
	});

	test('the same SKU listed twice in Licenses → conflict', () => {
		const item = only({ licenses: [license(), license({ purchased: 11 })] });
		expect(item).toMatchObject({ action: 'conflict', reasons: [`license ${E3} appears 2 times in Licenses`] });
	});

	describe('billing profile defined once, referenced by name', () => {
		test.each([
			{ name: 'custom price → unitPrice on the item', profileFields: { unitPrice: 32.5 }, fields: { unitPrice: 32.5, billCustomer: 'Billable' } },
			{ name: 'catalog price → no unitPrice', profileFields: { priceMode: 'catalog', unitPrice: 30 }, fields: { unitPrice: null } },
			{ name: 'NoCharge profile', profileFields: { billCustomer: 'NoCharge' }, fields: { billCustomer: 'NoCharge' } },
			{ name: 'name matched without case', profileFields: { name: ' m365 e3 ' }, fields: { productIdentifier: 'M365-E3' } },
		])('$name', ({ profileFields, fields }) => {
			expect(only({ profiles: [profile(profileFields)] })).toMatchObject({ action: 'create', ...fields });
		});

		test.each([
			{ name: 'price change updates the line', profileFields: { unitPrice: 35 }, reasons: ['unitPrice 30 → 35'] },
			{ name: 'billCustomer change updates the line', profileFields: { billCustomer: 'DoNotBill' }, reasons: ['billCustomer Billable → DoNotBill'] },
		])('profile change at the next sync: $name', ({ profileFields, reasons }) => {
			const item = quiet(only({ profiles: [profile(profileFields)], additions: [addition({ unitPrice: 30 })] }));
			expect(item).toMatchObject({ action: 'update', delta: 0, reasons });
		});

		test('every link using a profile follows it', () => {
			const links = [link(), link({ tenantId: 'other', agreementId: 200 })];
			const licenses = [license(), license({ tenantId: 'other' })];
			const plan = run({ links, licenses, profiles: [profile({ billCustomer: 'NoCharge' })] });
			expect(plan.map((p) => p.action === 'create' && p.billCustomer)).toEqual(['NoCharge', 'NoCharge']);
		});
	});

	test('licenses without a link → unlinked, with counts', () => {
		const plan = run({ links: [], licenses: [license(), license({ skuId: 'free-sku', purchased: 0, assigned: 0 })] });
		expect(plan).toEqual([
			expect.objectContaining({ action: 'unlinked', tenantId: '11111111-1111-1111-1111-111111111111', skuIds: [E3], productName: 'Microsoft 365 E3', purchased: 10, assigned: 8 }),
		]);
	});

	test('unlinked reporting can be turned off', () => {
		expect(run({ links: [], options: { reportUnlinked: false } })).toEqual([]);
	});
});
