/**
 * Plan → Apply on Autotask, rule by rule, with hand-made plan items against the sandbox:
 * what is written (contract services, adjustments) and what is refused with nothing written.
 */
import type { IDataObject } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { AtContract, AtContractService } from '../../sandbox/autotask/types';
import { AUTOTASK_MANAGED_MARKER } from '../../sandbox/autotask/types';
import { utcToday } from '../../nodes/AutotaskPsa/helpers/context';
import { adjustFromExpected } from '../../nodes/AutotaskPsa/helpers/units';
import { createAutotaskClient, type AutotaskCredentialData } from '../../nodes/AutotaskPsa/transport';
import { autotaskCredential, autotaskRunner, json } from './autotaskRunner';

const TODAY = utcToday();

describe('Autotask Plan → Apply rules against the sandbox', () => {
	let sandbox: Sandbox;
	const { run } = autotaskRunner(() => autotaskCredential(sandbox));
	const at = () => sandbox.state.autotask;
	const units = (id: number) => at().contractServiceUnits.find((row) => row.contractServiceID === id)!.units;
	const skuOf = (service: AtContractService) => at().services.find((candidate) => candidate.id === service.serviceID)!.sku;
	const apply = async (items: IDataObject[]) => (await run({ resource: 'plan', operation: 'apply', dryRun: false }, json(items), 'continueRegularOutput')).outputs[0].map((item) => item.json);
	const activeContract = (where: (contract: AtContract) => boolean = () => true) => at().contracts.find((contract) => contract.status === 1 && contract.endDate.slice(0, 10) > TODAY && where(contract))!;
	const serviceOn = (managed: boolean) =>
		at().contractServices.find((service) => (service.internalDescription === AUTOTASK_MANAGED_MARKER) === managed && at().contracts.some((contract) => contract.id === service.contractID && contract.status === 1 && contract.endDate.slice(0, 10) > TODAY) && units(service.id) > 1)!;
	const update = (service: AtContractService, quantity: number, extra: IDataObject = {}): IDataObject => ({
		action: 'update',
		key: `k-${service.id}`,
		lineKey: `l-${service.id}`,
		agreementId: service.contractID,
		additionId: service.id,
		productIdentifier: skuOf(service),
		quantity,
		currentQuantity: units(service.id),
		invoiceDescription: service.invoiceDescription ?? '',
		effectiveDate: TODAY,
		...extra,
	});

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 40, seed: 9, today: TODAY });
	});
	afterAll(async () => await sandbox?.stop());
	beforeEach(() => sandbox.reset());

	it('changes the units of a managed service by the difference, and reports before/after', async () => {
		const service = serviceOn(true);
		const before = units(service.id);
		const [result] = await apply([update(service, before + 4)]);
		expect(result).toEqual(expect.objectContaining({ applied: true, before: expect.objectContaining({ quantity: before, marker: AUTOTASK_MANAGED_MARKER }), after: expect.objectContaining({ quantity: before + 4 }) }));
		expect(units(service.id)).toBe(before + 4);
		expect(at().adjustments).toEqual([expect.objectContaining({ contractServiceID: service.id, unitChange: 4 })]);
	});

	it('refuses a service changed since the plan was read, and one the sync does not manage, writing nothing', async () => {
		const managed = serviceOn(true);
		const manual = serviceOn(false);
		const results = await apply([update(managed, 50, { currentQuantity: units(managed.id) + 1 }), update(manual, 50)]);
		expect(results[0].error).toMatch(new RegExp(`^Contract service ${managed.id} has quantity ${units(managed.id)} in the PSA but the plan expected`));
		expect(results[1].error).toMatch(new RegExp(`^Contract service ${manual.id} on agreement ${manual.contractID} is not managed by this package \\(internal description`));
		expect(at().adjustments).toEqual([]);
	});

	it('reads the units again right before an adjustment: a change made in Autotask after Apply read the contract posts nothing', async () => {
		// Apply reads contracts in groups and the adjustment is a delta, so a read seconds old must not set it.
		const service = serviceOn(true);
		const client = createAutotaskClient(autotaskCredential(sandbox) as unknown as AutotaskCredentialData);
		const readByApply = units(service.id);
		at().contractServiceUnits.find((row) => row.contractServiceID === service.id)!.units = readByApply + 3; // a person's adjustment
		await expect(adjustFromExpected(client, service.contractID, service.id, readByApply, readByApply + 1, TODAY, TODAY)).rejects.toThrow(
			new RegExp(`^Contract service ${service.id} on contract ${service.contractID} changed since it was read: ${readByApply} units then, ${readByApply + 3} now; no adjustment was posted`),
		);
		expect(at().adjustments).toEqual([]);
		// Unchanged since the read: the delta goes in, from the units just read.
		const change = await adjustFromExpected(client, service.contractID, service.id, readByApply + 3, readByApply + 1, TODAY, TODAY);
		expect(change).toEqual(expect.objectContaining({ before: readByApply + 3, after: readByApply + 1, unitChange: -2, posted: true }));
		expect(units(service.id)).toBe(readByApply + 1);
	});

	it('adopts a manual service when the plan says so: the marker goes into its internal description, then its units change', async () => {
		const manual = serviceOn(false);
		const [result] = await apply([update(manual, units(manual.id) + 1, { adopt: true })]);
		expect(result).toEqual(expect.objectContaining({ applied: true, reasons: expect.arrayContaining([`adopted contract service ${manual.id}`]) }));
		expect(at().contractServices.find((service) => service.id === manual.id)!.internalDescription).toBe(AUTOTASK_MANAGED_MARKER);
	});

	it('refuses what an Autotask contract service cannot hold (an included quantity) before any write', async () => {
		const service = serviceOn(true);
		const [result] = await apply([update(service, units(service.id) + 2, { lessIncluded: 2 })]);
		expect(result.error).toMatch(/Autotask contract services have no included quantity \(lessIncluded 2\); nothing was written/);
		expect(at().adjustments).toEqual([]);
	});

	it('refuses a description longer than Autotask stores, and passes other plan actions through without a request', async () => {
		const service = serviceOn(true);
		sandbox.requests.clear();
		const results = await apply([update(service, units(service.id) + 1, { invoiceDescription: 'x'.repeat(1001) }), { action: 'unchanged', key: 'u-1', agreementId: service.contractID, additionId: service.id, productIdentifier: skuOf(service) }]);
		expect(results[0].error).toMatch(/1000/);
		expect(results[1]).toEqual(expect.objectContaining({ action: 'unchanged', applied: false, before: null, after: null }));
		expect(sandbox.requests.list().filter((record) => record.service === 'autotask')).toEqual([]);
	});

	it('refuses a contract of another company than the tenant is mapped to, naming both', async () => {
		const service = serviceOn(true);
		const contract = at().contracts.find((candidate) => candidate.id === service.contractID)!;
		const [result] = await apply([update(service, 1, { companyId: contract.companyID + 1, companyName: 'Someone Else', tenantId: 't-1' })]);
		expect(result.error).toMatch(new RegExp(`^Agreement ${contract.id} \\(.*\\) belongs to company .* \\(${contract.companyID}\\), not to Someone Else \\(${contract.companyID + 1}\\)`));
		expect(at().adjustments).toEqual([]);
	});

	it('creates a managed service with its units; when the adjustment fails, the next run finds the service and only sets the units', async () => {
		const contract = activeContract((candidate) => candidate.contractPeriodType === 'm');
		const taken = new Set(at().contractServices.filter((service) => service.contractID === contract.id).map((service) => service.serviceID));
		const service = at().services.find((candidate) => candidate.isActive && !taken.has(candidate.id))!;
		const create: IDataObject = { action: 'create', key: 'c-1', lineKey: 'cl-1', agreementId: contract.id, productIdentifier: service.sku, quantity: 9, invoiceDescription: 'Nine seats', effectiveDate: TODAY };
		sandbox.faults.serverError(`autotask POST /Contracts/${contract.id}/ServiceAdjustments`, { status: 503 });
		const [failed] = await apply([create]);
		expect(failed.error).toMatch(/Autotask PSA answered 503/);
		const made = at().contractServices.find((candidate) => candidate.contractID === contract.id && candidate.serviceID === service.id)!;
		expect(made.internalDescription).toBe(AUTOTASK_MANAGED_MARKER);
		expect(units(made.id)).toBe(0);
		// Reconcile would now plan an update of the marked service from 0; the rerun writes only the units.
		const [repaired] = await apply([{ ...create, action: 'update', additionId: made.id, currentQuantity: 0 }]);
		expect(repaired).toEqual(expect.objectContaining({ applied: true, additionId: made.id }));
		expect(units(made.id)).toBe(9);
		expect(at().contractServices.filter((candidate) => candidate.contractID === contract.id && candidate.serviceID === service.id)).toHaveLength(1);
	});

	it('replacing a manual service by a new one of the same service is refused by Autotask, and the manual one bills again as before', async () => {
		const manual = serviceOn(false);
		const before = units(manual.id);
		const [result] = await apply([
			{ action: 'create', key: 'r-1', lineKey: 'rl-1', agreementId: manual.contractID, productIdentifier: skuOf(manual), quantity: before + 1, invoiceDescription: 'x', effectiveDate: TODAY, cancelAdditions: [{ additionId: manual.id, quantity: before }] },
		]);
		expect(result.error).toMatch(new RegExp(`already on contract ${manual.contractID}`));
		expect(units(manual.id)).toBe(before);
		expect(at().adjustments.map((adjustment) => adjustment.unitChange)).toEqual([-before, before]);
	});
	it("reads the plan's contracts in a few `in` queries right before their writes, not several calls per contract", async () => {
		const managed = at().contractServices.filter((service) => service.internalDescription === AUTOTASK_MANAGED_MARKER && units(service.id) > 1 && at().contracts.some((contract) => contract.id === service.contractID && contract.status === 1 && contract.endDate.slice(0, 10) > TODAY));
		const oneEach = [...new Map(managed.map((service) => [service.contractID, service])).values()].slice(0, 8);
		expect(oneEach.length).toBeGreaterThanOrEqual(4);
		sandbox.requests.clear();
		const results = await apply(oneEach.map((service) => update(service, units(service.id) + 1)));
		expect(results.map((result) => result.applied)).toEqual(oneEach.map(() => true));
		const counts = sandbox.requests.countsByEndpoint();
		expect(counts['autotask POST /ContractServices/query']).toBe(1);
		// One units query for the group, then one right before each adjustment (a delta must come from units just read).
		expect(counts['autotask POST /ContractServiceUnits/query']).toBe(1 + oneEach.length);
		expect(counts['autotask POST /Contracts/query']).toBe(1);
		expect(counts['autotask GET /Contracts/{id}'] ?? 0).toBe(0);
		expect(counts['autotask GET /Companies/{id}'] ?? 0).toBe(0);
		expect(at().adjustments).toHaveLength(oneEach.length);
	});

	it('writes nothing for contracts whose services could not be read: each item fails with the error, never "no services"', async () => {
		const managed = at().contractServices.filter((service) => service.internalDescription === AUTOTASK_MANAGED_MARKER && units(service.id) > 1 && at().contracts.some((contract) => contract.id === service.contractID && contract.status === 1 && contract.endDate.slice(0, 10) > TODAY));
		const oneEach = [...new Map(managed.map((service) => [service.contractID, service])).values()].slice(0, 4);
		// A create of a service each contract already has: read as "no services", it would be added twice.
		const creates = oneEach.map((service) => ({ ...update(service, units(service.id)), action: 'create', additionId: null, currentQuantity: null, key: `c-${service.id}` }));
		sandbox.faults.serverError('autotask POST /ContractServices/query', { status: 403, count: 10 });
		sandbox.requests.clear();
		const results = await apply(creates);
		expect(results.map((result) => String(result.error))).toEqual(creates.map(() => expect.stringMatching(/403/)));
		const writes = sandbox.requests.list().filter((request) => request.service === 'autotask' && request.method !== 'GET' && !request.path.endsWith('/query'));
		expect(writes).toHaveLength(0);
		expect(at().adjustments).toEqual([]);
	});
});
