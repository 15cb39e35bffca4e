import { AutotaskApiError, AutotaskRestApi } from '@apigrate/autotask-restapi';
import { startSandbox, type Sandbox } from '../../sandbox';
import { AUTOTASK_MANAGED_MARKER, AUTOTASK_TENANT_UDF } from '../../sandbox/autotask/types';
import { IMPERSONATED_RESOURCE_ID } from '../../sandbox/autotask/seed';

type Page<T> = { items: T[]; pageDetails: { count: number; nextPageUrl: string | null } };

/** The independent client, pointed at the sandbox's stand-in for webservices.autotask.net: it finds the zone itself. */
function clientFor(sandbox: Sandbox, overrides: Partial<{ userName: string; secret: string; integrationCode: string }> = {}) {
	const { userName, secret, integrationCode } = { ...sandbox.credentials.autotask, ...overrides };
	return new AutotaskRestApi(userName, secret, integrationCode, { base_url: `${sandbox.urls.autotask}/webservices/ATServicesRest/` });
}

describe('@apigrate/autotask-restapi against the Autotask sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 60, seed: 11, today: '2026-03-14' });
	});
	afterAll(() => sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('finds the zone through zoneInformation and reads companies there with a filter', async () => {
		const client = clientFor(sandbox);
		const company = sandbox.state.autotask.companies[4];
		const found = (await client.Companies.query({ filter: [{ op: 'eq', field: 'companyName', value: company.companyName.toUpperCase() }] })) as Page<unknown>;
		expect(client.zoneInfo).toEqual(expect.objectContaining({ url: sandbox.credentials.autotask.zoneUrl, ci: 15 }));
		expect(found.items).toEqual([company]);
		expect(found.pageDetails).toEqual(expect.objectContaining({ count: 1, nextPageUrl: null }));
		expect(sandbox.requests.countsByEndpoint()).toEqual(expect.objectContaining({ 'autotask GET /zoneInformation': 1, 'autotask POST /Companies/query': 1 }));
	});

	it('filters on a user-defined field, with or-groups, in, and IncludeFields', async () => {
		const client = clientFor(sandbox);
		const withTenant = sandbox.state.autotask.companies.filter((company) => company.userDefinedFields[0].value);
		const tenantId = withTenant[0].userDefinedFields[0].value!;
		const byUdf = (await client.Companies.query({ filter: [{ op: 'eq', field: AUTOTASK_TENANT_UDF, udf: true, value: tenantId }] })) as Page<{ id: number }>;
		expect(byUdf.items.map((company) => company.id)).toEqual([withTenant[0].id]);
		const [a, b] = sandbox.state.autotask.contracts;
		const grouped = (await client.Contracts.query({
			IncludeFields: ['contractName'],
			filter: [{ op: 'or', items: [{ op: 'eq', field: 'id', value: a.id }, { op: 'in', field: 'id', value: [b.id] }] }],
		})) as Page<Record<string, unknown>>;
		expect(grouped.items).toEqual([{ id: a.id, contractName: a.contractName }, { id: b.id, contractName: b.contractName }]);
	});

	it('pages by MaxRecords with nextPageUrl until it is null, in id order', async () => {
		const client = clientFor(sandbox);
		const first = (await client.Companies.query({ MaxRecords: 25, filter: [{ op: 'gte', field: 'id', value: 0 }] })) as Page<{ id: number }>;
		const ids = first.items.map((company) => company.id);
		let next = first.pageDetails.nextPageUrl;
		const { userName, secret, integrationCode } = sandbox.credentials.autotask;
		while (next) {
			const page = (await (await fetch(next, { headers: { UserName: userName, Secret: secret, ApiIntegrationCode: integrationCode } })).json()) as Page<{ id: number }>;
			ids.push(...page.items.map((company) => company.id));
			next = page.pageDetails.nextPageUrl;
		}
		expect(ids).toEqual(sandbox.state.autotask.companies.map((company) => company.id).sort((x, y) => x - y));
		const count = (await client.Companies.count({ filter: [{ op: 'gte', field: 'id', value: 0 }] })) as { queryCount: number };
		expect(count.queryCount).toBe(ids.length);
	});

	it('adds a service to a contract, then changes its units only through adjustments (a delta from an effective date)', async () => {
		const client = clientFor(sandbox);
		const contract = sandbox.state.autotask.contracts.find((candidate) => candidate.status === 1 && candidate.contractPeriodType === 'm')!;
		const onContract = new Set(sandbox.state.autotask.contractServices.filter((service) => service.contractID === contract.id).map((service) => service.serviceID));
		const service = sandbox.state.autotask.services.find((candidate) => candidate.isActive && !onContract.has(candidate.id))!;
		const created = (await client.ContractServices.create(contract.id, { contractID: contract.id, serviceID: service.id, unitPrice: 12.5, internalDescription: AUTOTASK_MANAGED_MARKER })) as { itemId: number };
		await client.ContractServiceAdjustments.create(contract.id, { contractID: contract.id, contractServiceID: created.itemId, unitChange: 7, effectiveDate: '2026-03-14' });
		await client.ContractServiceAdjustments.create(contract.id, { contractID: contract.id, contractServiceID: created.itemId, unitChange: -2, effectiveDate: '2026-03-14' }, { ImpersonationResourceId: IMPERSONATED_RESOURCE_ID });
		const units = (await client.ContractServiceUnits.query({ filter: [{ op: 'eq', field: 'contractServiceID', value: created.itemId }] })) as Page<{ units: number; startDate: string }>;
		expect(units.items).toEqual([expect.objectContaining({ units: 5, startDate: '2026-03-01T00:00:00Z' })]);
		expect(sandbox.state.autotask.adjustments.map((adjustment) => [adjustment.unitChange, adjustment.resourceID])).toEqual([[7, 29682885], [-2, IMPERSONATED_RESOURCE_ID]]);
		// Adding the same service again is refused (Autotask's error body), so a retried create cannot double a line.
		await expect(client.ContractServices.create(contract.id, { contractID: contract.id, serviceID: service.id, unitPrice: 12.5 })).rejects.toMatchObject({
			status: 500,
			details: { errors: [`Service ${service.id} is already on contract ${contract.id}.`] },
		});
		// A period already billed cannot change.
		await expect(client.ContractServiceAdjustments.create(contract.id, { contractServiceID: created.itemId, unitChange: 1, effectiveDate: '2026-02-20' })).rejects.toMatchObject({ status: 500 });
	});

	it('answers a wrong secret with 401 and a wrong integration code or user with 500, in its error body', async () => {
		await expect(clientFor(sandbox, { secret: 'nope' }).Companies.get(1)).rejects.toMatchObject({ status: 401 });
		const badCode = clientFor(sandbox, { integrationCode: 'WRONG' }).Companies.get(1);
		await expect(badCode).rejects.toBeInstanceOf(AutotaskApiError);
		await expect(clientFor(sandbox, { integrationCode: 'WRONG' }).Companies.get(1)).rejects.toMatchObject({ status: 500, details: { errors: ['IntegrationCode is invalid.'] } });
		// An unknown user has no zone (500); the client logs it and falls back to its base URL, whose 404 it reads as "not found".
		const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const unknownUser = clientFor(sandbox, { userName: 'nobody@example.com' });
		await expect(unknownUser.Companies.get(1)).resolves.toBeNull();
		expect(unknownUser.zoneInfo).toBeNull();
		expect(logged).toHaveBeenCalledWith('Error fetching zone information: HTTP-500');
		logged.mockRestore();
	});

	it('reports the hourly threshold and refuses requests past it with 429', async () => {
		const small = await startSandbox({ tenants: 5, seed: 11, autotaskThreshold: 3 });
		try {
			const client = clientFor(small);
			await client.Companies.get(small.state.autotask.companies[0].id);
			expect(await client._get('/ThresholdInformation')).toEqual({ externalRequestThreshold: 3, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 2 });
			await client.Companies.get(small.state.autotask.companies[1].id);
			await expect(client.Companies.get(small.state.autotask.companies[2].id)).rejects.toMatchObject({
				status: 429,
				details: { errors: ['The API request threshold of 3 requests per hour was exceeded for this database.'] },
			});
			small.clock.advance(3_600_001);
			expect(await client._get('/ThresholdInformation')).toEqual({ externalRequestThreshold: 3, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 1 });
		} finally {
			await small.stop();
		}
	});

	it('answers injected faults in Autotask error bodies', async () => {
		sandbox.faults.serverError('autotask POST /Contracts/query', { status: 503 });
		const client = clientFor(sandbox);
		await expect(client.Contracts.query({ filter: [{ op: 'gte', field: 'id', value: 0 }] })).rejects.toMatchObject({ status: 503, details: { errors: [expect.any(String)] } });
		expect(sandbox.requests.list().find((record) => record.fault)).toEqual(expect.objectContaining({ endpoint: 'autotask POST /Contracts/query', status: 503 }));
	});

	it('seeds the same customers as ConnectWise: managed, manual and duplicated services with their units', () => {
		const { autotask, additions, companies } = sandbox.state;
		expect(autotask.companies.map((company) => company.id)).toEqual(companies.map((company) => company.id));
		const managed = autotask.contractServices.filter((service) => service.internalDescription === AUTOTASK_MANAGED_MARKER);
		const manual = autotask.contractServices.filter((service) => service.internalDescription !== AUTOTASK_MANAGED_MARKER);
		expect(managed.length).toBeGreaterThan(0);
		expect(manual.length).toBeGreaterThan(0);
		for (const service of autotask.contractServices) {
			const addition = additions.find((candidate) => candidate.id === service.id)!;
			expect(autotask.contractServiceUnits.find((row) => row.contractServiceID === service.id)?.units).toBe(addition.quantity);
		}
	});
});
