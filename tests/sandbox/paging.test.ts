import { startSandbox, type Sandbox } from '../../sandbox';
import { cw, get, token } from './helpers';

describe('sandbox paging', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 1100, seed: 4 });
	});
	afterAll(() => sandbox.stop());

	it('pages Partner Center customers with MS-ContinuationToken until no next link', async () => {
		const accessToken = await token(sandbox);
		const ids: string[] = [];
		let page = (await (await get(`${sandbox.urls.partnerCenter}/v1/customers?size=300`, accessToken)).json()) as {
			items: Array<{ id: string }>;
			links: { next?: { uri: string; headers: Array<{ key: string; value: string }> } };
		};
		ids.push(...page.items.map((customer) => customer.id));
		while (page.links.next) {
			const { uri, headers } = page.links.next;
			const next = await get(`${sandbox.urls.partnerCenter}/v1${uri}`, accessToken, Object.fromEntries(headers.map(({ key, value }) => [key, value])));
			page = (await next.json()) as typeof page;
			ids.push(...page.items.map((customer) => customer.id));
		}
		expect(ids).toEqual(sandbox.state.tenants.map((tenant) => tenant.tenantId));
	});

	it('pages ConnectWise companies past 1,000 forward-only with pageId and Link headers', async () => {
		const ids: number[] = [];
		let url: string | undefined = `${sandbox.urls.connectWise}/v4_6_release/apis/3.0/company/companies?pageSize=1000`;
		let pages = 0;
		while (url) {
			const response: Response = await cw(sandbox, url.replace(`${sandbox.urls.connectWise}/v4_6_release/apis/3.0`, ''), { headers: { 'pagination-type': 'forward-only' } });
			ids.push(...((await response.json()) as Array<{ id: number }>).map((company) => company.id));
			url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
			pages++;
		}
		expect(pages).toBeGreaterThan(1);
		expect(ids).toEqual(sandbox.state.companies.map((company) => company.id));
	});

	it('caps pageSize at 1000 and answers bad conditions with a 400 ConnectWise body', async () => {
		const big = (await (await cw(sandbox, '/company/companies?pageSize=5000')).json()) as unknown[];
		expect(big).toHaveLength(1000);
		const bad = await cw(sandbox, `/company/companies?conditions=${encodeURIComponent('name = "unterminated')}`);
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ code: 'InvalidObject', errors: [expect.objectContaining({ field: 'conditions' })] });
	});

	it('creates an addition (201) and reads it back through /count', async () => {
		const agreement = sandbox.state.agreements.find((candidate) => candidate.agreementStatus === 'Active')!;
		const product = sandbox.state.catalog[2];
		const created = await cw(sandbox, `/finance/agreements/${agreement.id}/additions`, {
			method: 'POST',
			body: JSON.stringify({ product: { identifier: product.identifier }, quantity: 4, billCustomer: 'Billable', serialNumber: 'm365-license-sync', invoiceDescription: 'x' }),
		});
		expect(created.status).toBe(201);
		expect(await created.json()).toMatchObject({ agreementId: agreement.id, product: { id: product.id }, quantity: 4, extPrice: 4 * product.price! });
		const count = await cw(sandbox, `/finance/agreements/${agreement.id}/additions/count?conditions=${encodeURIComponent(`product/identifier = "${product.identifier}"`)}`);
		expect(((await count.json()) as { count: number }).count).toBeGreaterThanOrEqual(1);
		const tooLong = await cw(sandbox, `/finance/agreements/${agreement.id}/additions`, {
			method: 'POST',
			body: JSON.stringify({ product: { id: product.id }, billCustomer: 'Billable', serialNumber: 'x'.repeat(51) }),
		});
		expect(tooLong.status).toBe(400);
	});
});
