import type { AxiosInstance } from 'axios';
import { ManageAPI } from 'connectwise-rest';
import https from 'node:https';
import { startSandbox, type Sandbox } from '../../sandbox';

describe('connectwise-rest against the sandbox over https', () => {
	let sandbox: Sandbox;
	let client: ManageAPI;

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 200, seed: 5, https: true });
		const { companyId, publicKey, privateKey, clientId, siteUrl } = sandbox.credentials.connectWise;
		client = new ManageAPI({ companyId, publicKey, privateKey, clientId, companyUrl: siteUrl.replace(/^https:\/\//, '') });
		// Trust exactly the sandbox's self-signed certificate (the client has no option for it);
		// each sub-API (CompanyAPI, FinanceAPI...) holds its own axios instance.
		const agent = new https.Agent({ ca: sandbox.certificate });
		for (const api of [client, ...Object.values(client)]) {
			const instance = (api as { instance?: AxiosInstance } | null)?.instance;
			if (instance) instance.defaults.httpsAgent = agent;
		}
	});
	afterAll(() => sandbox.stop());

	it('lists companies with conditions', async () => {
		const company = sandbox.state.companies[5];
		const found = await client.CompanyAPI.getCompanyCompanies({ conditions: `id = ${company.id}` });
		expect(found).toEqual([company]);
	});

	it('pages every company with paginate (page/pageSize)', async () => {
		const all = await client.paginate(client.CompanyAPI.getCompanyCompanies, { startPage: 1, pageSize: 40 }, {});
		expect((all as Array<{ id: number }>).map((company) => company.id)).toEqual(sandbox.state.companies.map((company) => company.id));
	});

	it('patches an addition with JSON Patch and the state follows', async () => {
		const addition = sandbox.state.additions.find((candidate) => candidate.agreementStatus === 'Active')!;
		const patched = await client.FinanceAPI.patchFinanceAgreementsByParentIdAdditionsById(addition.id, addition.agreementId, [
			// connectwise-rest types a patch value as an object; ConnectWise takes any JSON value.
			{ op: 'replace', path: 'quantity', value: 77 as never },
		]);
		expect(patched.quantity).toBe(77);
		expect(sandbox.state.additions.find((candidate) => candidate.id === addition.id)?.quantity).toBe(77);
		const count = await client.FinanceAPI.getFinanceAgreementsByParentIdAdditionsCount(addition.agreementId, { conditions: 'quantity = 77' });
		expect(count.count).toBeGreaterThanOrEqual(1);
	});

	it('rejects an addition without billCustomer with the ConnectWise error body', async () => {
		const agreement = sandbox.state.agreements.find((candidate) => candidate.agreementStatus === 'Active')!;
		await expect(
			client.FinanceAPI.postFinanceAgreementsByParentIdAdditions(agreement.id, { product: { id: sandbox.state.catalog[0].id }, quantity: 3 } as never),
		).rejects.toMatchObject({ status: 400, data: { code: 'InvalidObject', errors: [{ field: 'billCustomer', resource: 'addition' }] } });
	});
});
