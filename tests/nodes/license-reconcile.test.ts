import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { DEFAULT_OPTIONS, MANAGED_MARKER } from '../../nodes/LicenseReconcile/core';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { runNode } from './harness';
import { E3, E5, TENANT, addition, license, link, profile } from '../unit/license-reconcile/fixtures';
import { connectWiseRunner } from './connectWiseRunner';

const items = (rows: object[]): INodeExecutionData[] => rows.map((json) => ({ json: json as INodeExecutionData['json'] }));
const parameters: INodeParameters = { options: { referenceDate: '2026-03-10', timeZone: 'UTC' } };
const OTHER_TENANT = '22222222-2222-2222-2222-222222222222';

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
		expect(changes[0].json).toMatchObject({ additionId: 1, currentQuantity: 10, delta: 2, managedMarker: MANAGED_MARKER, billCustomer: 'Billable', referenceDate: '2026-03-10', timeZone: 'UTC' });
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
		expect((outputs[2][0].json.reasons as string[])[0]).toMatch(/tenant has no licenses in Partner Center/);
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

	test('an empty Time Zone option uses the workflow zone and says so on every item', async () => {
		const { outputs, error } = await runNode({
			node: new LicenseReconcile(),
			parameters: { options: { referenceDate: '2026-03-09T23:30:00Z', timeZone: '' } },
			inputs: [items([license()]), items([link()]), [], items([profile()])],
		});
		expect(error).toBeUndefined();
		const item = outputs.flat()[0].json;
		expect(typeof item.timeZone).toBe('string');
		expect(item.timeZone).not.toBe('');
		// The date follows the zone named on the item, whichever zone the workflow has.
		const day = new Intl.DateTimeFormat('en-CA', { timeZone: item.timeZone as string }).format(new Date('2026-03-09T23:30:00Z'));
		expect(item.referenceDate).toBe(day);
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

	test('the panel opens with the guards and their default limits, the field notes last', () => {
		const properties = new LicenseReconcile().description.properties;
		expect(properties[0].name).toBe('guardsNotice');
		expect(properties.slice(-2).map((p) => p.name)).toEqual(['linkFieldsNotice', 'inputFieldsNotice']);
		const notice = properties[0].displayName;
		const d = DEFAULT_OPTIONS;
		for (const text of [
			`decrease of more than ${d.maxDecreaseCount} licenses or ${d.maxDecreasePercent}%`,
			`increase of more than ${d.maxIncreaseCount} licenses and ${d.maxIncreasePercent}%`,
			`above ${d.maxLineQuantity} licenses`,
		])
			expect(notice).toContain(text);
		expect([d.onZeroCount, d.onVanishedTenant]).toEqual(['needsApproval', 'needsApproval']);
	});
});

/** The sandbox's agreement types: a profile for all of them never holds on type (rule 7 has its own test). */
const SANDBOX_TYPES = ['M365 Monthly', 'M365 Annual', 'Managed Services'];

describe('License Reconcile with the ConnectWise node against the sandbox: agreements with no additions', () => {
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	let credential: ICredentialDataDecryptedObject;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 6, seed: 7, today: '2026-03-10' });
		credential = { ...sandbox.credentials.connectWise, apiVersion: '2025.16' };
	});
	afterAll(async () => await sandbox?.stop());

	const { connectWise, readAdditions } = connectWiseRunner(() => credential);
	const reconcileWith = async (links: object[], additions: INodeExecutionData[]) => {
		const { outputs, error } = await runNode({ node: new LicenseReconcile(), parameters, inputs: [items([license({ purchased: 7 }), license({ tenantId: OTHER_TENANT, purchased: 7 })]), items(links), additions, items([profile({ agreementTypes: SANDBOX_TYPES })])] });
		if (error) throw error;
		return outputs;
	};

	test('a new line on an empty agreement starts on its start date and is prorated; on a cancelled one it waits for approval', async () => {
		const template = sandbox.state.agreements.find((a) => a.agreementStatus === 'Active')!;
		sandbox.state.agreements.push(
			{ ...template, id: 99201, startDate: '2026-04-01T00:00:00Z', prorateFlag: true, billingCycle: { id: 2, name: 'Monthly' } },
			{ ...template, id: 99202, agreementStatus: 'Cancelled', cancelledFlag: true, prorateFlag: true },
		);
		// Two tenants: one tenant's SKU on two agreements would be held as billed twice.
		const links = [link({ linkId: 'new', agreementId: 99201, prorate: 'increases' }), link({ linkId: 'cancelled', tenantId: OTHER_TENANT, agreementId: 99202, prorate: 'increases' })];

		const additions = await readAdditions([99201, 99202]);
		expect(additions.map((i) => [i.json.kind, i.json.agreementId, i.json.additionId])).toEqual([['agreement', 99201, null], ['agreement', 99202, null]]);
		const [changes, unchanged, approval, notSynced] = await reconcileWith(links, additions);
		expect(changes.map((i) => i.json)).toEqual([expect.objectContaining({ action: 'create', linkId: 'new', quantity: 7, effectiveDate: '2026-04-01', prorateCurrentPeriod: true })]);
		expect(approval.map((i) => i.json)).toEqual([expect.objectContaining({ action: 'needsApproval', proposedAction: 'create', linkId: 'cancelled' })]);
		expect(approval[0].json.reasons).toContain('agreement is Cancelled, not Active');
		expect([unchanged.length, notSynced.length]).toEqual([0, 0]);

		const applied = await connectWise({ resource: 'plan', operation: 'apply', dryRun: false }, changes);
		expect(applied[0].json).toMatchObject({ action: 'create', applied: true });
		const written = sandbox.state.additions.filter((a) => a.agreementId === 99201);
		expect(written).toEqual([expect.objectContaining({ quantity: 7, serialNumber: MANAGED_MARKER, prorateCurrentPeriodFlag: true })]);
		expect(String(written[0].effectiveDate).slice(0, 10)).toBe('2026-04-01');
		expect(sandbox.state.additions.some((a) => a.agreementId === 99202)).toBe(false);

		const again = await reconcileWith(links, await readAdditions([99201, 99202]));
		expect(again.map((o) => o.map((i) => [i.json.action, i.json.linkId]))).toEqual([[], [['unchanged', 'new']], [['needsApproval', 'cancelled']], []]);
	});
});
