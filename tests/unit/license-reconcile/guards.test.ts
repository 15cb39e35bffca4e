import type { ReconcileOptions } from '../../../nodes/LicenseReconcile/core';
import { addition, license, link, only, quiet } from './fixtures';

const other = license({ tenantId: 'someone-else' });

describe('guards → needs approval, nothing written (rule 5)', () => {
	test.each([
		{ name: 'tenant gone from Partner Center', licenses: [other], current: 10, options: {}, action: 'needsApproval', reason: /tenant has no licenses in Partner Center/ },
		{ name: 'tenant gone, even with no change', licenses: [other], current: 0, options: {}, action: 'needsApproval', reason: /tenant has no licenses/ },
		{ name: 'tenant gone, option apply', licenses: [other], current: 10, options: { onVanishedTenant: 'apply' }, action: 'update', reason: /applied: option says apply/ },
		{ name: 'tenant gone, option skip', licenses: [other], current: 10, options: { onVanishedTenant: 'skip' }, action: 'skip', reason: /tenant has no licenses/ },
		{ name: 'count fell to zero', licenses: [license({ purchased: 0 })], current: 2, options: {}, action: 'needsApproval', reason: /license count fell to 0 \(line has 2\)/ },
		{ name: 'count fell to zero, option apply', licenses: [license({ purchased: 0 })], current: 2, options: { onZeroCount: 'apply' }, action: 'update', reason: /fell to 0/ },
		{ name: 'SKU gone from the tenant (zero)', licenses: [license({ skuId: 'other-sku' })], current: 2, options: {}, action: 'needsApproval', reason: /fell to 0/ },
		{ name: 'zero where there was zero', licenses: [license({ purchased: 0 })], current: 0, options: {}, action: 'unchanged', reason: null },
		{ name: 'decrease over the share (25%)', licenses: [license({ purchased: 7 })], current: 10, options: {}, action: 'needsApproval', reason: /decrease of 3 \(30%\) is more than 25%/ },
		{ name: 'decrease at the share', licenses: [license({ purchased: 75 })], current: 100, options: { maxDecreaseCount: 50 }, action: 'update', reason: null },
		{ name: 'decrease over the count', licenses: [license({ purchased: 85 })], current: 100, options: { maxDecreaseCount: 10 }, action: 'needsApproval', reason: /decrease of 15 is more than 10 licenses/ },
		{ name: 'decrease within both', licenses: [license({ purchased: 9 })], current: 10, options: {}, action: 'update', reason: null },
		{ name: 'thresholds are options', licenses: [license({ purchased: 1 })], current: 10, options: { maxDecreasePercent: 100, maxDecreaseCount: 100 }, action: 'update', reason: null },
		{ name: 'increase within the share', licenses: [license({ purchased: 115 })], current: 100, options: {}, action: 'update', reason: null },
		{ name: 'increase within the count', licenses: [license({ purchased: 20 })], current: 10, options: {}, action: 'update', reason: null },
		{ name: 'increase over the share and the count (+50%, +10)', licenses: [license({ purchased: 500 })], current: 10, options: {}, action: 'needsApproval', reason: /increase of 490 \(4900%\) is more than 10 licenses and 50%/ },
		{ name: 'increase from a zero line', licenses: [license({ purchased: 40 })], current: 0, options: {}, action: 'needsApproval', reason: /increase of 40 \(from 0\)/ },
		{ name: 'increase thresholds are options', licenses: [license({ purchased: 500 })], current: 10, options: { maxIncreaseCount: 1000 }, action: 'update', reason: null },
		{ name: 'quantity over the ceiling', licenses: [license({ purchased: 5200 })], current: 5000, options: {}, action: 'needsApproval', reason: /quantity 5200 is more than the ceiling of 5000 licenses on one line/ },
		{ name: 'ceiling is an option', licenses: [license({ purchased: 5200 })], current: 5000, options: { maxLineQuantity: 10000 }, action: 'update', reason: null },
	])('$name', ({ licenses, current, options, action, reason }) => {
		const item = only({ licenses, additions: [addition({ quantity: current, invoiceDescription: 'Microsoft 365 E3' })], options: { ...(options as Partial<ReconcileOptions>), reportUnlinked: false } });
		expect(item.action).toBe(action);
		if (reason) expect(item.reasons.join('\n')).toMatch(reason);
	});

	test.each([
		{ name: 'a minimum of 100,000 never creates a 100,000-seat line unattended', fields: { minimumQuantity: 100000 }, options: {}, action: 'needsApproval' },
		{ name: 'a create at the ceiling passes', fields: { minimumQuantity: 5000 }, options: {}, action: 'create' },
		{ name: 'a lower ceiling holds a normal create', fields: {}, options: { maxLineQuantity: 5 }, action: 'needsApproval' },
	])('ceiling on creates: $name', ({ fields, options, action }) => {
		const item = only({ links: [link(fields)], options: { ...options, reportUnlinked: false } });
		expect(item.action).toBe(action);
		if (action === 'needsApproval') expect(item).toMatchObject({ proposedAction: 'create', reasons: [expect.stringMatching(/^quantity \d+ is more than the ceiling of \d+ licenses on one line$/), ...item.reasons.slice(1)] });
	});

	test('a held update keeps its proposed values for an approval flow', () => {
		const item = only({ licenses: [license({ purchased: 2 })], additions: [addition()] });
		expect(item).toMatchObject({ action: 'needsApproval', proposedAction: 'update', additionId: 1, currentQuantity: 10, quantity: 2, delta: -8 });
	});

	test.each([
		{ name: 'on the link', linkFields: { agreementStatus: 'Cancelled' }, additionFields: {}, status: 'Cancelled' },
		{ name: 'on the additions', linkFields: {}, additionFields: { agreementStatus: 'Expired' }, status: 'Expired' },
	])('inactive agreement ($name) → needs approval even when unchanged', ({ linkFields, additionFields, status }) => {
		const item = quiet(only({ links: [link(linkFields)], additions: [addition(additionFields)] }));
		expect(item).toMatchObject({ action: 'needsApproval', proposedAction: 'unchanged', reasons: [`agreement is ${status}, not Active`] });
	});

	test('an Active agreement passes', () => {
		expect(only({ links: [link({ agreementStatus: 'Active' })], additions: [addition()] }).action).toBe('unchanged');
	});
});
