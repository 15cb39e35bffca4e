import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { SecretWebhookTrigger } from '../../nodes/SecretWebhookTrigger/SecretWebhookTrigger.node';
import { SyncRequest } from '../../nodes/SyncRequest/SyncRequest.node';
import { runNode } from './harness';

const TENANT = '8d1b2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const items = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));
const request = (body: unknown): IDataObject => ({ body: body as IDataObject, query: {}, contentType: 'application/json' });
const companyMap = items([{ tenantId: TENANT, companyId: 250 }]);

describe('Sync Request node (in-process n8n)', () => {
	test('accepted and refused requests go to their own outputs, each paired to its request', async () => {
		const { outputs, error } = await runNode({
			node: new SyncRequest(),
			parameters: {},
			inputs: [items([request({ companyId: 250, dryRun: 'true' }), request({}), request({ companyId: 999 }), request({ tenantId: TENANT })]), companyMap],
		});
		expect(error).toBeUndefined();
		const [accepted, refused] = outputs;
		expect(accepted.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ scope: 'company', companyId: 250, tenantId: null, dryRun: true }, { item: 0, input: 0 }],
			[{ scope: 'tenant', companyId: null, tenantId: TENANT, dryRun: false }, { item: 3, input: 0 }],
		]);
		expect(refused.map((item) => [item.json.statusCode, item.pairedItem])).toEqual([
			[400, { item: 1, input: 0 }],
			[404, { item: 2, input: 0 }],
		]);
		expect(refused[1].json.message).toMatch(/Company 999 is not in the company map/);
	});

	test('runs with an empty company map: everyone is accepted, a company is unknown', async () => {
		const { outputs, error } = await runNode({
			node: new SyncRequest(),
			parameters: {},
			// An empty Data Table with alwaysOutputData gives one empty item.
			inputs: [items([request({ everyone: true }), request({ companyId: 250 })]), items([{}])],
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json.scope)).toEqual(['everyone']);
		expect(outputs[1].map((item) => item.json.statusCode)).toEqual([404]);
	});
});

describe('Secret Webhook Trigger', () => {
	const SECRET = 'node-test-header-secret-42';
	interface Answer { status?: number; body?: unknown }
	function call(headers: Record<string, string>, body: unknown, credential: IDataObject | Error = { name: 'X-Sync-Secret', value: SECRET }) {
		const answer: Answer = {};
		const res = { status: (code: number) => ({ json: (json: unknown) => Object.assign(answer, { status: code, body: json }) }) };
		const req = { headers: { 'content-type': 'application/json', ...headers }, body, query: {} };
		const context = {
			getResponseObject: () => res,
			getRequestObject: () => req,
			getHeaderData: () => req.headers,
			getCredentials: async () => {
				if (credential instanceof Error) throw credential;
				return credential;
			},
		} as unknown as IWebhookFunctions;
		return { answer, run: async () => await new SecretWebhookTrigger().webhook.call(context) };
	}

	test('passes on body, query and content type, never the headers', async () => {
		const { run, answer } = call({ 'x-sync-secret': SECRET, 'user-agent': 'psa' }, { companyId: 250 });
		const result = await run();
		expect(answer.status).toBeUndefined();
		expect(result.workflowData).toEqual([[{ json: { body: { companyId: 250 }, query: {}, contentType: 'application/json' } }]]);
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	test.each([
		{ name: 'wrong secret', headers: { 'x-sync-secret': 'guess' } as Record<string, string>, status: 403 },
		{ name: 'no secret', headers: {}, status: 403 },
		{ name: 'secret in another header', headers: { authorization: SECRET }, status: 403 },
	])('$name → $status and no run', async ({ headers, status }) => {
		const { run, answer } = call(headers, { everyone: true });
		const result = await run();
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(status);
		expect(JSON.stringify(answer.body)).not.toContain(SECRET);
	});

	test('a credential without a value refuses every call (500), never lets one through', async () => {
		const { run, answer } = call({ 'x-sync-secret': '' }, { everyone: true }, { name: 'X-Sync-Secret', value: '' });
		expect(await run()).toEqual({ noWebhookResponse: true });
		expect(answer).toMatchObject({ status: 500, body: { message: expect.stringMatching(/no header secret/) } });
	});
});
