import { describeChanges } from '../../../nodes/LicenseReview/core';
import { companyMap, decreaseRow, manualRow, tenant } from './fixtures';

const MAP = companyMap(3);

describe('held changes in plain words', () => {
	test.each([
		{
			name: 'a large decrease',
			row: decreaseRow('k1', 1, 40, 12),
			label: 'Company B1 (Tenant 1) · Office 365 E3 (M365-E3) on agreement #501: 40 → 12 seats. Why: decrease of 28 is more than 10 licenses',
			reasonKind: 'decrease',
			choices: ['Leave pending', 'Approve', 'Reject'],
		},
		{
			name: 'a new line beside one manual line',
			row: manualRow('k2', 2, [{ additionId: 5034, quantity: 2 }], 5),
			label:
				'Company C2 (Tenant 2) · Microsoft 365 Business Premium (M365-BP) on agreement #502: line 5034 typed by hand bills 2 seats; the sync proposes 5 seats on its own line. Why: a line typed by hand already bills this product (one line)',
			reasonKind: 'manualLine',
			choices: ['Leave pending', 'Adopt line 5034 (now 2 seats → proposed 5)', 'Replace line 5034 (cancel it, create a managed line of 5)', 'Add a second line (customer billed for both: 2 + 5)', 'Reject'],
		},
		{
			name: 'a new line beside two manual lines: adopting one cancels the other',
			row: manualRow('k3', 0, [{ additionId: 7, quantity: 1 }, { additionId: 8, quantity: 3 }], 4),
			label:
				'Company A0 (Tenant 0) · Microsoft 365 Business Premium (M365-BP) on agreement #500: line 7 typed by hand bills 1 seat, line 8 typed by hand bills 3 seats; the sync proposes 4 seats on its own line. Why: a line typed by hand already bills this product (2 lines)',
			reasonKind: 'manualLine',
			choices: ['Leave pending', 'Adopt line 7 (now 1 seat → proposed 4), cancel line 8', 'Adopt line 8 (now 3 seats → proposed 4), cancel line 7', 'Replace line 7, 8 (cancel them, create a managed line of 4)', 'Add a second line (customer billed for both: 4 + 4)', 'Reject'],
		},
		{
			name: 'a new line for a tenant not in the company map',
			row: { key: 'k4', status: 'pending', proposedAction: 'create', tenantId: tenant(9), companyId: 777, agreementId: 9, product: 'EXO', currentQuantity: null, quantity: 1, reason: 'agreement is Cancelled, not Active', plan: 'not json' },
			label: 'Company 777 (tenant not in the company map) · EXO on agreement #9: no line yet → new line of 1 seat. Why: agreement is Cancelled, not Active',
			reasonKind: 'agreementClosed',
			choices: ['Leave pending', 'Approve', 'Reject'],
		},
		{
			name: 'a warning only, count fell to zero',
			row: { key: 'k5', status: 'pending', proposedAction: 'unchanged', tenantId: tenant(0), agreementId: 500, product: 'EXO', currentQuantity: 9, quantity: 9, reason: 'tenant has no licenses in Partner Center (gone, or access lost)' },
			label: 'Company A0 (Tenant 0) · EXO on agreement #500: stays at 9 seats (nothing to write, a warning only). Why: tenant has no licenses in Partner Center (gone, or access lost)',
			reasonKind: 'tenantGone',
			choices: ['Leave pending', 'Approve', 'Reject'],
		},
	])('$name', ({ row, label, reasonKind, choices }) => {
		const [change] = describeChanges([row], MAP);
		expect(change.label).toBe(label);
		expect(change.reasonKind).toBe(reasonKind);
		expect(change.choices.map((choice) => choice.option)).toEqual(choices);
		// No internal wording and no GUID reaches the person.
		expect(change.label).not.toMatch(/unmarked addition|no line → |[0-9a-f]{8}-[0-9a-f]{4}-/);
	});

	it('keeps only pending rows with a key, sorted by company then product', () => {
		const rows = [decreaseRow('b', 1, 40, 12), manualRow('a', 1, [{ additionId: 1, quantity: 1 }]), { ...decreaseRow('c', 0, 40, 2), status: 'applied' }, { ...decreaseRow('', 0, 40, 2) }, decreaseRow('z', 0, 30, 2)];
		expect(describeChanges(rows, MAP).map((change) => change.key)).toEqual(['z', 'a', 'b']);
	});

	it('adopt choices carry the line taken over', () => {
		const [change] = describeChanges([manualRow('k', 0, [{ additionId: 7, quantity: 1 }, { additionId: 8, quantity: 3 }])], MAP);
		expect(change.choices.filter((choice) => choice.decision === 'adopt').map((choice) => choice.additionId)).toEqual([7, 8]);
	});
});
