/**
 * License Reconcile reads any PSA's lines (#16): the marker from `marker` (else ConnectWise's
 * `serialNumber`), the PSA's bill-customer values from an option (ConnectWise's by default),
 * and names where a person sets the marker in the line's PSA.
 */
import { MANAGED_MARKER } from '../../../nodes/LicenseReconcile/core';
import { addition, license, link, only, profile, run } from './fixtures';

/** A line as a PSA node other than ConnectWise emits it: no serialNumber, the marker under `marker`. */
const neutral = (overrides: Record<string, unknown> = {}) => {
	const row: Record<string, unknown> = { ...addition(), marker: MANAGED_MARKER, ...overrides };
	delete row.managed;
	if (!('serialNumber' in overrides)) delete row.serialNumber;
	return row;
};

describe('lines from any PSA', () => {
	test.each([
		{ name: 'ConnectWise serialNumber', line: addition({ managed: undefined }) },
		{ name: 'marker', line: neutral() },
		{ name: 'marker, any case and spaces', line: neutral({ marker: '  M365-License-Sync ' }) },
		{ name: 'marker wins over serialNumber', line: neutral({ serialNumber: 'something else' }) },
	])('the managed line is found by its $name', ({ line }) => {
		expect(only({ licenses: [license({ purchased: 12 })], additions: [line] })).toMatchObject({ action: 'update', additionId: 1, quantity: 12, currentQuantity: 10 });
	});

	test('an unmarked line in another PSA is reported with that PSA\'s word for the marker', () => {
		const plan = run({ additions: [addition(), neutral({ additionId: 42, marker: null, quantity: 5, markerLabel: 'Contract service "Marker" field' })] });
		const report = plan.find((p) => p.action === 'skip')!;
		expect(report.reasons[0]).toMatch(/to hand it to the sync, set its Contract service "Marker" field to m365-license-sync$/);
		const cw = run({ additions: [addition(), addition({ additionId: 42, serialNumber: '', managed: false, quantity: 5 })] }).find((p) => p.action === 'skip')!;
		expect(cw.reasons[0]).toMatch(/set its serial number to m365-license-sync$/);
	});
});

describe('bill-customer values are the PSA\'s', () => {
	test.each([
		{ name: 'ConnectWise default, a profile without one', values: undefined, given: undefined, expected: 'Billable' },
		{ name: 'ConnectWise default, any case', values: undefined, given: 'donotbill', expected: 'DoNotBill' },
		{ name: 'another PSA, its first value is the default', values: 'Invoice, No Invoice', given: undefined, expected: 'Invoice' },
		{ name: 'another PSA, its own value', values: 'Invoice, No Invoice', given: 'no invoice', expected: 'No Invoice' },
		{ name: 'an empty option keeps ConnectWise\'s', values: ' , ', given: 'NoCharge', expected: 'NoCharge' },
	])('$name → $expected', ({ values, given, expected }) => {
		const item = only({ profiles: [profile({ billCustomer: given })], options: { billCustomerValues: values } });
		expect(item).toMatchObject({ action: 'create', billCustomer: expected });
	});

	test('a value the PSA does not have is a bad profile, named with the PSA\'s values', () => {
		const item = only({ profiles: [profile({ billCustomer: 'Billable' })], options: { billCustomerValues: 'Invoice, No Invoice' } });
		expect(item.action).toBe('skip');
		expect(item.reasons.join(' ')).toMatch(/billCustomer must be one of Invoice, No Invoice \(got "Billable"\)/);
	});
});

describe('each agreement\'s PSA limits its invoice description (a mixed ConnectWise + Autotask run)', () => {
	const users = Array.from({ length: 60 }, (_, n) => `user${String(n).padStart(2, '0')}@contoso.example`);
	const scenario = (lineLimit: number | undefined) => ({
		licenses: [license({ purchased: 60, users })],
		links: [link({ showUsernames: true })],
		additions: [addition({ quantity: 60, ...(lineLimit ? { descriptionMaxLength: lineLimit } : {}) })],
	});

	const description = (lineLimit: number | undefined): string => (only(scenario(lineLimit)) as unknown as { invoiceDescription: string }).invoiceDescription;

	test('an Autotask contract\'s rows (1000) cut the usernames below the option\'s 6000', () => {
		expect(description(1000).length).toBeLessThanOrEqual(1000);
		expect(description(1000)).toMatch(/\+\d+ more/);
	});

	test('a ConnectWise agreement\'s rows (no limit of their own) keep the option\'s limit: all usernames fit', () => {
		expect(description(undefined).length).toBeGreaterThan(1000);
		expect(description(undefined)).toContain('user59@contoso.example');
	});
});

describe('reasons use each agreement\'s PSA word for a line', () => {
	test('an Autotask contract says "contract service" where a ConnectWise agreement says "addition"', () => {
		const autotask = only({ additions: [{ ...addition(), kind: 'agreement', additionId: null, lineLabel: 'contract service' }] });
		expect(autotask).toMatchObject({ action: 'create' });
		expect(autotask.reasons).toContain('no managed contract service for M365-E3: create with quantity 10');
		expect(only({ additions: [{ ...addition(), kind: 'agreement', additionId: null }] }).reasons).toContain('no managed addition for M365-E3: create with quantity 10');
		const twice = run({ additions: [addition({ lineLabel: 'contract service' }), addition({ additionId: 2, lineLabel: 'contract service' })] }).find((p) => p.action === 'conflict')!;
		expect(twice.reasons[0]).toMatch(/^2 managed contract services for M365-E3 on agreement 100/);
	});
});
