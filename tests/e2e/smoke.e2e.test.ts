/**
 * Smoke test of the end-to-end tier: a real n8n loads our built package as a user's install
 * would, and a published workflow answers its webhook and writes a Data Table row.
 */
import { declaredTypes } from './communityPackage';
import { N8nServer, startN8n, WorkflowJson } from './harness';

const TABLE = 'e2e_smoke';

/** Webhook → create the table if missing → shape the row → insert it → answer with the row. */
const smokeWorkflow: WorkflowJson = {
	name: 'E2E smoke',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'a1f0c8f4-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a1f0c8f4-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: 'e2e-smoke', responseMode: 'lastNode', options: {} },
		},
		{
			id: 'a1f0c8f4-0000-4000-8000-000000000002',
			name: 'Create table',
			type: 'n8n-nodes-base.dataTable',
			typeVersion: 1.1,
			position: [200, 0],
			parameters: {
				resource: 'table',
				operation: 'create',
				tableName: TABLE,
				columns: { column: [{ name: 'tenant', type: 'string' }, { name: 'seats', type: 'number' }] },
				options: { createIfNotExists: true },
			},
		},
		{
			id: 'a1f0c8f4-0000-4000-8000-000000000003',
			name: 'Row',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [400, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'r1', name: 'tenant', type: 'string', value: "={{ $('Webhook').item.json.body.tenant }}" },
						{ id: 'r2', name: 'seats', type: 'number', value: "={{ $('Webhook').item.json.body.seats }}" },
					],
				},
				includeOtherFields: false,
				options: {},
			},
		},
		{
			id: 'a1f0c8f4-0000-4000-8000-000000000004',
			name: 'Insert row',
			type: 'n8n-nodes-base.dataTable',
			typeVersion: 1.1,
			position: [600, 0],
			parameters: {
				resource: 'row',
				operation: 'insert',
				dataTableId: { __rl: true, mode: 'name', value: TABLE },
				columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
				options: {},
			},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Create table', type: 'main', index: 0 }]] },
		'Create table': { main: [[{ node: 'Row', type: 'main', index: 0 }]] },
		Row: { main: [[{ node: 'Insert row', type: 'main', index: 0 }]] },
	},
};

/** Imported before start with the CLI (ids kept), published by the harness because it is active. */
const HOOK_SECRET = { id: 'e2eHookSecret001', name: 'E2E hook secret', type: 'httpHeaderAuth', data: { name: 'x-sync-secret', value: 'let-me-in' } };
const guardedWorkflow: WorkflowJson = {
	id: 'e2eGuardedHook01',
	name: 'E2E guarded hook',
	active: true,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'b2f0c8f4-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b2f0c8f4-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'POST', path: 'e2e-guarded', authentication: 'headerAuth', responseMode: 'onReceived', options: {} },
			credentials: { httpHeaderAuth: { id: HOOK_SECRET.id, name: HOOK_SECRET.name } },
		},
	],
	connections: {},
};

describe('n8n with the package installed', () => {
	let n8n: N8nServer;
	const started = Date.now();

	beforeAll(async () => {
		n8n = await startN8n({ name: 'smoke', credentials: [HOOK_SECRET], workflows: [guardedWorkflow] });
	});

	afterAll(async () => {
		if (!n8n) return;
		process.stdout.write(
			`e2e smoke: ${JSON.stringify({ ...n8n.timings, memoryMb: n8n.memoryMb(), totalMs: Date.now() - started })}\n`,
		);
		await n8n.stop();
	});

	it('loads every node and credential the package declares, under the package name', async () => {
		const { nodes, credentials } = declaredTypes();
		const loadedNodes = await n8n.loadedNodeTypes();
		const loadedCredentials = await n8n.loadedCredentialTypes();

		expect(nodes.length).toBeGreaterThan(0);
		expect(loadedNodes).toEqual(expect.arrayContaining(nodes));
		expect(loadedCredentials).toEqual(expect.arrayContaining(credentials));
		expect(n8n.logs()).not.toMatch(/Failed to load package/);
	});

	it('runs a published workflow from its webhook and stores the row it was sent', async () => {
		const { id } = await n8n.importWorkflow(smokeWorkflow);

		const response = await n8n.callWebhook('e2e-smoke', { body: { tenant: 'Contoso', seats: 12 } });

		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ tenant: 'Contoso', seats: 12 });
		expect(await n8n.getDataTableRows(TABLE)).toEqual([expect.objectContaining({ tenant: 'Contoso', seats: 12 })]);
		const [execution] = await n8n.waitForExecutions(id, 1);
		expect(execution.status).toBe('success');
	});

	it('keeps the ids of workflows and credentials imported before start, and enforces webhook header auth', async () => {
		const refused = await n8n.callWebhook('e2e-guarded', { body: {} });
		const accepted = await n8n.callWebhook('e2e-guarded', { body: {}, headers: { 'x-sync-secret': 'let-me-in' } });

		expect(refused.status).toBe(403);
		expect(accepted.status).toBe(200);
		expect(await n8n.waitForExecutions(guardedWorkflow.id as string, 1)).toHaveLength(1);
	});

	it('resolves a credential created through the API from a workflow that names it without an id', async () => {
		await n8n.importCredentials([{ name: 'API secret', type: 'httpHeaderAuth', data: { name: 'x-api-secret', value: 'open' } }]);
		const byName = structuredClone(guardedWorkflow);
		const [webhook] = byName.nodes as Array<Record<string, unknown>>;
		webhook.webhookId = 'b2f0c8f4-0000-4000-8000-0000000000bb';
		webhook.parameters = { ...(webhook.parameters as object), path: 'e2e-by-name' };
		webhook.credentials = { httpHeaderAuth: { id: null, name: 'API secret' } };
		await n8n.importWorkflow({ ...byName, name: 'E2E credential by name' });

		expect((await n8n.callWebhook('e2e-by-name', { body: {}, headers: { 'x-api-secret': 'open' } })).status).toBe(200);
		expect((await n8n.callWebhook('e2e-by-name', { body: {}, headers: { 'x-api-secret': 'shut' } })).status).toBe(403);
	});

	it('answers 404 for a webhook no published workflow owns', async () => {
		const response = await n8n.callWebhook('no-such-hook', { body: {} });

		expect(response.status).toBe(404);
	});
});
