/**
 * The Autotask PSA node, every operation, in-process against the sandbox's Autotask stand-in:
 * what a user sees in the output and what Autotask then holds.
 */
import type { ICredentialTestFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { autotaskPsaApiTest } from '../../nodes/AutotaskPsa/methods/credentialTest';
import { searchCompanies, searchContracts, searchServices } from '../../nodes/AutotaskPsa/methods/listSearch';
import { startSandbox, type Sandbox } from '../../sandbox';
import { IMPERSONATED_RESOURCE_ID } from '../../sandbox/autotask/seed';
import { AUTOTASK_MANAGED_MARKER, AUTOTASK_TENANT_UDF } from '../../sandbox/autotask/types';
import { autotaskCredential, autotaskRunner, json } from './autotaskRunner';

describe('Autotask PSA node against the sandbox', () => {
	let sandbox: Sandbox;
	const { run, autotask, readLines } = autotaskRunner(() => autotaskCredential(sandbox));
	const at = () => sandbox.state.autotask;
	const posts = () => sandbox.requests.list().filter((record) => record.service === 'autotask' && record.method !== 'GET' && !record.endpoint.endsWith('/query') && !record.endpoint.endsWith('/query/count'));

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 30, seed: 3 });
	});
	afterAll(async () => await sandbox?.stop());
	beforeEach(() => sandbox.reset());

	describe('credential test', () => {
		const test = async (overrides: Record<string, string> = {}) =>
			await autotaskPsaApiTest.call({} as ICredentialTestFunctions, { id: '1', name: 'at', type: 'autotaskPsaApi', data: autotaskCredential(sandbox, overrides) });

		it.each([
			['everything right', {}, 'OK', /^Connected to Autotask PSA at http:\/\/127\.0\.0\.1:\d+\/autotask\/webservices15\/ATServicesRest\/; 1 of 10000 requests used this hour$/],
			['a wrong secret', { secret: 'wrong' }, 'Error', /did not accept the Secret for API user/],
			['a wrong integration code', { integrationCode: 'WRONG' }, 'Error', /did not accept the API Integration Code/],
			['an unknown API user', { userName: 'nobody@example.com' }, 'Error', /knows no API user "nobody@example.com" in any zone: check the API User Name .*\(Autotask said: Zone information could not be found for user nobody@example.com\.\)$/],
			['a zone URL that is not a zone', { zone: 'manual', zoneUrl: 'http://127.0.0.1:1/nothing' }, 'Error', /Could not reach Autotask at the zone URL/],
			['a plain-http zone URL', { zone: 'manual', zoneUrl: 'http://webservices5.autotask.net/ATServicesRest/' }, 'Error', /must use https/],
			['an impersonation id that is no resource', { impersonationResourceId: '12' }, 'Error', /did not accept the Impersonation Resource ID/],
		])('says which field is wrong: %s', async (_case, overrides, status, message) => {
			const result = await test(overrides);
			expect(result.status).toBe(status);
			expect(result.message).toMatch(message);
			expect(result.message).not.toContain(sandbox.credentials.autotask.secret);
		});

		it('works with the zone given by hand', async () => {
			const result = await test({ zone: 'manual', zoneUrl: `${sandbox.credentials.autotask.zoneUrl}V1.0` });
			expect(result).toEqual({ status: 'OK', message: expect.stringContaining('webservices15') });
		});
	});

	describe('Company', () => {
		it('gets many by name and by the tenant id user-defined field, with domains from the website', async () => {
			const company = at().companies.find((candidate) => candidate.userDefinedFields[0].value && candidate.webAddress)!;
			const byName = await autotask({ resource: 'company', operation: 'getAll', returnAll: true, filters: { name: company.companyName, nameMatch: 'exact' } });
			expect(byName.map((item) => item.json)).toEqual([
				expect.objectContaining({ companyId: company.id, name: company.companyName, tenantId: company.userDefinedFields[0].value, website: company.webAddress, domains: expect.any(Array) }),
			]);
			const byTenant = await autotask({ resource: 'company', operation: 'getAll', returnAll: true, filters: { tenantId: company.userDefinedFields[0].value! } });
			expect(byTenant.map((item) => item.json.companyId)).toEqual([company.id]);
		});

		it('pages past 500 companies with nextPageUrl', async () => {
			const big = await startSandbox({ tenants: 520, seed: 4 });
			try {
				const result = await runNodeFor(big, { resource: 'company', operation: 'getAll', returnAll: true, filters: { activeOnly: false } });
				expect(result.map((item) => item.json.companyId)).toEqual(big.state.autotask.companies.map((company) => company.id).sort((a, b) => a - b));
				expect(big.requests.countsByEndpoint()).toEqual(expect.objectContaining({ 'autotask POST /Companies/query': 1, 'autotask GET /Companies/query/next': expect.any(Number) }));
			} finally {
				await big.stop();
			}
		});

		it('gets one and records a tenant id in its user-defined field', async () => {
			const company = at().companies.find((candidate) => !candidate.userDefinedFields[0].value)!;
			const [got] = await autotask({ resource: 'company', operation: 'get', companyId: { __rl: true, mode: 'id', value: String(company.id) } });
			expect(got.json).toEqual(expect.objectContaining({ companyId: company.id, name: company.companyName }));
			const [updated] = await autotask({ resource: 'company', operation: 'update', companyId: { __rl: true, mode: 'id', value: String(company.id) }, updateFields: { tenantId: '11111111-2222-3333-4444-555555555555' } });
			expect(updated.json.tenantId).toBe('11111111-2222-3333-4444-555555555555');
			expect(at().companies.find((candidate) => candidate.id === company.id)!.userDefinedFields).toEqual([{ name: AUTOTASK_TENANT_UDF, value: '11111111-2222-3333-4444-555555555555' }]);
		});

		it('refuses a user-defined field the company does not have, naming the ones it has, and writes nothing', async () => {
			const company = at().companies[3];
			const result = await run({ resource: 'company', operation: 'update', companyId: { __rl: true, mode: 'id', value: String(company.id) }, updateFields: { udfs: { field: [{ name: 'Nope', value: 'x' }] } } }, [{ json: {} }], 'continueRegularOutput');
			expect(result.outputs[0][0].json).toEqual(expect.objectContaining({ error: 'The company has no user-defined field named "Nope"', details: expect.objectContaining({ description: `User-defined fields on companies: ${AUTOTASK_TENANT_UDF}` }) }));
			expect(posts()).toEqual([]);
		});
	});

	describe('Contract', () => {
		it("gets a company's contracts with the agreement facts License Reconcile reads (C2)", async () => {
			const contract = at().contracts.find((candidate) => candidate.status === 1 && candidate.contractPeriodType === 'm')!;
			const company = at().companies.find((candidate) => candidate.id === contract.companyID)!;
			const items = await autotask({ resource: 'contract', operation: 'getAll', returnAll: true, companyId: { __rl: true, mode: 'id', value: String(company.id) } });
			expect(items.map((item) => item.json.agreementId)).toEqual(at().contracts.filter((candidate) => candidate.companyID === company.id).map((candidate) => candidate.id));
			const item = items.find((candidate) => candidate.json.agreementId === contract.id)!;
			expect(item.json).toEqual(
				expect.objectContaining({
					kind: 'contract',
					contractId: contract.id,
					contractType: 'Recurring Service',
					agreementStatus: 'Active',
					agreementType: sandbox.state.agreements.find((agreement) => agreement.id === contract.id)!.type!.name,
					agreementCompanyId: company.id,
					agreementCompanyName: company.companyName,
					agreementStartDate: contract.startDate.slice(0, 10),
					agreementEndDate: contract.endDate.slice(0, 10),
					agreementNoEndingDate: false,
					agreementProrate: false,
					billingCycle: 'Monthly',
				}),
			);
			const [one] = await autotask({ resource: 'contract', operation: 'get', agreementId: { __rl: true, mode: 'id', value: String(contract.id) } });
			expect(one.json).toEqual(item.json);
		});

		it('filters by category and status', async () => {
			const items = await autotask({ resource: 'contract', operation: 'getAll', returnAll: true, filters: { activeOnly: true, category: 'M365 Annual' } });
			const expected = at().contracts.filter((contract) => contract.status === 1 && contract.contractCategory === 2).map((contract) => contract.id);
			expect(expected.length).toBeGreaterThan(0);
			expect(items.map((item) => item.json.agreementId)).toEqual(expected);
			expect(await autotask({ resource: 'contract', operation: 'getAll', returnAll: true, filters: { category: 'No Such Category' } })).toEqual([]);
		});
	});

	describe('Contract Category', () => {
		it('lists the active contract categories by name, the names contracts report as agreementType; inactive ones on request', async () => {
			const active = await autotask({ resource: 'contractCategory', operation: 'getAll' });
			expect(active.map((item) => item.json)).toEqual([
				{ categoryId: 1, name: 'M365 Monthly', active: true },
				{ categoryId: 2, name: 'M365 Annual', active: true },
				{ categoryId: 3, name: 'Managed Services', active: true },
				{ categoryId: 4, name: 'Block Time', active: true },
			]);
			const contracts = await autotask({ resource: 'contract', operation: 'getAll', returnAll: true, filters: { activeOnly: true } });
			const names = active.map((item) => item.json.name);
			expect(contracts.length).toBeGreaterThan(0);
			for (const contract of contracts) expect(names).toContain(contract.json.agreementType);
			const all = await autotask({ resource: 'contractCategory', operation: 'getAll', filters: { includeInactive: true, name: 'hosting' } });
			expect(all.map((item) => item.json)).toEqual([{ categoryId: 90, name: 'Legacy Hosting', active: false }]);
		});

		it('fails the item with the reason when the picklist cannot be read', async () => {
			sandbox.faults.serverError('autotask GET /Contracts/entityInformation/fields', { status: 403 });
			const result = await run({ resource: 'contractCategory', operation: 'getAll' }, undefined, 'continueRegularOutput');
			expect(result.outputs[0]).toHaveLength(1);
			expect(String(result.outputs[0][0].json.error)).toMatch(/contract categories/);
		});
	});

	describe('Contract Service', () => {
		it('lists a contract\'s services with their current units, the marker and the contract facts', async () => {
			const service = at().contractServices.find((candidate) => candidate.internalDescription === AUTOTASK_MANAGED_MARKER)!;
			const manual = at().contractServices.find((candidate) => candidate.internalDescription !== AUTOTASK_MANAGED_MARKER)!;
			const lines = await readLines([service.contractID, manual.contractID]);
			const line = lines.find((item) => item.json.additionId === service.id)!;
			expect(line.json).toEqual(
				expect.objectContaining({
					kind: 'addition',
					agreementId: service.contractID,
					productIdentifier: at().services.find((candidate) => candidate.id === service.serviceID)!.sku,
					quantity: at().contractServiceUnits.find((row) => row.contractServiceID === service.id)!.units,
					lessIncluded: 0,
					marker: AUTOTASK_MANAGED_MARKER,
					serialNumber: AUTOTASK_MANAGED_MARKER,
					managed: true,
					agreementStatus: expect.any(String),
					agreementCompanyId: at().contracts.find((contract) => contract.id === service.contractID)!.companyID,
				}),
			);
			expect(lines.find((item) => item.json.additionId === manual.id)!.json).toEqual(expect.objectContaining({ managed: false }));
			expect(lines.every((item, index) => item.pairedItem && (item.pairedItem as { item: number }).item === (item.json.agreementId === service.contractID ? 0 : 1) && index >= 0)).toBe(true);
		});

		it('gives a contract without services one agreement item, and a failed read a C1 failure item naming the contract', async () => {
			const empty = at().contracts.find((contract) => !at().contractServices.some((service) => service.contractID === contract.id))!;
			const failing = at().contracts.find((contract) => at().contractServices.some((service) => service.contractID === contract.id))!;
			sandbox.faults.serverError('autotask POST /ContractServices/query', { status: 500, after: 1 });
			const result = await run({ resource: 'contractService', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, json([{ agreementId: empty.id }, { agreementId: failing.id }]), 'continueRegularOutput');
			const [first, second] = result.outputs[0];
			expect(first.json).toEqual(expect.objectContaining({ kind: 'agreement', agreementId: empty.id, additionId: null }));
			expect(second.json).toEqual(expect.objectContaining({ error: expect.stringContaining(`list the services of contract ${failing.id}`), agreementId: failing.id, details: expect.objectContaining({ service: 'Autotask PSA', httpCode: 500 }) }));
		});

		it('sends a failed read to the error output with the contract it was about (continue, error output)', async () => {
			const [ok, failing] = at().contracts.filter((contract) => at().contractServices.some((service) => service.contractID === contract.id));
			sandbox.faults.serverError(`autotask GET /Contracts/${failing.id}`, { status: 403 });
			const result = await run({ resource: 'contractService', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, json([{ agreementId: ok.id }, { agreementId: failing.id }]), 'continueErrorOutput');
			const [regular, errors] = result.outputs;
			expect(new Set(regular.map((item) => item.json.agreementId))).toEqual(new Set([ok.id]));
			expect(errors.map((item) => item.json)).toEqual([expect.objectContaining({ agreementId: failing.id, error: expect.stringContaining(`read contract ${failing.id}`) })]);
			expect(errors[0].pairedItem).toEqual({ item: 1 });
		});

		it('adds a service to a contract with its units, marked as managed, and refuses to add it twice', async () => {
			const contract = at().contracts.find((candidate) => candidate.status === 1 && candidate.contractPeriodType === 'm')!;
			const onContract = new Set(at().contractServices.filter((service) => service.contractID === contract.id).map((service) => service.serviceID));
			const service = at().services.find((candidate) => candidate.isActive && !onContract.has(candidate.id))!;
			const parameters = { resource: 'contractService', operation: 'create', agreementId: { __rl: true, mode: 'id', value: String(contract.id) }, serviceId: { __rl: true, mode: 'id', value: String(service.id) }, units: 12, fields: { invoiceDescription: 'Microsoft 365 (12)' } };
			const [created] = await autotask(parameters);
			expect(created.json).toEqual(expect.objectContaining({ result: 'created', quantity: 12, managed: true, invoiceDescription: 'Microsoft 365 (12)', unitPrice: service.unitPrice }));
			expect(at().adjustments).toEqual([expect.objectContaining({ contractServiceID: created.json.additionId, unitChange: 12 })]);
			sandbox.requests.clear();
			const again = await run(parameters, [{ json: {} }], 'continueRegularOutput');
			expect(again.outputs[0][0].json.error).toBe(`Service ${service.id} is already on contract ${contract.id} (contract service ${String(created.json.additionId)})`);
			expect(posts()).toEqual([]);
		});

		it('sets units through one adjustment of the difference, read right before; the same again posts nothing', async () => {
			const service = at().contractServices.find((candidate) => at().contracts.find((contract) => contract.id === candidate.contractID)!.status === 1)!;
			const before = at().contractServiceUnits.find((row) => row.contractServiceID === service.id)!.units;
			const parameters = { resource: 'contractService', operation: 'setUnits', agreementId: { __rl: true, mode: 'id', value: String(service.contractID) }, contractServiceId: String(service.id), units: before + 3 };
			const [changed] = await autotask(parameters);
			expect(changed.json).toEqual(expect.objectContaining({ result: 'updated', before, after: before + 3, unitChange: 3, posted: true }));
			const [rerun] = await autotask(parameters);
			expect(rerun.json).toEqual(expect.objectContaining({ result: 'unchanged', before: before + 3, after: before + 3, unitChange: 0, posted: false }));
			expect(at().adjustments.map((adjustment) => adjustment.unitChange)).toEqual([3]);
			expect(at().contractServiceUnits.find((row) => row.contractServiceID === service.id)!.units).toBe(before + 3);
		});
	});

	describe('Service and Contact', () => {
		it('lists catalog services by search text', async () => {
			const items = await autotask({ resource: 'service', operation: 'getAll', returnAll: true, filters: { search: 'BACKUP' } });
			expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ identifier: 'BACKUP-365', name: 'Microsoft 365 Backup - per user', price: 3, inactive: false })]);
		});

		it('creates a contact by email, updates it, leaves it unchanged, lists and deactivates it', async () => {
			const company = at().companies[2];
			const upsert = (fields: Record<string, string>) => autotask({ resource: 'contact', operation: 'upsert', companyId: { __rl: true, mode: 'id', value: String(company.id) }, email: 'ada@example.org', contactFields: fields });
			const [created] = await upsert({ firstName: 'Ada' });
			expect(created.json).toEqual(expect.objectContaining({ result: 'created', firstName: 'Ada', email: 'ada@example.org', companyId: company.id, inactive: false }));
			expect((await upsert({ lastName: 'Lovelace' }))[0].json).toEqual(expect.objectContaining({ result: 'updated', lastName: 'Lovelace' }));
			expect((await upsert({ lastName: 'Lovelace', firstName: '' }))[0].json.result).toBe('unchanged');
			const listed = await autotask({ resource: 'contact', operation: 'getAll', returnAll: true, companyId: { __rl: true, mode: 'id', value: String(company.id) }, filters: { email: 'ada@example.org' } });
			expect(listed.map((item) => item.json.contactId)).toEqual([created.json.contactId]);
			const [deactivated] = await autotask({ resource: 'contact', operation: 'deactivate', contactId: String(created.json.contactId) });
			expect(deactivated.json).toEqual(expect.objectContaining({ result: 'deactivated', inactive: true }));
			expect(at().contacts.find((contact) => contact.id === created.json.contactId)!.isActive).toBe(0);
		});
	});

	describe('list search', () => {
		const context = (parameters: Record<string, unknown> = {}) =>
			({ getCredentials: async () => autotaskCredential(sandbox), getCurrentNodeParameter: (name: string) => parameters[name] }) as unknown as ILoadOptionsFunctions;

		it('finds companies, a company\'s contracts and services, page by page', async () => {
			const first = await searchCompanies.call(context());
			const active = at().companies.filter((company) => company.isActive).map((company) => String(company.id));
			expect(first.results.map((result) => result.value)).toEqual(active.slice(0, 50));
			// A full page hands on the last id shown; the next page starts after it.
			const second = await searchCompanies.call(context(), undefined, first.paginationToken ?? String(Number(active[active.length - 1])));
			expect(second.results.map((result) => result.value)).toEqual(active.slice(50, 100));
			const company = at().companies.find((candidate) => at().contracts.some((contract) => contract.companyID === candidate.id))!;
			const named = await searchCompanies.call(context(), company.companyName.slice(0, 8));
			expect(named.results.map((result) => result.value)).toContain(String(company.id));
			const contracts = await searchContracts.call(context({ companyId: String(company.id) }));
			expect(contracts.results.map((result) => Number(result.value))).toEqual(at().contracts.filter((contract) => contract.companyID === company.id).map((contract) => contract.id));
			const services = await searchServices.call(context(), 'E3');
			expect(services.results.length).toBeGreaterThan(0);
			expect(services.results.every((result) => /E3/i.test(String(result.name)))).toBe(true);
		});
	});

	describe('service list search', () => {
		const context = () => ({ getCredentials: async () => autotaskCredential(sandbox), getCurrentNodeParameter: () => undefined }) as unknown as ILoadOptionsFunctions;

		it('pages the Services query 50 at a time (after the last id shown), active services only, filtered by name or SKU', async () => {
			const template = at().services[0];
			for (let n = 0; n < 70; n++) at().services.push({ ...template, id: 90000 + n, name: `Test seat ${n}`, sku: `ZZ-SEAT-${String(n).padStart(2, '0')}`, isActive: n !== 69 });
			const active = at().services.filter((service) => service.isActive).map((service) => String(service.id));
			const seen: string[] = [];
			let token: string | undefined;
			do {
				const page = await searchServices.call(context(), undefined, token);
				expect(page.results.length).toBeLessThanOrEqual(50);
				seen.push(...page.results.map((result) => String(result.value)));
				token = page.paginationToken as string | undefined;
			} while (token);
			expect(seen).toEqual(active);
			const bySku = await searchServices.call(context(), 'zz-seat-1');
			expect(bySku.results.map((result) => result.name)).toEqual(Array.from({ length: 10 }, (_, n) => `Test seat 1${n} — ZZ-SEAT-1${n}`));
			expect((await searchServices.call(context(), 'Test seat 69')).results).toEqual([]);
		});
	});

	describe('faults', () => {
		it('retries a throttled read and gets the answer', async () => {
			sandbox.faults.throttle('autotask POST /Companies/query', { count: 2, retryAfterSeconds: 0 });
			const items = await autotask({ resource: 'company', operation: 'getAll', returnAll: true });
			expect(items.length).toBe(at().companies.filter((company) => company.isActive).length);
			expect(sandbox.requests.list().filter((record) => record.endpoint === 'autotask POST /Companies/query').map((record) => record.status)).toEqual([429, 429, 200]);
		});

		it('never sends an adjustment twice after a lost connection: the item fails, and the next run reads and posts once', async () => {
			const service = at().contractServices.find((candidate) => at().contracts.find((contract) => contract.id === candidate.contractID)!.status === 1)!;
			const before = at().contractServiceUnits.find((row) => row.contractServiceID === service.id)!.units;
			const parameters = { resource: 'contractService', operation: 'setUnits', agreementId: { __rl: true, mode: 'id', value: String(service.contractID) }, contractServiceId: String(service.id), units: before + 2 };
			sandbox.faults.reset('autotask POST /Contracts/{id}/ServiceAdjustments');
			const failed = await run(parameters, [{ json: {} }], 'continueRegularOutput');
			expect(failed.outputs[0][0].json).toEqual(expect.objectContaining({ error: expect.stringContaining('closed unexpectedly'), agreementId: service.contractID, additionId: service.id, details: expect.objectContaining({ service: 'Autotask PSA' }) }));
			expect(sandbox.requests.list().filter((record) => record.endpoint === 'autotask POST /Contracts/{id}/ServiceAdjustments')).toHaveLength(1);
			const [done] = await autotask(parameters);
			expect(done.json).toEqual(expect.objectContaining({ before, after: before + 2, posted: true }));
			expect(at().adjustments.map((adjustment) => adjustment.unitChange)).toEqual([2]);
		});

		it('writes in the name of the impersonated resource when the credential names one', async () => {
			const service = at().contractServices.find((candidate) => at().contracts.find((contract) => contract.id === candidate.contractID)!.status === 1)!;
			const before = at().contractServiceUnits.find((row) => row.contractServiceID === service.id)!.units;
			const impersonating = autotaskRunner(() => autotaskCredential(sandbox, { impersonationResourceId: String(IMPERSONATED_RESOURCE_ID) }));
			await impersonating.autotask({ resource: 'contractService', operation: 'setUnits', agreementId: { __rl: true, mode: 'id', value: String(service.contractID) }, contractServiceId: String(service.id), units: before + 1 });
			expect(at().adjustments).toEqual([expect.objectContaining({ unitChange: 1, resourceID: IMPERSONATED_RESOURCE_ID })]);
		});
	});

	describe('hourly request threshold', () => {
		it('stops before the threshold with an error that says why, and sends nothing more', async () => {
			const small = await startSandbox({ tenants: 10, seed: 3, autotaskThreshold: 20 });
			try {
				const ids = small.state.autotask.contracts.map((contract) => ({ agreementId: contract.id }));
				const result = await runNode2(small, { resource: 'contractService', operation: 'getAll', agreementId: '={{ $json.agreementId }}', options: { concurrency: 1 } }, json(ids));
				const failures = result.filter((item) => item.json.error);
				expect(failures.length).toBeGreaterThan(0);
				expect(failures[0].json.error).toMatch(/^Autotask's hourly API limit is nearly used \(\d+ of 20 requests in the last hour\): this node stops at 90 %/);
				// It stopped itself: Autotask never had to refuse a request.
				expect(small.requests.list().filter((record) => record.status === 429)).toEqual([]);
				expect(small.requests.list().filter((record) => record.service === 'autotask' && record.endpoint !== 'autotask GET /zoneInformation').length).toBeLessThanOrEqual(18);
			} finally {
				await small.stop();
			}
		});
	});
});

async function runNodeFor(sandbox: Sandbox, parameters: Record<string, unknown>) {
	return await autotaskRunner(() => autotaskCredential(sandbox)).autotask(parameters as never);
}

async function runNode2(sandbox: Sandbox, parameters: Record<string, unknown>, inputs: ReturnType<typeof json>) {
	const result = await autotaskRunner(() => autotaskCredential(sandbox)).run(parameters as never, inputs, 'continueRegularOutput');
	return result.outputs[0];
}
