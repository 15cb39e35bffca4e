/**
 * Agreement facts for many agreements in a few `id in (...)` calls (#17): Agreement Addition →
 * Get Many reads the facts of all its input agreements first, in chunks that keep each URL
 * within ConnectWise's 2,000 characters (the sandbox answers 414 past that, as real sites do).
 * A chunk that fails gives a failure row for every agreement it covered, never "nothing there".
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { runNode } from './harness';

jest.setTimeout(120_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let credential: ICredentialDataDecryptedObject;

/** 600 agreements with six-digit ids: about 210 fit one URL, so three chunks. */
const EXTRA = 600;
let extraIds: number[];

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 20, seed: 5, today: '2026-03-10' });
	credential = { ...sandbox.credentials.connectWise, apiVersion: '2025.1' };
});
afterAll(async () => await sandbox?.stop());
beforeEach(() => {
	sandbox.reset();
	const template = sandbox.state.agreements.find((a) => a.agreementStatus === 'Active')!;
	extraIds = Array.from({ length: EXTRA }, (_, i) => 500000 + i * 7);
	sandbox.state.agreements.push(...extraIds.map((id) => ({ ...template, id, name: `Agreement ${id}` })));
});

async function readAdditions(agreementIds: number[], onError?: 'continueRegularOutput' | 'continueErrorOutput') {
	const inputs: INodeExecutionData[] = agreementIds.map((agreementId) => ({ json: { agreementId } }));
	sandbox.requests.clear();
	const result = await runNode({ node: new ConnectWisePsa(), parameters: { resource: 'agreementAddition', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, inputs: [inputs], credentials: { connectWisePsaApi: credential }, onError });
	return { result, calls: sandbox.requests.countsByEndpoint() };
}

test('facts of 600+ agreements in a few list calls, none over the URL limit; every agreement gets its facts', async () => {
	const seeded = [...new Set(sandbox.state.agreements.map((a) => a.id))].filter((id) => !extraIds.includes(id));
	const ids = [...seeded, ...extraIds];
	const { result, calls } = await readAdditions(ids);
	if (result.error) throw result.error;
	expect(calls['cw GET /finance/agreements/{id}'] ?? 0).toBe(0);
	expect(calls['cw GET /finance/agreements']).toBeGreaterThanOrEqual(3);
	expect(calls['cw GET /finance/agreements']).toBeLessThanOrEqual(4);
	expect(sandbox.requests.list().filter((r) => r.status === 414)).toEqual([]);
	expect(calls['cw GET /finance/agreements/{id}/additions']).toBe(ids.length);
	const rows = result.outputs[0].map((i) => i.json as Record<string, unknown>);
	const byAgreement = new Map(rows.map((r) => [r.agreementId as number, r]));
	for (const id of ids) {
		const agreement = sandbox.state.agreements.find((a) => a.id === id)!;
		expect(byAgreement.get(id)).toEqual(expect.objectContaining({ agreementId: id, agreementCompanyId: agreement.company!.id, agreementStatus: agreement.cancelledFlag ? 'Cancelled' : agreement.agreementStatus }));
	}
});

test('an agreement the list does not return is "not found" for that agreement alone', async () => {
	const missing = 777777;
	const { result } = await readAdditions([extraIds[0], missing, extraIds[1]], 'continueRegularOutput');
	if (result.error) throw result.error;
	const rows = result.outputs[0].map((i) => i.json as Record<string, any>);
	expect(rows.filter((r) => r.error)).toEqual([expect.objectContaining({ agreementId: missing, error: `Agreement ${missing} was not found in ConnectWise PSA` })]);
	expect(rows.filter((r) => !r.error).map((r) => r.agreementId)).toEqual([extraIds[0], extraIds[1]]);
});

test.each(['continueRegularOutput', 'continueErrorOutput'] as const)('a chunk that keeps failing: one failure row per agreement it covered, naming the chunk (%s)', async (onError) => {
	// The first chunk read succeeds, every later one answers 503.
	sandbox.faults.serverError('cw GET /finance/agreements', { after: 1, count: 1000, status: 503 });
	const { result } = await readAdditions(extraIds, onError);
	if (result.error) throw result.error;
	const regular = result.outputs[0].map((i) => i.json as Record<string, any>);
	const failures = onError === 'continueRegularOutput' ? regular.filter((r) => r.error) : result.outputs[1].map((i) => i.json as Record<string, any>);
	const read = regular.filter((r) => !r.error);
	const failedIds = failures.map((f) => f.details.agreementId as number);
	// Every agreement is accounted for exactly once: read, or failed by name.
	expect([...read.map((r) => r.agreementId as number), ...failedIds].sort((a, b) => a - b)).toEqual(extraIds);
	expect(failures.length).toBeGreaterThan(0);
	expect(read.length).toBeGreaterThan(0);
	for (const failure of failures) {
		expect(failure.error).toMatch(/^Could not read agreements \d+, \d+, \d+, \d+, \d+ and \d+ more \(\d+ in one request\): ConnectWise PSA answered 503: .*\(after \d+ attempts\)/);
		expect(failure.details).toEqual(expect.objectContaining({ service: 'ConnectWise PSA', httpCode: 503 }));
		if (onError === 'continueRegularOutput') expect(failure.agreementId).toBe(failure.details.agreementId);
	}
	// A failed chunk is not retried agreement by agreement, and its lines are not read as if empty.
	expect(sandbox.requests.countsByEndpoint()['cw GET /finance/agreements/{id}'] ?? 0).toBe(0);
});
