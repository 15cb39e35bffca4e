import { parsePlanItem } from '../../../nodes/ConnectWisePsa/actions/plan/planItem';
import { patchFor, type LineValues } from '../../../nodes/ConnectWisePsa/actions/plan/result';
import { contactChanges } from '../../../nodes/ConnectWisePsa/actions/contact/upsert.operation';
import { additionPatch } from '../../../nodes/ConnectWisePsa/actions/agreementAddition/update.operation';

const create = {
	action: 'create',
	key: 'k1',
	tenantId: 't1',
	agreementId: 512,
	additionId: null,
	productIdentifier: 'SPE_E3',
	quantity: 12,
	lessIncluded: 0,
	invoiceDescription: 'Microsoft 365 E3',
	effectiveDate: '2026-03-01',
	billCustomer: 'Billable',
	unitPrice: null,
	currentQuantity: null,
	prorate: null,
	reasons: ['new line'],
};

describe('parsePlanItem', () => {
	test('a create item is read with its values', () => {
		const parsed = parsePlanItem(create);
		expect(parsed).toEqual({
			kind: 'write',
			item: expect.objectContaining({ action: 'create', agreementId: 512, additionId: null, quantity: 12, productIdentifier: 'SPE_E3', adopt: false, reasons: ['new line'] }),
		});
	});

	test.each(['unchanged', 'needsApproval', 'unlinked', 'conflict', 'skip'])('%s passes through', (action) => {
		expect(parsePlanItem({ action, key: 'k', agreementId: 'x', quantity: 'bad' })).toEqual({
			kind: 'pass',
			item: { action, key: 'k', lineKey: null, tenantId: null, agreementId: null, additionId: null, productIdentifier: null, reasons: [] },
		});
	});

	test.each([
		[{ quantity: 'twelve' }, /Quantity must be a number/],
		[{ quantity: -1 }, /Quantity must not be negative/],
		[{ quantity: null }, /Quantity must be a number/],
		[{ agreementId: 0 }, /agreementId must be a positive whole number/],
		[{ agreementId: '12a' }, /agreementId must be a positive whole number/],
		[{ productIdentifier: ' ' }, /no productIdentifier/],
		[{ invoiceDescription: 'x'.repeat(6001) }, /6001 characters; ConnectWise allows at most 6000/],
		[{ effectiveDate: '01/03/2026' }, /effectiveDate must be a date/],
		[{ billCustomer: 'Sometimes' }, /Bill customer must be one of/],
		[{ action: 'update', additionId: null }, /additionId must be a positive whole number/],
		[{ prorate: { quantity: 'x', from: '2026-03-01', to: '2026-03-31' } }, /prorate.quantity must be a number/],
		[{ prorate: { quantity: 2, from: '2026-03-31', to: '2026-03-01' } }, /before prorate.from/],
	])('rejects %j before anything is written', (change, message) => {
		expect(() => parsePlanItem({ ...create, ...change })).toThrow(message);
	});

	test('exactly 6,000 characters is accepted; prorate decreases may be negative', () => {
		const parsed = parsePlanItem({ ...create, invoiceDescription: 'x'.repeat(6000), prorate: { quantity: -3, from: '2026-03-10', to: '2026-03-31', invoiceDescription: 'credit' } });
		expect(parsed.kind).toBe('write');
		expect(parsed.kind === 'write' && parsed.item.prorate).toEqual({ quantity: -3, from: '2026-03-10', to: '2026-03-31', invoiceDescription: 'credit', serialNumber: 'm365-license-sync-prorate', changeId: null });
	});

	test('the prorate line carries the change-identifying serial from the plan (contract C3)', () => {
		const prorate = { quantity: 2, from: '2026-03-10', to: '2026-03-31', serialNumber: 'm365-license-sync-prorate#0a1b2c3d', changeId: '0a1b2c3d' };
		const parsed = parsePlanItem({ ...create, action: 'update', additionId: 9, prorate });
		expect(parsed.kind === 'write' && parsed.item.prorate).toMatchObject({ serialNumber: 'm365-license-sync-prorate#0a1b2c3d', changeId: '0a1b2c3d' });
	});

	test.each([
		[{ serialNumber: 'm365-license-sync' }, /is not a prorate marker/],
		[{ serialNumber: 'something else' }, /is not a prorate marker/],
		[{ serialNumber: `m365-license-sync-prorate#${'f'.repeat(30)}` }, /at most 50/],
	])('a prorate serial that is not a prorate marker is refused: %j', (change, message) => {
		expect(() => parsePlanItem({ ...create, prorate: { quantity: 2, from: '2026-03-10', to: '2026-03-31', ...change } })).toThrow(message);
	});

	test('companyId and lineKey are read for the company check and the audit row', () => {
		const parsed = parsePlanItem({ ...create, companyId: '77', companyName: 'Contoso', lineKey: 'line-1' });
		expect(parsed.kind === 'write' && [parsed.item.companyId, parsed.item.companyName, parsed.item.lineKey]).toEqual([77, 'Contoso', 'line-1']);
		expect(parsed.kind === 'write' && parsed.item.companyId === null).toBe(false);
		const without = parsePlanItem(create);
		expect(without.kind === 'write' && without.item.companyId).toBeNull();
		expect(() => parsePlanItem({ ...create, companyId: 'Contoso' })).toThrow(/companyId must be a positive whole number/);
	});

	test('numeric strings are accepted (Data Table rows are text)', () => {
		const parsed = parsePlanItem({ ...create, quantity: '7', agreementId: '512', adopt: true });
		expect(parsed.kind === 'write' && [parsed.item.quantity, parsed.item.agreementId, parsed.item.adopt]).toEqual([7, 512, true]);
	});
});

describe('patches', () => {
	const line: LineValues = { quantity: 5, lessIncluded: 0, unitPrice: 20, billCustomer: 'Billable', invoiceDescription: 'E3', effectiveDate: '2025-01-01', serialNumber: 'm365-license-sync' };
	test('only changed fields are patched; the effective date never is', () => {
		expect(patchFor(line, { ...line, quantity: 7, effectiveDate: '2026-01-01' })).toEqual([{ op: 'replace', path: 'quantity', value: 7 }]);
		expect(patchFor(line, line)).toEqual([]);
	});

	test('blank incoming contact fields never overwrite PSA data', () => {
		expect(contactChanges({ id: 1, firstName: 'Ann', lastName: 'Lee', title: 'CFO' }, { firstName: '', lastName: '  ', title: 'CEO' })).toEqual([
			{ op: 'replace', path: 'title', value: 'CEO' },
		]);
		expect(contactChanges({ id: 1, firstName: 'Ann' }, { firstName: 'Ann' })).toEqual([]);
	});

	test('addition update validates every field first', () => {
		expect(() => additionPatch({ quantity: 3, invoiceDescription: 'y'.repeat(6001) })).toThrow(/6000/);
		expect(() => additionPatch({ quantity: -2 })).toThrow(/negative/);
		expect(additionPatch({ quantity: '4', serialNumber: ' m365-license-sync ' })).toEqual([
			{ op: 'replace', path: 'quantity', value: 4 },
			{ op: 'replace', path: 'serialNumber', value: 'm365-license-sync' },
		]);
	});
});
