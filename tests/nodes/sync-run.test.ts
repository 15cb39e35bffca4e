import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { SyncRun } from '../../nodes/SyncRun/SyncRun.node';
import { runNode } from './harness';

const items = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));
const t = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const counts = { tenants: 1, links: 1, create: 1, update: 0, unchanged: 0, needsApproval: 0, notSynced: 0, couldNotRead: 0, failed: 0 };
const batchSummary = JSON.stringify({ status: 'ran', referenceDate: '2026-12-01', counts, changes: [], needsApproval: [], notSynced: [], couldNotRead: [], failed: [] });

describe('Sync Run node (in-process n8n)', () => {
	test('splits the scope item into batch items for m365_sync_batches', async () => {
		const scope = { tenants: [1, 2, 3].map((n) => ({ tenantId: t(n) })), links: [{ tenantId: t(1), agreementId: 5 }, { tenantId: t(3), agreementId: 5 }], notSynced: [] };
		const { outputs, error } = await runNode({ node: new SyncRun(), parameters: { operation: 'split', batchSize: 1, runId: '4711', dryRun: false }, inputs: [items([scope])] });
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => [item.json.batchNo, item.json.batchCount, JSON.parse(String(item.json.tenantIds)), item.json.runId, item.json.status])).toEqual([
			[1, 2, [t(1), t(3)], '4711', 'queued'],
			[2, 2, [t(2)], '4711', 'queued'],
		]);
		expect(typeof outputs[0][0].json.plannedAt).toBe('string');
	});

	test('refuses an input that is not a scope item, and an empty run id', async () => {
		const notScope = await runNode({ node: new SyncRun(), parameters: { operation: 'split', batchSize: 10, runId: '1' }, inputs: [items([{ rows: [] }])] });
		expect(notScope.error?.message).toMatch(/not a scope item: it needs the lists "tenants" and "links"/);
		const noRun = await runNode({ node: new SyncRun(), parameters: { operation: 'split', batchSize: 10, runId: ' ' }, inputs: [items([{ tenants: [], links: [] }])] });
		expect(noRun.error?.message).toMatch(/Run ID is empty/);
	});

	test('adds the batch rows up (an empty read is no row) and states the outcome', async () => {
		const rows = [
			{ batchNo: 1, batchCount: 2, tenantIds: JSON.stringify([t(1)]), status: 'done', summary: batchSummary },
			{ batchNo: 2, batchCount: 2, tenantIds: JSON.stringify([t(2)]), status: 'running', summary: '' },
		];
		const addUp = await runNode({ node: new SyncRun(), parameters: { operation: 'addUp', waitedSeconds: 3, timeZone: 'Europe/Berlin', dryRun: false }, inputs: [items([...rows, {}])] });
		expect(addUp.error).toBeUndefined();
		const summary = addUp.outputs[0][0].json;
		expect(summary).toMatchObject({ status: 'incomplete', waitedSeconds: 3, timeZone: 'Europe/Berlin', counts: { create: 1, couldNotSync: 1 } });
		const outcome = await runNode({ node: new SyncRun(), parameters: { operation: 'outcome' }, inputs: [items([summary])] });
		expect(outcome.outputs[0][0].json.outcome).toMatchObject({ status: 'failures', changes: 1, failed: 1 });
		expect(outcome.outputs[0][0].json.counts).toEqual(summary.counts);
	});
	test('works out a scope from rows given as JSON text or as lists, and summarizes the run from it', async () => {
		const companyMap = [{ tenantId: t(1), companyId: 250 }, { tenantId: t(2), companyId: 260, psa: 'autotask' }];
		const licenseLinks = [{ tenantId: t(1), skuIds: 'a', agreementId: 100 }, { tenantId: t(2), skuIds: 'b', agreementId: 200 }];
		const asText = await runNode({ node: new SyncRun(), parameters: { operation: 'scope', request: '{"dryRun": true}', companyMap: JSON.stringify(companyMap), licenseLinks: JSON.stringify(licenseLinks), batchTenantIds: '', defaultPsa: 'connectwise' }, inputs: [items([{}])] });
		expect(asText.error).toBeUndefined();
		const scope = asText.outputs[0][0].json;
		expect(scope).toMatchObject({ dryRun: true, agreements: [{ agreementId: 100, psa: 'connectwise' }, { agreementId: 200, psa: 'autotask' }] });
		const batch = await runNode({ node: new SyncRun(), parameters: { operation: 'scope', request: '={{ {} }}', companyMap: '={{ ' + JSON.stringify(companyMap) + ' }}', licenseLinks: '={{ ' + JSON.stringify(licenseLinks) + ' }}', batchTenantIds: JSON.stringify([t(2)]) }, inputs: [items([{}])] });
		expect((batch.outputs[0][0].json.links as IDataObject[]).map((link) => link.tenantId)).toEqual([t(2)]);

		const summary = await runNode({ node: new SyncRun(), parameters: { operation: 'summary', scope: JSON.stringify(scope), steps: JSON.stringify({ applied: [] }), timeZone: 'UTC' }, inputs: [items([{}, {}])] });
		expect(summary.error).toBeUndefined();
		expect(summary.outputs[0]).toHaveLength(1);
		expect(summary.outputs[0][0].json).toMatchObject({ status: 'ran', dryRun: true, counts: { tenants: 2, links: 2, create: 0 } });
	});

	test('names the parameter that is not what it should be', async () => {
		const badMap = await runNode({ node: new SyncRun(), parameters: { operation: 'scope', companyMap: '{"tenantId": 1}' }, inputs: [items([{}])] });
		expect(badMap.error?.message).toBe('companyMap must be a JSON list');
		const badBatch = await runNode({ node: new SyncRun(), parameters: { operation: 'scope', batchTenantIds: 'tenant-1' }, inputs: [items([{}])] });
		expect(badBatch.error?.message).toMatch(/Batch Tenant IDs must be a JSON list/);
		const badScope = await runNode({ node: new SyncRun(), parameters: { operation: 'summary', scope: '{}' }, inputs: [items([{}])] });
		expect(badScope.error?.message).toMatch(/Scope is not a scope item/);
	});

	test('plans, announces and finishes the writes of a run: PSA and company on each change, a started row per routed change, a finished row per Apply item, each paired to its input', async () => {
		const scope = { agreementPsa: { '100': 'connectwise', '200': 'autotask' }, links: [{ tenantId: t(1), agreementId: 100, companyId: 250, companyName: 'Contoso' }, { tenantId: t(2), agreementId: 200, companyId: 260, companyName: 'Fabrikam' }], tenants: [], notSynced: [] };
		const change = (n: number, agreementId: number): IDataObject => ({ action: 'create', key: `key-${n}`, lineKey: `line-${n}`, tenantId: t(n), agreementId, productIdentifier: 'M365-E3', quantity: 5, lessIncluded: 0, invoiceDescription: 'E3', effectiveDate: '2026-12-01', reasons: [] });
		const plan = await runNode({ node: new SyncRun(), parameters: { operation: 'plan', scope: JSON.stringify(scope) }, inputs: [items([change(1, 100), change(2, 200), change(3, 300)])] });
		expect(plan.error).toBeUndefined();
		expect(plan.outputs[0].map((item) => [item.json.psa, item.json.companyId ?? null, item.pairedItem])).toEqual([
			['connectwise', 250, { item: 0 }],
			['autotask', 260, { item: 1 }],
			[null, null, { item: 2 }],
		]);

		const intents = await runNode({ node: new SyncRun(), parameters: { operation: 'intents', runId: '4711' }, inputs: [plan.outputs[0]] });
		expect(intents.error).toBeUndefined();
		// The change no PSA applies is never written, so it is not announced.
		expect(intents.outputs[0].map((item) => [item.json.key, item.json.status, item.json.runId, item.json.companyId, item.pairedItem])).toEqual([
			['key-1', 'started', '4711', 250, { item: 0 }],
			['key-2', 'started', '4711', 260, { item: 1 }],
		]);

		const applied = [
			{ json: { action: 'create', key: 'key-2', additionId: 77, before: null, after: { quantity: 5 }, prorate: null, applied: true } },
			{ json: { error: 'ConnectWise answered 500', key: 'key-1', details: { key: 'key-1', before: null, after: null } } },
		];
		const results = await runNode({ node: new SyncRun(), parameters: { operation: 'results', runId: '4711', intents: JSON.stringify(intents.outputs[0].map((item) => item.json)) }, inputs: [applied] });
		expect(results.error).toBeUndefined();
		expect(results.outputs[0].map((item) => [item.json.key, item.json.status, item.json.additionId, item.json.result, item.json.companyId, item.pairedItem])).toEqual([
			['key-2', 'applied', 77, 'written', 260, { item: 0 }],
			['key-1', 'failed', null, 'ConnectWise answered 500', 250, { item: 1 }],
		]);
		expect(String(results.outputs[0][1].json.after)).toContain('"quantity":5');

		const noRun = await runNode({ node: new SyncRun(), parameters: { operation: 'intents', runId: ' ' }, inputs: [plan.outputs[0]] });
		expect(noRun.error?.message).toMatch(/Run ID is empty/);
		const notScope = await runNode({ node: new SyncRun(), parameters: { operation: 'plan', scope: '{}' }, inputs: [items([change(1, 100)])] });
		expect(notScope.error?.message).toMatch(/Scope is not a scope item/);
	});

	test('contact sync summary: one item from the lists the form passes (an empty read is no row), leavers with their PSA', async () => {
		const parameters = {
			operation: 'contactSync',
			contactResults: '={{ [{ "result": "created" }, { "error": "company 9 of tenant x is in PSA \\"halo\\"" }] }}',
			usersRead: JSON.stringify([{ tenantId: t(1), mail: 'stays@example.com' }, { error: 'Forbidden', tenantId: t(2) }]),
			usersSynced: JSON.stringify([{ tenantId: t(1), email: 'stays@example.com' }]),
			syncedContacts: JSON.stringify([{}, { id: 1, tenantId: t(1), companyId: 5, contactId: 7, email: 'left@example.com', status: 'active', psa: null }, { id: 2, tenantId: t(2), companyId: 6, contactId: 7, email: 'unread@example.com', status: 'active', psa: 'autotask' }]),
			deactivateLeavers: true,
		};
		const { outputs, error } = await runNode({ node: new SyncRun(), parameters, inputs: [items([{}, {}])] });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ created: 1, failed: ['company 9 of tenant x is in PSA "halo"'], unread: [{ tenantId: t(2), error: 'Forbidden' }], deactivateLeavers: true });
		expect(outputs[0][0].json.leavers).toEqual([{ id: 1, tenantId: t(1), companyId: 5, contactId: 7, email: 'left@example.com', psa: 'connectwise' }]);
		const bad = await runNode({ node: new SyncRun(), parameters: { ...parameters, syncedContacts: '{"id": 1}' }, inputs: [items([{}])] });
		expect(bad.error?.message).toBe('syncedContacts must be a JSON list');
	});

	test('writes held changes from one read of m365_approvals: new keys as pending rows, and the lines whose older pending request a newer one supersedes', async () => {
		const held = (key: string, lineKey: string): IDataObject => ({ action: 'needsApproval', key, lineKey, proposedAction: 'update', tenantId: t(1), agreementId: 100, productIdentifier: 'M365-E3', currentQuantity: 10, quantity: 0, reasons: ['zero count'], psa: 'autotask' });
		const plans = JSON.stringify([held('k-new', 'line-1'), held('k-kept', 'line-2'), held('k-first', 'line-3')]);
		const table = [
			{ id: 1, key: 'k-old', lineKey: 'line-1', status: 'pending' },
			{ id: 2, key: 'k-kept', lineKey: 'line-2', status: 'pending' },
			{ id: 3, key: 'k-elsewhere', lineKey: 'line-9', status: 'pending' },
		];
		const rows = await runNode({ node: new SyncRun(), parameters: { operation: 'approvals', plans }, inputs: [items(table)] });
		expect(rows.error).toBeUndefined();
		expect(rows.outputs[0].map((item) => [item.json.key, item.json.status, JSON.parse(String(item.json.plan)).psa])).toEqual([
			['k-new', 'pending', 'autotask'],
			['k-first', 'pending', 'autotask'],
		]);
		const superseded = await runNode({ node: new SyncRun(), parameters: { operation: 'supersede', plans }, inputs: [items(table)] });
		expect(superseded.outputs[0].map((item) => item.json)).toEqual([{ lineKey: 'line-1', key: 'k-new' }]);

		// An empty table reaches the node as one empty item (alwaysOutputData): it is no row.
		const empty = await runNode({ node: new SyncRun(), parameters: { operation: 'approvals', plans }, inputs: [items([{}])] });
		expect(empty.outputs[0].map((item) => item.json.key)).toEqual(['k-new', 'k-kept', 'k-first']);

		const badPlans = await runNode({ node: new SyncRun(), parameters: { operation: 'approvals', plans: '{"key": 1}' }, inputs: [items([{}])] });
		expect(badPlans.error?.message).toBe('plans must be a JSON list');
		const noKey = await runNode({ node: new SyncRun(), parameters: { operation: 'supersede', plans: JSON.stringify([{ ...held('', 'line-1') }]) }, inputs: [items([{}])] });
		expect(noKey.error?.message).toMatch(/Held change 1 .* has no key/);
	});
});
