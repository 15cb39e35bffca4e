import type { INodeExecutionData } from 'n8n-workflow';

import { TenantAutoMap } from '../../nodes/TenantAutoMap/TenantAutoMap.node';
import { runNode } from './harness';

const items = (rows: object[]): INodeExecutionData[] => rows.map((json) => ({ json: json as INodeExecutionData['json'] }));

// Shapes as our Partner Center and ConnectWise PSA nodes emit them.
const tenants = items([
	{ tenantId: 'aaaaaaaa-0000-4000-a000-000000000001', name: 'Smith & Sons Pty Ltd', domains: ['smithsons.onmicrosoft.com'] },
	{ tenantId: 'aaaaaaaa-0000-4000-a000-000000000002', name: 'Northwind Traders', domains: ['northwind.example', 'northwind.onmicrosoft.com'] },
	{ tenantId: 'aaaaaaaa-0000-4000-a000-000000000003', name: 'Contoso', domains: [] },
	{ tenantId: 'aaaaaaaa-0000-4000-a000-000000000004', name: 'Zebra Yacht Charters', domains: [] },
	{ tenantId: 'aaaaaaaa-0000-4000-a000-000000000005', name: 'Already Mapped Ltd', domains: [] },
]);
const companies = items([
	{ companyId: 101, identifier: 'SmithSons', name: 'Smith and Sons', website: null, domains: [] },
	{ companyId: 102, identifier: 'Fabrikam', name: 'Fabrikam Holdings', website: 'https://www.northwind.example/', domains: [] },
	{ companyId: 103, identifier: 'ContosoA', name: 'Contoso Ltd', website: null, domains: [] },
	{ companyId: 104, identifier: 'ContosoB', name: 'Contoso Limited', website: null, domains: [] },
	{ companyId: 105, identifier: 'Mapped', name: 'Already Mapped', website: null, domains: [] },
	{ companyId: 106, identifier: 'Lonely', name: 'Lonely Company', website: null, domains: [] },
]);
const mappings = items([{ tenantId: 'aaaaaaaa-0000-4000-a000-000000000005', companyId: 105 }]);

describe('Tenant Auto-Map node in a workflow', () => {
	it('works with no configuration after the Partner Center and ConnectWise PSA nodes', async () => {
		const { outputs, error } = await runNode({ node: new TenantAutoMap(), parameters: {}, inputs: [tenants, companies, mappings] });

		expect(error).toBeUndefined();
		const [matched, review, unmatched] = outputs;
		expect(matched.map((item) => [item.json.tenantName, item.json.companyId, item.json.method])).toEqual([
			['Smith & Sons Pty Ltd', 101, 'exactName'],
			['Northwind Traders', 102, 'domain'],
		]);
		expect(matched.map((item) => item.pairedItem)).toEqual([{ item: 0, input: 0 }, { item: 1, input: 0 }]);
		expect(matched[0].json).toEqual({
			tenantId: 'aaaaaaaa-0000-4000-a000-000000000001',
			tenantName: 'Smith & Sons Pty Ltd',
			companyId: 101,
			companyName: 'Smith and Sons',
			score: 0.9,
			method: 'exactName',
			evidence: 'normalised names equal: "smith and sons"',
			why: ['same name'],
		});

		// Two PSA companies both called Contoso: a person decides.
		expect(review).toHaveLength(1);
		expect(review[0].json.tenantName).toBe('Contoso');
		expect((review[0].json.candidates as Array<{ companyId: number }>).map((candidate) => candidate.companyId)).toEqual([103, 104]);
		expect(review[0].json.reason).toMatch(/runner-up "Contoso Limited"/);
		expect(review[0].pairedItem).toEqual({ item: 2, input: 0 });

		// The already mapped tenant is skipped, not repeated.
		expect(unmatched.map((item) => item.json)).toEqual([
			{ type: 'tenant', tenantId: 'aaaaaaaa-0000-4000-a000-000000000004', tenantName: 'Zebra Yacht Charters', reason: 'no plausible company' },
		]);
		expect(unmatched[0].pairedItem).toEqual({ item: 3, input: 0 });
	});

	it('lists companies without a tenant, paired to the company item, when asked', async () => {
		const { outputs } = await runNode({
			node: new TenantAutoMap(),
			parameters: { options: { includeUnmatchedCompanies: true } },
			inputs: [tenants, companies, mappings],
		});

		const companyRows = outputs[2].filter((item) => item.json.type === 'company');
		expect(companyRows.map((item) => [item.json.companyName, item.pairedItem])).toEqual([
			['Contoso Limited', { item: 3, input: 1 }],
			['Lonely Company', { item: 5, input: 1 }],
		]);
	});

	it('ignores the empty placeholder item a source set to "always output data" sends', async () => {
		const { outputs, error } = await runNode({
			node: new TenantAutoMap(),
			parameters: {},
			inputs: [[{ json: {} }, ...tenants], [...companies, { json: {} }], [{ json: {} }]],
		});

		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => [item.json.tenantName, item.pairedItem])).toEqual([
			['Smith & Sons Pty Ltd', { item: 1, input: 0 }],
			['Northwind Traders', { item: 2, input: 0 }],
			['Already Mapped Ltd', { item: 5, input: 0 }],
		]);
		expect(outputs[2].map((item) => item.json.tenantName)).toEqual(['Zebra Yacht Charters']);
	});

	it('runs without the optional Existing Mappings input', async () => {
		const { outputs, error } = await runNode({ node: new TenantAutoMap(), parameters: {}, inputs: [tenants, companies] });

		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json.tenantName)).toEqual(['Smith & Sons Pty Ltd', 'Northwind Traders', 'Already Mapped Ltd']);
	});

	it('reads rows from elsewhere through the Input Field Names, nested fields included', async () => {
		const { outputs } = await runNode({
			node: new TenantAutoMap(),
			parameters: {
				fieldNames: {
					tenantIdField: 'Tenant ID',
					tenantNameField: 'Customer',
					tenantDomainsField: 'meta.domains',
					companyIdField: 'id',
					companyNameField: 'company.name',
					companyWebsiteField: 'company.url',
				},
			},
			inputs: [
				items([{ 'Tenant ID': 'T-1', Customer: 'Müller GmbH', meta: { domains: 'mueller.example, mueller.onmicrosoft.com' } }]),
				items([{ id: 'C-9', company: { name: 'Mueller', url: 'mueller.example' } }]),
			],
		});

		expect(outputs[0].map((item) => [item.json.tenantId, item.json.companyId, item.json.method])).toEqual([['T-1', 'C-9', 'domain']]);
	});

	it('a panel that starts with the matching, not with eleven field names (version 1.1)', () => {
		const visible = new TenantAutoMap().description.properties.filter((p) => !p.displayOptions?.show?.['@version']?.includes(1));
		expect(visible.map((p) => p.name)).toEqual(['notice', 'options', 'fieldNames']);
		expect(visible.some((p) => p.required)).toBe(false);
	});

	it('version 1 workflows keep their field parameters', async () => {
		const { outputs } = await runNode({
			node: new TenantAutoMap(),
			typeVersion: 1,
			parameters: {
				tenantIdField: 'Tenant ID',
				tenantNameField: 'Customer',
				tenantDomainsField: 'meta.domains',
				companyIdField: 'id',
				companyNameField: 'company.name',
				companyWebsiteField: 'company.url',
			},
			inputs: [
				items([{ 'Tenant ID': 'T-1', Customer: 'Müller GmbH', meta: { domains: 'mueller.example, mueller.onmicrosoft.com' } }]),
				items([{ id: 'C-9', company: { name: 'Mueller', url: 'mueller.example' } }]),
			],
		});

		expect(outputs[0].map((item) => [item.json.tenantId, item.json.companyId, item.json.method])).toEqual([['T-1', 'C-9', 'domain']]);
	});

	it('sends bad rows to Unmatched with a reason instead of failing', async () => {
		const { outputs, error } = await runNode({
			node: new TenantAutoMap(),
			parameters: {},
			inputs: [
				items([
					{ tenantId: null, name: 'No Id Pty Ltd' },
					{ tenantId: 'bbbbbbbb-0000-4000-a000-000000000001', name: 42, domains: 7 },
					{ tenantId: 'bbbbbbbb-0000-4000-a000-000000000002', name: 'Smith and Sons' },
				]),
				items([{ companyId: { nested: true }, name: 'Broken' }, { companyId: 101, name: 'Smith & Sons Ltd' }]),
			],
		});

		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json.companyId)).toEqual([101]);
		expect(outputs[2].map((item) => [item.json.reason, item.pairedItem])).toEqual([
			['tenant id is missing or not text', { item: 0, input: 0 }],
			['name is empty and no tenant id or domain matches a company', { item: 1, input: 0 }],
			['company id is missing or not text', { item: 0, input: 1 }],
		]);
	});

	it('reads the company identifier and extra shared domains the user gives', async () => {
		const { outputs } = await runNode({
			node: new TenantAutoMap(),
			parameters: { fieldNames: { companyIdentifierField: 'shortName' }, options: { extraSharedDomains: 'ledgerlane.example' } },
			inputs: [
				items([
					{ tenantId: 'cccccccc-0000-4000-a000-000000000001', name: 'KINGINS4', domains: [] },
					{ tenantId: 'cccccccc-0000-4000-a000-000000000002', name: 'Jones Wholesale', domains: ['ledgerlane.example'] },
				]),
				items([
					{ companyId: 201, shortName: 'KingIns4', name: 'King Insurance Brokers', website: null, domains: [] },
					{ companyId: 202, shortName: 'Harbour', name: 'Harbour Dental', website: null, domains: ['ledgerlane.example'] },
				]),
			],
		});

		expect(outputs[0].map((item) => [item.json.tenantName, item.json.companyId, item.json.why])).toEqual([
			['KINGINS4', 201, ['same as the company identifier']],
		]);
		// The bookkeeper's domain on Harbour Dental's contacts proves nothing once the user lists it.
		expect(outputs[2].map((item) => [item.json.tenantName, item.json.reason])).toEqual([['Jones Wholesale', 'no plausible company']]);
	});
});
