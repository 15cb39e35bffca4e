/**
 * Plan → Apply beside a manual (unmarked) line for the product, run in-process against the
 * sandbox: a create never adds a second line unless asked (`secondLine`), adopting takes the
 * line over, replacing cancels it and creates the managed line; every decision is checked
 * against the PSA before anything is written, and a re-run writes nothing.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { MANAGED_MARKER } from '../../nodes/shared/managedMarker';
import { cwRequest } from '../e2e/support/psaRequest';
import { runNode } from './harness';

jest.setTimeout(120_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let credential: ICredentialDataDecryptedObject;
const TODAY = '2026-03-10';

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 40, seed: 11, today: TODAY });
	credential = { ...sandbox.credentials.connectWise, apiVersion: '2025.1' };
});
afterAll(async () => await sandbox?.stop());
beforeEach(() => sandbox.reset());

const state = () => sandbox.state;
const writes = () => sandbox.requests.list().filter((r) => r.service === 'cw' && r.method !== 'GET');

async function apply(items: Array<Record<string, unknown>>, dryRun = false) {
	const result = await runNode({
		node: new ConnectWisePsa(),
		parameters: { resource: 'plan', operation: 'apply', dryRun },
		inputs: [items.map((json): INodeExecutionData => ({ json: json as never }))],
		credentials: { connectWisePsaApi: credential },
		onError: 'continueRegularOutput',
	});
	if (result.error) throw result.error;
	return result.outputs[0].map((i) => i.json as Record<string, any>);
}

/** An active agreement, a product it has no line for, and manual lines typed for that product. */
async function withManualLines(quantities: number[]) {
	const agreement = state().agreements.find((a) => a.agreementStatus === 'Active' && a.type?.id === 1)!;
	const product = state().catalog.find((p) => !p.inactiveFlag && !state().additions.some((a) => a.agreementId === agreement.id && a.product?.id === p.id))!;
	for (const quantity of quantities) {
		await cwRequest(sandbox, 'POST', `/finance/agreements/${agreement.id}/additions`, { product: { id: product.id }, quantity, billCustomer: 'Billable', invoiceDescription: 'typed by hand', effectiveDate: '2026-01-01T00:00:00Z' });
	}
	const manual = state().additions.filter((a) => a.agreementId === agreement.id && a.product?.id === product.id);
	const create = {
		action: 'create', key: 'held-1', lineKey: 'line-1', tenantId: 't-1', companyId: agreement.company!.id, companyName: agreement.company!.name,
		agreementId: agreement.id, productIdentifier: product.identifier, quantity: 5, lessIncluded: 0, billCustomer: 'Billable', unitPrice: null,
		invoiceDescription: 'Microsoft 365 E3', effectiveDate: TODAY, currentQuantity: null, prorate: null, prorateCurrentPeriod: false, reasons: ['approved by test'],
	};
	const adopt = (line: { id: number; quantity?: number | null }) => ({ ...create, action: 'update', additionId: line.id, adopt: true, currentQuantity: line.quantity });
	sandbox.requests.clear();
	return { agreement, product, manual, create, adopt };
}

const linesOf = (agreementId: number, productId: number) => state().additions.filter((a) => a.agreementId === agreementId && a.product?.id === productId);
const billingOn = (agreementId: number, productId: number, date: string) =>
	linesOf(agreementId, productId).filter((a) => !a.cancelledDate || String(a.cancelledDate).slice(0, 10) > date);

describe('a create beside a manual line', () => {
	test.each([false, true])('is refused without a decision (dry run %s): the error names the line and the three choices, nothing is written', async (dryRun) => {
		const { agreement, product, manual, create } = await withManualLines([3]);
		const [refused] = await apply([create], dryRun);
		expect(refused.error).toBe(
			`Agreement ${agreement.id} already has unmarked addition ${manual[0].id} (3 seats) for ${product.identifier}; nothing was written: ` +
				'choose adopt (the sync takes the line over and sets its quantity), replace (cancel it and create a managed line) ' +
				'or addSecond (a second line beside it: the customer is billed for both, 3 + 5)',
		);
		expect(refused.details).toEqual(expect.objectContaining({ decisionNeeded: true, unmarkedAdditions: [{ additionId: manual[0].id, quantity: 3 }], key: 'held-1', action: 'create' }));
		expect(writes()).toEqual([]);
		expect(linesOf(agreement.id, product.id)).toHaveLength(1);
	});

	test('a manual line cancelled from the day the managed line starts is no reason to refuse', async () => {
		const { agreement, product, manual, create } = await withManualLines([3]);
		manual[0].cancelledDate = `${TODAY}T00:00:00Z`;
		const [out] = await apply([create]);
		expect(out).toEqual(expect.objectContaining({ applied: true }));
		expect(billingOn(agreement.id, product.id, TODAY).map((a) => [a.serialNumber, a.quantity])).toEqual([[MANAGED_MARKER, 5]]);
	});

	test('adopt: one line, the old addition id, now managed with the new quantity; a re-run writes nothing', async () => {
		const { agreement, product, manual, adopt } = await withManualLines([3]);
		const [out] = await apply([adopt(manual[0])]);
		expect(out).toEqual(expect.objectContaining({ action: 'update', applied: true, additionId: manual[0].id, before: expect.objectContaining({ quantity: 3, serialNumber: null }), after: expect.objectContaining({ quantity: 5, serialNumber: MANAGED_MARKER }) }));
		expect(out.reasons).toContain(`adopted addition ${manual[0].id}`);
		expect(out).not.toHaveProperty('cancelled');
		expect(linesOf(agreement.id, product.id)).toEqual([expect.objectContaining({ id: manual[0].id, serialNumber: MANAGED_MARKER, quantity: 5, invoiceDescription: 'Microsoft 365 E3' })]);
		expect(writes().map((w) => w.method)).toEqual(['PATCH']);

		sandbox.requests.clear();
		const [again] = await apply([adopt(manual[0])]);
		expect(again).toEqual(expect.objectContaining({ applied: false, reasons: expect.arrayContaining(['already up to date in the PSA']) }));
		expect(writes()).toEqual([]);
	});

	test('adopt is refused when the line changed since the decision, or when the sync already has a line for the product', async () => {
		const { agreement, product, manual, create, adopt } = await withManualLines([3]);
		manual[0].quantity = 4;
		const [changed] = await apply([adopt({ id: manual[0].id, quantity: 3 })]);
		expect(changed.error).toBe(`Addition ${manual[0].id} has quantity 4 in the PSA but the plan expected 3; nothing was changed`);
		manual[0].quantity = 3;
		await cwRequest(sandbox, 'POST', `/finance/agreements/${agreement.id}/additions`, { product: { id: product.id }, quantity: 5, billCustomer: 'Billable', serialNumber: MANAGED_MARKER });
		const managed = linesOf(agreement.id, product.id).find((a) => a.serialNumber === MANAGED_MARKER)!;
		sandbox.requests.clear();
		const [second] = await apply([adopt(manual[0])]);
		expect(second.error).toBe(`Agreement ${agreement.id} already has managed addition ${managed.id} for ${product.identifier}; addition ${manual[0].id} was not adopted`);
		expect(writes()).toEqual([]);
		expect(create.quantity).toBe(5);
	});

	test('adopt one of two manual lines: refused unless the other is cancelled (or a second line was chosen)', async () => {
		const { agreement, product, manual, adopt } = await withManualLines([3, 2]);
		const [refused] = await apply([adopt(manual[0])]);
		expect(refused.error).toMatch(new RegExp(`^Agreement ${agreement.id} already has unmarked addition ${manual[1].id} \\(2 seats\\) for .*nothing was written: choose adopt`));
		expect(writes()).toEqual([]);

		const [out] = await apply([{ ...adopt(manual[0]), cancelAdditions: [{ additionId: manual[1].id, quantity: 2 }] }]);
		expect(out).toEqual(expect.objectContaining({ applied: true, additionId: manual[0].id, cancelled: [{ additionId: manual[1].id, quantity: 2, cancelledDate: TODAY, previousCancelledDate: null, applied: true }] }));
		expect(billingOn(agreement.id, product.id, TODAY).map((a) => [a.id, a.serialNumber, a.quantity])).toEqual([[manual[0].id, MANAGED_MARKER, 5]]);
		// The cancel first, then the line.
		expect(writes().map((w) => [w.method, w.path.replace(/^.*\/apis\/3\.0/, '')])).toEqual([
			['PATCH', `/finance/agreements/${agreement.id}/additions/${manual[1].id}`],
			['PATCH', `/finance/agreements/${agreement.id}/additions/${manual[0].id}`],
		]);
	});

	test('replace: the manual line is cancelled from the day the managed line starts, one line bills; a re-run writes nothing', async () => {
		const { agreement, product, manual, create } = await withManualLines([3]);
		const item = { ...create, cancelAdditions: [{ additionId: manual[0].id, quantity: 3 }] };
		const [out] = await apply([item]);
		expect(out).toEqual(expect.objectContaining({ action: 'create', applied: true, cancelled: [{ additionId: manual[0].id, quantity: 3, cancelledDate: TODAY, previousCancelledDate: null, applied: true }] }));
		expect(writes().map((w) => w.method)).toEqual(['PATCH', 'POST']);
		expect(String(state().additions.find((a) => a.id === manual[0].id)!.cancelledDate)).toBe(`${TODAY}T00:00:00Z`);
		expect(billingOn(agreement.id, product.id, TODAY)).toEqual([expect.objectContaining({ id: out.additionId, serialNumber: MANAGED_MARKER, quantity: 5 })]);

		sandbox.requests.clear();
		const [again] = await apply([item]);
		expect(again).toEqual(expect.objectContaining({ applied: false, additionId: out.additionId, reasons: expect.arrayContaining(['already created in the PSA']) }));
		expect(writes()).toEqual([]);
	});

	test('replace after a crash between the cancel and the create: the re-run only creates', async () => {
		const { agreement, product, manual, create } = await withManualLines([3]);
		const item = { ...create, cancelAdditions: [{ additionId: manual[0].id, quantity: 3 }] };
		sandbox.faults.serverError('cw POST /finance/agreements/{id}/additions', { count: 1, status: 503 });
		const [failed] = await apply([item]);
		expect(failed.error).toMatch(/answered 503/);
		// After a 5xx the create may have happened: the cancelled line stays cancelled, the audit says so.
		expect(failed.details.cancelled).toEqual([expect.objectContaining({ additionId: manual[0].id, applied: true })]);
		expect(billingOn(agreement.id, product.id, TODAY)).toEqual([]);

		sandbox.requests.clear();
		const [again] = await apply([item]);
		expect(again).toEqual(expect.objectContaining({ applied: true, cancelled: [expect.objectContaining({ additionId: manual[0].id, applied: false })] }));
		expect(writes().map((w) => w.method)).toEqual(['POST']);
		expect(billingOn(agreement.id, product.id, TODAY)).toEqual([expect.objectContaining({ serialNumber: MANAGED_MARKER, quantity: 5 })]);
	});

	test('replace whose create ConnectWise refuses (400): the manual line bills again as before', async () => {
		const { agreement, product, manual, create } = await withManualLines([3]);
		sandbox.faults.serverError('cw POST /finance/agreements/{id}/additions', { count: 1, status: 400 });
		const [failed] = await apply([{ ...create, cancelAdditions: [{ additionId: manual[0].id, quantity: 3 }] }]);
		expect(failed.error).toMatch(new RegExp(`answered 400.*; addition ${manual[0].id}, cancelled for it, bills again as before$`));
		expect(failed.details.cancelled).toEqual([expect.objectContaining({ additionId: manual[0].id, applied: false, restored: true })]);
		expect(linesOf(agreement.id, product.id)).toEqual([expect.objectContaining({ id: manual[0].id, quantity: 3 })]);
		expect(state().additions.find((a) => a.id === manual[0].id)!.cancelledDate ?? null).toBeNull();
	});

	test.each([
		{ name: 'its quantity changed since the decision', change: (m: { quantity?: number }) => (m.quantity = 7), message: /has quantity 7 in the PSA but the decision was made on 3; nothing was written$/ },
		{ name: 'it was marked as managed meanwhile', change: (m: { serialNumber?: string }) => (m.serialNumber = MANAGED_MARKER), message: /already has managed addition \d+ for .*; nothing was created$/ },
		{ name: 'it is a prorate line now', change: (m: { serialNumber?: string }) => (m.serialNumber = 'm365-license-sync-prorate#0badf00d'), message: /is a line of the sync \(serial number "m365-license-sync-prorate#0badf00d"\), not a manual line; nothing was written$/ },
		{ name: 'it is gone', change: (m: { id: number }) => state().additions.splice(state().additions.findIndex((a) => a.id === m.id), 1), message: /^Addition \d+ on agreement \d+ is not there any more; nothing was written$/ },
	])('replace is refused when $name', async ({ change, message }) => {
		const { manual, create } = await withManualLines([3]);
		change(manual[0] as never);
		const [refused] = await apply([{ ...create, cancelAdditions: [{ additionId: manual[0].id, quantity: 3 }] }]);
		expect(refused.error).toMatch(message);
		expect(writes()).toEqual([]);
	});

	test('addSecond: a second line only when chosen, the manual line untouched', async () => {
		const { agreement, product, manual, create } = await withManualLines([3]);
		const [out] = await apply([{ ...create, secondLine: true }]);
		expect(out).toEqual(expect.objectContaining({ applied: true }));
		expect(billingOn(agreement.id, product.id, TODAY).map((a) => [a.id, a.serialNumber ?? null, a.quantity]).sort()).toEqual(
			[[manual[0].id, null, 3], [out.additionId, MANAGED_MARKER, 5]].sort(),
		);
		expect(writes().map((w) => w.method)).toEqual(['POST']);
	});
});
