/**
 * #17 against the ConnectWise sandbox: Apply reads an agreement's additions once for all of
 * that agreement's changes (not once per line), and a rerun still writes nothing.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { MANAGED_MARKER } from '../../nodes/shared/managedMarker';
import { runNode } from './harness';

jest.setTimeout(120_000);

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let credential: ICredentialDataDecryptedObject;

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 40, seed: 11, today: '2026-03-10' });
	credential = { ...sandbox.credentials.connectWise, apiVersion: '2025.1' };
});
afterAll(async () => await sandbox?.stop());
beforeEach(() => sandbox.reset());

async function apply(items: Array<Record<string, unknown>>) {
	const inputs: INodeExecutionData[] = items.map((json) => ({ json: json as IDataObject }));
	const result = await runNode({ node: new ConnectWisePsa(), parameters: { resource: 'plan', operation: 'apply', dryRun: false, options: { concurrency: 4 } }, inputs: [inputs], credentials: { connectWisePsaApi: credential } });
	if (result.error) throw result.error;
	return result.outputs[0].map((i) => i.json as Record<string, any>);
}

const reads = (method: string, pattern: RegExp) => sandbox.requests.list().filter((r) => r.service === 'cw' && r.method === method && pattern.test(r.path)).length;

test('changes to several lines of one agreement read its additions once', async () => {
	const state = sandbox.state;
	const agreement = state.agreements.find((a) => a.agreementStatus === 'Active' && !a.cancelledFlag && state.additions.filter((x) => x.agreementId === a.id && x.serialNumber === MANAGED_MARKER).length >= 2)!;
	const managed = state.additions.filter((x) => x.agreementId === agreement.id && x.serialNumber === MANAGED_MARKER && !x.cancelledDate);
	const unused = state.catalog.filter((p) => !p.inactiveFlag && !state.additions.some((a) => a.agreementId === agreement.id && a.product?.id === p.id)).slice(0, 3);
	const base = { key: 'k', lineKey: 'l', tenantId: 't', reasons: [], lessIncluded: 0, billCustomer: 'Billable', unitPrice: null, effectiveDate: '2026-03-10', prorate: null };
	const items = [
		...managed.map((m, i) => ({ ...base, key: `u${i}`, action: 'update', agreementId: agreement.id, additionId: m.id, productIdentifier: m.product!.identifier, currentQuantity: m.quantity, quantity: m.quantity! + 1, invoiceDescription: `u${i}` })),
		...unused.map((p, i) => ({ ...base, key: `c${i}`, action: 'create', agreementId: agreement.id, productIdentifier: p.identifier, quantity: 2, invoiceDescription: `c${i}` })),
	];
	expect(items.length).toBeGreaterThanOrEqual(4);
	sandbox.requests.clear();
	const out = await apply(items);
	expect(out.map((r) => r.applied)).toEqual(items.map(() => true));
	const additionsList = new RegExp(`/finance/agreements/${agreement.id}/additions$`);
	const oneAddition = new RegExp(`/finance/agreements/${agreement.id}/additions/\\d+$`);
	expect(reads('GET', additionsList)).toBe(1);
	expect(reads('GET', oneAddition)).toBe(0);
	expect(reads('PATCH', oneAddition) + reads('POST', additionsList)).toBe(items.length);

	// A rerun on the same plan (as the PSA now is) reads once and writes nothing.
	sandbox.requests.clear();
	const again = await apply(items.map((i) => (i.action === 'update' ? { ...i, currentQuantity: (i.quantity as number) - 1 } : i)));
	expect(again.map((r) => r.applied)).toEqual(items.map(() => false));
	expect(reads('GET', additionsList)).toBe(1);
	expect(sandbox.requests.list().filter((r) => r.service === 'cw' && r.method !== 'GET')).toHaveLength(0);
});

/** One create of an unused product on each of `count` active agreements of the sandbox. */
function createsOnAgreements(count: number) {
	const state = sandbox.state;
	const active = state.agreements.filter((a) => a.agreementStatus === 'Active' && !a.cancelledFlag && a.company?.id).slice(0, count);
	const base = { lineKey: 'l', tenantId: 't', reasons: [], lessIncluded: 0, billCustomer: 'Billable', unitPrice: null, effectiveDate: '2026-03-10', prorate: null, quantity: 3 };
	return active.map((agreement, i) => {
		const product = state.catalog.find((p) => !p.inactiveFlag && !state.additions.some((a) => a.agreementId === agreement.id && a.product?.id === p.id))!;
		return { ...base, key: `c${i}`, action: 'create', agreementId: agreement.id, companyId: agreement.company!.id, productIdentifier: product.identifier, invoiceDescription: `c${i}` };
	});
}

test("the plan's agreements are checked in one id-in read, not one GET per agreement", async () => {
	const items = createsOnAgreements(12);
	expect(items).toHaveLength(12);
	sandbox.requests.clear();
	const out = await apply(items);
	expect(out.map((r) => r.applied)).toEqual(items.map(() => true));
	expect(reads('GET', /\/finance\/agreements$/)).toBe(1);
	expect(reads('GET', /\/finance\/agreements\/\d+$/)).toBe(0);
	// Additions stay one read per agreement: ConnectWise lists them only under their agreement.
	expect(reads('GET', /\/finance\/agreements\/\d+\/additions$/)).toBe(12);
});

test('agreements that could not be read get nothing written: each item fails with the error, never "not found"', async () => {
	const items = createsOnAgreements(6);
	sandbox.faults.serverError('cw GET /finance/agreements', { status: 403, count: 10 });
	sandbox.requests.clear();
	const inputs: INodeExecutionData[] = items.map((json) => ({ json: json as unknown as IDataObject }));
	const result = await runNode({
		node: new ConnectWisePsa(),
		parameters: { resource: 'plan', operation: 'apply', dryRun: false, options: { concurrency: 4 } },
		inputs: [inputs],
		credentials: { connectWisePsaApi: credential },
		onError: 'continueErrorOutput',
	});
	expect(result.outputs[0]).toHaveLength(0);
	const outputs = result.outputs[1].map((i) => i.json as Record<string, any>);
	expect(outputs).toHaveLength(items.length);
	for (const output of outputs) expect(JSON.stringify(output.error)).toMatch(/403/);
	expect(outputs.map((o) => o.agreementId).sort()).toEqual(items.map((i) => i.agreementId).sort());
	expect(sandbox.requests.list().filter((r) => r.service === 'cw' && r.method !== 'GET')).toHaveLength(0);
	expect(reads('GET', /\/finance\/agreements\/\d+(\/additions)?$/)).toBe(0);
});
