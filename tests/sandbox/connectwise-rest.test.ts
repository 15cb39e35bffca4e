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

	it('names its codebase at /login/companyinfo, and connectwise-rest reads through that entry point', async () => {
		const { companyId, publicKey, privateKey, clientId, siteUrl } = sandbox.credentials.connectWise;
		const agent = new https.Agent({ ca: sandbox.certificate });
		const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
			https.get(`${siteUrl}/login/companyinfo/${companyId}`, { agent }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
			}).on('error', reject);
		});
		expect(info).toEqual(expect.objectContaining({ Codebase: 'v2025_1/', VersionCode: 'v2025.1', CompanyID: companyId, IsCloud: false }));
		const versioned = new ManageAPI({ companyId, publicKey, privateKey, clientId, companyUrl: siteUrl.replace(/^https:\/\//, ''), entryPoint: String(info.Codebase).replace(/\/$/, '') });
		for (const api of [versioned, ...Object.values(versioned)]) {
			const instance = (api as { instance?: AxiosInstance } | null)?.instance;
			if (instance) instance.defaults.httpsAgent = agent;
		}
		const company = sandbox.state.companies[2];
		expect(await versioned.CompanyAPI.getCompanyCompaniesById(company.id)).toEqual(company);
	});

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

describe('ConnectWise cloud behaviour of the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 5, seed: 3, connectWiseCodebase: 'v2025_3' });
	});
	afterAll(() => sandbox.stop());
	const headers = () => {
		const { companyId, publicKey, privateKey, clientId } = sandbox.credentials.connectWise;
		return { authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`, clientId };
	};

	it('at the cloud host, v4_6_release redirects to the codebase (query kept); the codebase answers', async () => {
		const moved = await fetch(`${sandbox.urls.connectWiseCloud}/v4_6_release/apis/3.0/company/companies?pageSize=2`, { headers: headers(), redirect: 'manual' });
		expect(moved.status).toBe(302);
		expect(moved.headers.get('location')).toBe(`${sandbox.urls.connectWiseCloud}/v2025_3/apis/3.0/company/companies?pageSize=2`);
		const answered = await fetch(moved.headers.get('location')!, { headers: headers() });
		expect(answered.status).toBe(200);
		expect(answered.headers.get('link')).toContain(`<${sandbox.urls.connectWiseCloud}/v2025_3/apis/3.0/company/companies?`);
	});

	it('at 127.0.0.1 (on-premises style) v4_6_release answers directly; an unknown codebase is 404', async () => {
		expect((await fetch(`${sandbox.urls.connectWise}/v4_6_release/apis/3.0/system/info`, { headers: headers(), redirect: 'manual' })).status).toBe(200);
		expect((await fetch(`${sandbox.urls.connectWise}/v2019_1/apis/3.0/system/info`, { headers: headers() })).status).toBe(404);
	});

	it('companyinfo needs no credentials and says cloud at the cloud host; an unknown company is 404', async () => {
		const info = (await (await fetch(`${sandbox.urls.connectWiseCloud}/login/companyinfo/${sandbox.credentials.connectWise.companyId}`)).json()) as Record<string, unknown>;
		expect(info).toEqual(expect.objectContaining({ Codebase: 'v2025_3/', IsCloud: true }));
		expect((await fetch(`${sandbox.urls.connectWise}/login/companyinfo/nosuchco`)).status).toBe(404);
	});
});
