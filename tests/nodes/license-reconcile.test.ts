import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { DEFAULT_OPTIONS, MANAGED_MARKER } from '../../nodes/LicenseReconcile/core';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { runNode } from './harness';
import { E3, E5, TENANT, addition, license, link, profile } from '../unit/license-reconcile/fixtures';

const items = (rows: object[]): INodeExecutionData[] => rows.map((json) => ({ json: json as INodeExecutionData['json'] }));
const parameters: INodeParameters = { options: { referenceDate: '2026-03-10', timeZone: 'UTC' } };

describe('License Reconcile node (in-process n8n)', () => {
	test('four outputs, each item paired to the row it came from', async () => {
		const { outputs, error } = await runNode({
			node: new LicenseReconcile(),
			parameters,
			inputs: [
				items([license({ skuId: E5, purchased: 4 }), license({ purchased: 12 }), license({ tenantId: 'other', purchased: 1 })]),
				items([
					link({ agreementId: 'nope' }),
					link({ linkId: 'L-1' }),
					link({ linkId: 'L-2', tenantId: 'gone', agreementId: 300 }),
					link({ linkId: 'L-3', skuIds: [E5], agreementId: 200 }),
				]),
				items([addition(), addition({ agreementId: 200, additionId: 2, quantity: 4 })]),
				items([profile()]),
			],
		});
		expect(error).toBeUndefined();
		const [changes, unchanged, approval, notSynced] = outputs;
		expect(changes.map((i) => [i.json.action, i.json.linkId, i.json.quantity, i.pairedItem])).toEqual([
			['update', 'L-1', 12, { item: 1, input: 1 }],
		]);
		expect(changes[0].json).toMatchObject({ additionId: 1, currentQuantity: 10, delta: 2, managedMarker: MANAGED_MARKER, billCustomer: 'Billable' });
		expect(unchanged.map((i) => [i.json.linkId, i.pairedItem])).toEqual([['L-3', { item: 3, input: 1 }]]);
		expect(approval.map((i) => [i.json.linkId, i.json.proposedAction, i.pairedItem])).toEqual([['L-2', 'create', { item: 2, input: 1 }]]);
		expect(notSynced.map((i) => [i.json.action, i.json.field ?? null, i.pairedItem])).toEqual(
			expect.arrayContaining([
				['skip', 'agreementId', { item: 0, input: 1 }],
				['unlinked', null, { item: 2, input: 0 }],
			]),
		);
		expect(notSynced).toHaveLength(2);
	});

	test('runs with links only (a customer with no licences and no additions yet)', async () => {
		const { outputs, error } = await runNode({
			node: new LicenseReconcile(),
			parameters,
			inputs: [[], items([link()]), [], items([profile()])],
		});
		expect(error).toBeUndefined();
		expect(outputs.map((o) => o.length)).toEqual([0, 0, 1, 0]);
		expect(outputs[2][0].json).toMatchObject({ action: 'needsApproval', proposedAction: 'create', quantity: 0 });
		expect((outputs[2][0].json.reasons as string[])[0]).toMatch(/tenant has no licences in Partner Center/);
	});

	test('empty placeholder items (alwaysOutputData) are ignored, not reported', async () => {
		const { outputs } = await runNode({
			node: new LicenseReconcile(),
			parameters,
			inputs: [items([license()]), items([link()]), items([{}]), items([profile()])],
		});
		expect(outputs.map((o) => o.length)).toEqual([1, 0, 0, 0]);
		expect(outputs[0][0].json).toMatchObject({ action: 'create', tenantId: TENANT, skuIds: [E3] });
	});

	test('a wrong time zone stops the run with a clear message', async () => {
		const { error } = await runNode({
			node: new LicenseReconcile(),
			parameters: { options: { timeZone: 'Mars/Olympus' } },
			inputs: [items([license()]), items([link()]), [], items([profile()])],
		});
		expect(error?.message).toMatch(/Check the Reference Date and Time Zone options/);
	});

	test('parameter defaults are the core defaults', () => {
		const options = new LicenseReconcile().description.properties.find((p) => p.name === 'options')?.options ?? [];
		const defaults = Object.fromEntries(options.map((o) => ['name' in o ? o.name : '', 'default' in o ? o.default : undefined]));
		for (const [name, value] of Object.entries(DEFAULT_OPTIONS)) {
			if (name === 'timeZone') continue;
			expect([name, defaults[name]]).toEqual([name, value]);
		}
	});
});
