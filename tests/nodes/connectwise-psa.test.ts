/**
 * The ConnectWise PSA node run in-process by n8n-core against the sandbox: every
 * operation, paging past 1,000 records, apply-plan, errors, the credential test, and
 * an independent client (connectwise-rest) reading back what the node wrote.
 */
import { ManageAPI } from 'connectwise-rest';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, ILoadOptionsFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox } from '../../sandbox';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { connectWisePsaApiTest } from '../../nodes/ConnectWisePsa/methods/credentialTest';
import { searchAgreements, searchAgreementTypes, searchCompanies, searchProducts } from '../../nodes/ConnectWisePsa/methods/listSearch';
import { forgetCodebases } from '../../nodes/ConnectWisePsa/transport/codebase';
import { MANAGED_MARKER, PRORATE_MARKER } from '../../nodes/shared/managedMarker';
import { runNode } from './harness';

jest.setTimeout(120_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let credential: ICredentialDataDecryptedObject;

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 40, seed: 11, today: '2026-03-10' });
	credential = { ...sandbox.credentials.connectWise, apiVersion: '2025.1' };
});
afterAll(async () => await sandbox?.stop());
beforeEach(() => sandbox.reset());

const locator = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: INodeParameters, inputs: INodeExecutionData[] = [{ json: {} }], onError?: 'continueRegularOutput' | 'continueErrorOutput', cred = credential) {
	return await runNode({ node: new ConnectWisePsa(), parameters, inputs: [inputs], credentials: { connectWisePsaApi: cred }, onError });
}

function json(result: Awaited<ReturnType<typeof run>>, output = 0) {
	if (result.error) throw result.error;
	return result.outputs[output].map((i) => i.json as Record<string, any>);
}

const state = () => sandbox.state;
const activeAgreement = (withManaged = true) =>
	state().agreements.find((a) => a.agreementStatus === 'Active' && a.type?.id === 1 && (!withManaged || state().additions.some((x) => x.agreementId === a.id && x.serialNumber === MANAGED_MARKER)))!;
const cancelledAgreement = () => state().agreements.find((a) => a.agreementStatus !== 'Active')!;
const product = (identifier?: string) => state().catalog.find((p) => !p.inactiveFlag && (identifier === undefined || p.identifier === identifier))!;
const writes = () => sandbox.requests.list().filter((r) => r.service === 'cw' && r.method !== 'GET').length;
const secretsIn = (text: string) => [credential.privateKey as string, Buffer.from(`${credential.companyId}+${credential.publicKey}:${credential.privateKey}`).toString('base64')].filter((s) => text.includes(s));

describe('company', () => {
	test('Get Many finds a company by exact name with quotes, a backslash, and/or in it', async () => {
		const name = 'Smith "The Best" \\ Sons and Co or Other';
		state().companies.push({ ...state().companies[1], id: 99001, identifier: 'SmithBest', name, website: 'https://www.smith-best.example/' });
		state().companies.push({ ...state().companies[1], id: 99002, identifier: 'SmithOther', name: 'Smith "The Best"', website: '' });
		const out = json(await run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { name, nameMatch: 'exact' } }));
		expect(out).toEqual([expect.objectContaining({ companyId: 99001, name, domains: ['smith-best.example'] })]);
		const contains = json(await run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { name: 'Smith "The Best"' } }));
		expect(contains.map((c) => c.companyId).sort()).toEqual([99001, 99002]);
	});

	test('Get Many: limit, status and type filters, tenant id from the named custom field, contact domains', async () => {
		const limited = json(await run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 5 }));
		expect(limited).toHaveLength(5);
		const clients = json(await run({ resource: 'company', operation: 'getAll', returnAll: true, filters: { status: 'Active', type: 'Client' }, options: { includeContactDomains: true } }));
		const expected = state().companies.filter((c) => c.status?.name === 'Active' && c.types?.some((t) => t.name === 'Client'));
		expect(clients).toHaveLength(expected.length);
		const withTenant = state().companies.find((c) => c.customFields?.some((f) => f.value))!;
		const item = clients.find((c) => c.companyId === withTenant.id)!;
		expect(item.tenantId).toBe(withTenant.customFields![0].value);
		expect(Object.keys(item).sort()).toEqual(['companyId', 'domains', 'identifier', 'name', 'status', 'tenantId', 'types', 'website']);
		const contact = state().contacts.find((c) => clients.some((x) => x.companyId === c.company?.id))!;
		const domain = contact.communicationItems![0].value!.split('@')[1].toLowerCase();
		expect(clients.find((c) => c.companyId === contact.company!.id)!.domains).toContain(domain);
	});

	test('Get by resource locator; unknown id is a clear item error', async () => {
		const company = state().companies[3];
		expect(json(await run({ resource: 'company', operation: 'get', companyId: locator(company.id) }))).toEqual([
			expect.objectContaining({ companyId: company.id, identifier: company.identifier, name: company.name }),
		]);
		const missing = await run({ resource: 'company', operation: 'get', companyId: locator(987654) });
		expect(missing.error?.message).toBe('Company 987654 was not found in ConnectWise PSA');
	});

	test('Update records the tenant id in the custom field', async () => {
		const company = state().companies.find((c) => c.customFields?.length && !c.customFields[0].value)!;
		const out = json(await run({ resource: 'company', operation: 'update', companyId: locator(company.id), updateFields: { tenantId: '0f1e2d3c-0000-4000-8000-00000000abcd' } }));
		expect(out[0].tenantId).toBe('0f1e2d3c-0000-4000-8000-00000000abcd');
		expect(state().companies.find((c) => c.id === company.id)!.customFields![0].value).toBe('0f1e2d3c-0000-4000-8000-00000000abcd');
		const bad = await run({ resource: 'company', operation: 'update', companyId: locator(company.id), updateFields: { customFields: { field: [{ name: 'No Such Field', value: 'x' }] } } });
		expect(bad.error?.message).toBe('The company has no custom field named "No Such Field"');
	});
});

describe('agreement and agreement type', () => {
	test('Get Many by company, agreement types, active only by default', async () => {
		const agreement = activeAgreement();
		const companyId = agreement.company!.id!;
		const all = state().agreements.filter((a) => a.company?.id === companyId);
		const out = json(await run({ resource: 'agreement', operation: 'getAll', companyId: locator(companyId), agreementTypes: 'M365 Monthly, 2', returnAll: true }));
		expect(out.map((a) => a.agreementId).sort()).toEqual(all.filter((a) => a.agreementStatus === 'Active' && [1, 2].includes(a.type!.id!)).map((a) => a.id).sort());
		expect(out.find((a) => a.agreementId === agreement.id)).toEqual({
			agreementId: agreement.id,
			name: agreement.name,
			companyId,
			companyName: agreement.company!.name,
			typeId: 1,
			typeName: 'M365 Monthly',
			status: 'Active',
			startDate: agreement.startDate!.slice(0, 10),
			endDate: agreement.endDate?.slice(0, 10) ?? null,
			cancelled: false,
			prorate: agreement.prorateFlag,
			billingCycle: agreement.billingCycle!.name,
		});
		const everything = json(await run({ resource: 'agreement', operation: 'getAll', activeOnly: false, returnAll: true }));
		expect(everything).toHaveLength(state().agreements.length);
	});

	test('Get checks the agreement belongs to the chosen company', async () => {
		const agreement = activeAgreement();
		expect(json(await run({ resource: 'agreement', operation: 'get', companyId: locator(agreement.company!.id!), agreementId: locator(agreement.id) }))[0].agreementId).toBe(agreement.id);
		const other = state().companies.find((c) => c.id !== agreement.company!.id)!;
		const wrong = await run({ resource: 'agreement', operation: 'get', companyId: locator(other.id), agreementId: locator(agreement.id) });
		expect(wrong.error?.message).toMatch(`belongs to company ${agreement.company!.id}`);
	});

	test('Agreement Type: Get Many', async () => {
		const out = json(await run({ resource: 'agreementType', operation: 'getAll', returnAll: true }));
		expect(out.map((t) => t.name)).toEqual(expect.arrayContaining(['M365 Monthly', 'M365 Annual', 'Managed Services']));
		expect(out[0]).toEqual({ typeId: expect.any(Number), name: expect.any(String), inactive: false, prorate: expect.any(Boolean) });
	});
});

describe('agreement addition', () => {
	test('Get Many for the agreements in the input items, in order and paired', async () => {
		const agreements = [...new Set(state().additions.map((a) => a.agreementId))].slice(0, 12);
		const result = await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: '={{ $json.agreementId }}', options: { concurrency: 4 } }, agreements.map((agreementId) => ({ json: { agreementId } })));
		const out = json(result);
		const expected = agreements.flatMap((id) => state().additions.filter((a) => a.agreementId === id).map((a) => a.id));
		expect(out.map((a) => a.additionId)).toEqual(expected);
		const paired = result.outputs[0].map((i) => (i.pairedItem as { item: number }).item);
		expect(paired).toEqual(agreements.flatMap((id, index) => state().additions.filter((a) => a.agreementId === id).map(() => index)));
		const managed = state().additions.find((a) => a.serialNumber === MANAGED_MARKER && agreements.includes(a.agreementId))!;
		const agreement = state().agreements.find((a) => a.id === managed.agreementId)!;
		expect(out.find((a) => a.additionId === managed.id)).toEqual({
			kind: 'addition',
			agreementId: managed.agreementId,
			additionId: managed.id,
			productIdentifier: managed.product!.identifier,
			productId: managed.product!.id,
			quantity: managed.quantity,
			lessIncluded: managed.lessIncluded,
			unitPrice: managed.unitPrice,
			billCustomer: managed.billCustomer,
			invoiceDescription: managed.invoiceDescription,
			description: managed.description,
			effectiveDate: managed.effectiveDate!.slice(0, 10),
			cancelledDate: managed.cancelledDate?.slice(0, 10) ?? null,
			serialNumber: MANAGED_MARKER,
			managed: true,
			lastUpdated: (managed as { _info?: { lastUpdated?: string } })._info?.lastUpdated ?? null,
			agreementStatus: agreement.agreementStatus,
			agreementProrate: agreement.prorateFlag,
			agreementStartDate: agreement.startDate!.slice(0, 10),
			agreementEndDate: agreement.noEndingDateFlag ? null : (agreement.endDate?.slice(0, 10) ?? null),
			agreementNoEndingDate: agreement.noEndingDateFlag === true,
			agreementCompanyId: agreement.company!.id,
			agreementCompanyName: agreement.company!.name,
			agreementType: agreement.type!.name,
			billingCycle: agreement.billingCycle!.name,
		});
		expect(out.filter((a) => !a.managed).every((a) => a.serialNumber !== MANAGED_MARKER)).toBe(true);
	});

	test('Get Many: an agreement with no (matching) additions gives one agreement item with its facts; facts off gives nothing', async () => {
		const template = activeAgreement(false);
		const empty = { ...template, id: 99101, startDate: '2026-04-01T00:00:00Z', prorateFlag: true, billingCycle: { id: 2, name: 'Monthly' } };
		state().agreements.push(empty);
		const withLines = activeAgreement();
		const inputs = [empty.id, withLines.id].map((agreementId) => ({ json: { agreementId } }));
		const result = await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, inputs);
		const out = json(result);
		expect(out[0]).toEqual({
			kind: 'agreement', agreementId: 99101, additionId: null, agreementStatus: 'Active', agreementProrate: true, agreementStartDate: '2026-04-01',
			agreementEndDate: template.noEndingDateFlag ? null : (template.endDate?.slice(0, 10) ?? null), agreementNoEndingDate: template.noEndingDateFlag === true,
			agreementCompanyId: template.company!.id, agreementCompanyName: template.company!.name, agreementType: template.type!.name, billingCycle: 'Monthly',
		});
		expect(out.slice(1).every((a) => a.kind === 'addition' && a.agreementId === withLines.id)).toBe(true);
		expect(result.outputs[0].map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, ...out.slice(1).map(() => 1)]);

		const filtered = json(await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: String(withLines.id), options: { productIdentifier: 'NO_SUCH_PRODUCT' } }));
		expect(filtered).toEqual([expect.objectContaining({ kind: 'agreement', agreementId: withLines.id, additionId: null })]);
		expect(json(await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: '99101', options: { includeAgreementFacts: false } }))).toEqual([]);
	});

	test('a 503 storm on one agreement\'s additions: one failure item naming that agreement, the others read (both continue modes)', async () => {
		const agreements = [...new Set(state().additions.map((a) => a.agreementId))].slice(0, 3);
		const failing = agreements[1];
		// The id comes from a parameter expression over a field not named agreementId.
		const inputs = agreements.map((id) => ({ json: { id } }));
		const parameters = { resource: 'agreementAddition', operation: 'getAll', agreementId: '={{ $json.id }}' };
		for (const onError of ['continueRegularOutput', 'continueErrorOutput'] as const) {
			sandbox.faults.clear();
			sandbox.faults.serverError(`cw GET /finance/agreements/${failing}/additions`, { count: 50, status: 503 });
			const result = await run(parameters, inputs, onError);
			if (result.error) throw result.error;
			const rows = result.outputs[0].map((i) => i.json as Record<string, any>);
			const failures = onError === 'continueRegularOutput' ? rows.filter((r) => r.error) : result.outputs[1].map((i) => i.json as Record<string, any>);
			expect(failures).toHaveLength(1);
			expect(failures[0].error).toMatch(new RegExp(`^Could not list additions of agreement ${failing}: ConnectWise PSA answered 503: .*\\(after 5 attempts\\)`));
			expect(failures[0].details).toEqual(expect.objectContaining({ agreementId: failing, service: 'ConnectWise PSA', httpCode: 503 }));
			if (onError === 'continueRegularOutput') expect(failures[0].agreementId).toBe(failing);
			const read = rows.filter((r) => !r.error);
			expect([...new Set(read.map((r) => r.agreementId))]).toEqual([agreements[0], agreements[2]]);
			expect(read.filter((r) => r.kind === 'addition')).toHaveLength(state().additions.filter((a) => a.agreementId !== failing && agreements.includes(a.agreementId)).length);
		}
	}, 60_000);

	test('Get Many keeps prorate lines and manual lines with their serial numbers; Managed Only keeps retyped markers', async () => {
		const agreement = activeAgreement();
		const managed = state().additions.find((a) => a.agreementId === agreement.id && a.serialNumber === MANAGED_MARKER)!;
		const base = { ...managed, effectiveDate: '2026-03-10T00:00:00Z' };
		state().additions.push({ ...base, id: 99501, serialNumber: `${PRORATE_MARKER}#0a1b2c3d`, quantity: 2 }, { ...base, id: 99502, serialNumber: PRORATE_MARKER, quantity: 1 }, { ...base, id: 99503, serialNumber: undefined }, { ...base, id: 99504, serialNumber: ' M365-LICENSE-SYNC ' });
		const out = json(await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: String(agreement.id) }));
		const byId = (id: number) => out.find((a) => a.additionId === id)!;
		expect([byId(99501), byId(99502), byId(99503), byId(99504)].map((a) => [a.serialNumber, a.managed])).toEqual([
			[`${PRORATE_MARKER}#0a1b2c3d`, false], [PRORATE_MARKER, false], [null, false], ['M365-LICENSE-SYNC', true],
		]);
		const managedOnly = json(await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: String(agreement.id), options: { managedOnly: true } }));
		expect(managedOnly.map((a) => a.additionId)).toEqual(expect.arrayContaining([managed.id, 99504]));
		expect(managedOnly.every((a) => a.managed)).toBe(true);
	});

	test('Create, Update, Cancel; connectwise-rest reads back what the node wrote', async () => {
		const agreement = activeAgreement(false);
		const item = product('O365_BUSINESS_PREMIUM') ?? product();
		const created = json(await run({ resource: 'agreementAddition', operation: 'create', agreementId: String(agreement.id), productIdentifier: item.identifier, quantity: 9, billCustomer: 'Billable', additionalFields: { invoiceDescription: 'Business Premium — "Müller" \\ 9 users', effectiveDate: '2026-03-01' } }))[0];
		expect(created).toEqual(expect.objectContaining({ agreementId: agreement.id, productIdentifier: item.identifier, quantity: 9, serialNumber: MANAGED_MARKER, managed: true, effectiveDate: '2026-03-01', unitPrice: item.price }));

		const updated = json(await run({ resource: 'agreementAddition', operation: 'update', agreementId: String(agreement.id), additionId: String(created.additionId), updateFields: { quantity: 11, lessIncluded: 1 } }))[0];
		expect([updated.quantity, updated.lessIncluded]).toEqual([11, 1]);
		const cancelled = json(await run({ resource: 'agreementAddition', operation: 'cancel', agreementId: String(agreement.id), additionId: String(created.additionId), cancelledDate: '2026-03-31' }))[0];
		expect(cancelled.cancelledDate).toBe('2026-03-31');

		const cw = new ManageAPI({ companyId: credential.companyId as string, publicKey: credential.publicKey as string, privateKey: credential.privateKey as string, clientId: credential.clientId as string, companyUrl: 'unused.example' });
		// connectwise-rest always builds an https URL from the host; point its own axios instance at the (http) sandbox.
		(cw.FinanceAPI as unknown as { instance: { defaults: { baseURL: string } } }).instance.defaults.baseURL = `${sandbox.urls.connectWise}/v4_6_release/apis/3.0`;
		const seen = await cw.FinanceAPI.getFinanceAgreementsByParentIdAdditionsById(created.additionId, agreement.id);
		expect(seen).toEqual(expect.objectContaining({ quantity: 11, lessIncluded: 1, serialNumber: MANAGED_MARKER, invoiceDescription: 'Business Premium — "Müller" \\ 9 users' }));
		expect(seen.product?.identifier).toBe(item.identifier);
		expect(String(seen.cancelledDate).slice(0, 10)).toBe('2026-03-31');
	});

	test.each([
		['an unknown agreement', () => ({ agreementId: '999999' }), /Agreement 999999 was not found/],
		['an inactive agreement', () => ({ agreementId: String(cancelledAgreement().id) }), /additions are only written to active agreements/],
		['a product not in the catalog', () => ({ productIdentifier: 'NOT_A_SKU' }), /Product "NOT_A_SKU" is not in the ConnectWise catalog/],
		['a negative quantity', () => ({ quantity: -2 }), /Quantity must not be negative/],
		['a non-numeric quantity', () => ({ quantity: '={{ "lots" }}' }), /Quantity must be a number/],
		['a description over 6,000 characters', () => ({ additionalFields: { invoiceDescription: 'x'.repeat(6001) } }), /6001 characters/],
	])('Create refuses %s and writes nothing', async (_what, change, message) => {
		const before = state().additions.length;
		const result = await run({ resource: 'agreementAddition', operation: 'create', agreementId: String(activeAgreement().id), productIdentifier: product().identifier, quantity: 3, billCustomer: 'Billable', ...change() });
		expect(result.error?.message).toMatch(message);
		expect(state().additions.length).toBe(before);
		expect(writes()).toBe(0);
	});

	test('continueOnFail: error items in the regular output or in the error output, the rest still written', async () => {
		const good = { json: { agreementId: activeAgreement().id, q: 2 } };
		const bad = { json: { agreementId: 999999, q: 2 } };
		const parameters = { resource: 'agreementAddition', operation: 'create', agreementId: '={{ $json.agreementId }}', productIdentifier: product().identifier, quantity: '={{ $json.q }}', billCustomer: 'Billable' };
		const regular = json(await run(parameters, [good, bad, good], 'continueRegularOutput'));
		expect(regular.map((r) => r.error ?? 'ok')).toEqual(['ok', 'Agreement 999999 was not found in ConnectWise PSA', 'ok']);
		const split = await run(parameters, [bad, good], 'continueErrorOutput');
		expect(split.outputs[0]).toHaveLength(1);
		expect(split.outputs[1].map((i) => [i.json.error, (i.pairedItem as { item: number }).item])).toEqual([['Agreement 999999 was not found in ConnectWise PSA', 0]]);
	});

	test('an API error body becomes a readable message with the item index', async () => {
		const result = await run({ resource: 'agreementAddition', operation: 'getAll', agreementId: '424242', options: { includeAgreementFacts: false } });
		expect(result.error?.message).toMatch(/^Could not list additions of agreement 424242: ConnectWise PSA answered 404: .+/);
		expect((result.error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
	});
});

describe('product and contact', () => {
	test('Product: Get Many and Get by identifier', async () => {
		const all = json(await run({ resource: 'product', operation: 'getAll', returnAll: true }));
		expect(all).toHaveLength(state().catalog.filter((p) => !p.inactiveFlag).length);
		const p = product();
		expect(json(await run({ resource: 'product', operation: 'get', productIdentifier: { __rl: true, mode: 'identifier', value: p.identifier } }))).toEqual([
			{ productId: p.id, identifier: p.identifier, description: p.description, customerDescription: p.customerDescription, price: p.price, cost: p.cost, inactive: false },
		]);
		const missing = await run({ resource: 'product', operation: 'get', productIdentifier: { __rl: true, mode: 'identifier', value: 'NOPE' } });
		expect(missing.error?.message).toBe('Product "NOPE" is not in the ConnectWise catalog');
	});

	test('Contact: Get Many by company; Upsert creates, updates, and never blanks PSA data', async () => {
		const contact = state().contacts[0];
		const companyId = contact.company!.id!;
		const listed = json(await run({ resource: 'contact', operation: 'getAll', companyId: locator(companyId), returnAll: true }));
		expect(listed.map((c) => c.contactId)).toEqual(state().contacts.filter((c) => c.company?.id === companyId).map((c) => c.id));
		const email = contact.communicationItems![0].value!;
		const same = json(await run({ resource: 'contact', operation: 'upsert', companyId: locator(companyId), email: email.toUpperCase(), contactFields: { firstName: '', lastName: '' } }))[0];
		expect(same).toEqual(expect.objectContaining({ contactId: contact.id, result: 'unchanged', firstName: contact.firstName, lastName: contact.lastName }));
		const changed = json(await run({ resource: 'contact', operation: 'upsert', companyId: locator(companyId), email, contactFields: { firstName: '', title: 'Finance Director' } }))[0];
		expect(changed).toEqual(expect.objectContaining({ contactId: contact.id, result: 'updated', firstName: contact.firstName, title: 'Finance Director' }));
		const created = json(await run({ resource: 'contact', operation: 'upsert', companyId: locator(companyId), email: 'new.person@example.org', contactFields: { firstName: 'New', lastName: 'Person' } }))[0];
		expect(created).toEqual(expect.objectContaining({ result: 'created', email: 'new.person@example.org', companyId, firstName: 'New' }));
		expect(state().contacts.some((c) => c.id === created.contactId)).toBe(true);
	});

	test('Contact: Deactivate sets the inactive flag; an inactive contact is not written again; an unknown id is an item error', async () => {
		const contact = state().contacts.find((c) => !c.inactiveFlag)!;
		const others = state().contacts.filter((c) => c.id !== contact.id).map((c) => [c.id, c.inactiveFlag]);
		const result = await run({ resource: 'contact', operation: 'deactivate' }, [{ json: { contactId: contact.id } }]);
		expect(json(result)).toEqual([expect.objectContaining({ contactId: contact.id, companyId: contact.company!.id, firstName: contact.firstName, inactive: true, result: 'deactivated' })]);
		expect((result.outputs[0][0].pairedItem as { item: number }).item).toBe(0);
		expect(state().contacts.find((c) => c.id === contact.id)!.inactiveFlag).toBe(true);
		expect(state().contacts.filter((c) => c.id !== contact.id).map((c) => [c.id, c.inactiveFlag])).toEqual(others);

		sandbox.requests.clear();
		const again = json(await run({ resource: 'contact', operation: 'deactivate', contactId: String(contact.id) }))[0];
		expect(again).toEqual(expect.objectContaining({ contactId: contact.id, inactive: true, result: 'alreadyInactive' }));
		expect(sandbox.requests.list().filter((r) => r.service === 'cw').map((r) => r.method)).toEqual(['GET']);

		const missing = await run({ resource: 'contact', operation: 'deactivate', contactId: '987654' });
		expect(missing.error?.message).toBe('Contact 987654 was not found in ConnectWise PSA');
		const kept = json(await run({ resource: 'contact', operation: 'deactivate' }, [{ json: { contactId: 987654 } }, { json: { contactId: 'abc' } }], 'continueRegularOutput'));
		expect(kept.map((k) => k.error)).toEqual(['Contact 987654 was not found in ConnectWise PSA', 'Contact ID must be a positive whole number, got "abc"']);
		expect(writes()).toBe(0);
	});
});

describe('plan apply', () => {
	function planFor(overrides: Record<string, unknown>) {
		return { action: 'create', key: 'key-1', lineKey: 'line-1', tenantId: 't-1', reasons: ['from test'], lessIncluded: 0, billCustomer: 'Billable', unitPrice: null, effectiveDate: '2026-03-10', currentQuantity: null, prorate: null, prorateCurrentPeriod: false, ...overrides };
	}

	test('create, update with a prorate line, pass-through; a second run writes nothing', async () => {
		const managed = state().additions.find((a) => a.serialNumber === MANAGED_MARKER && state().agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active')!;
		const agreement = state().agreements.find((a) => a.id === managed.agreementId)!;
		const unused = state().catalog.find((p) => !p.inactiveFlag && !state().additions.some((a) => a.agreementId === agreement.id && a.product?.id === p.id))!;
		const items = [
			planFor({ agreementId: agreement.id, productIdentifier: unused.identifier, quantity: 4, invoiceDescription: 'New line' }),
			planFor({
				action: 'update', key: 'key-2', agreementId: agreement.id, additionId: managed.id, productIdentifier: managed.product!.identifier,
				currentQuantity: managed.quantity, quantity: managed.quantity! + 3, invoiceDescription: 'Updated line',
				prorate: { quantity: 3, from: '2026-03-10', to: '2026-03-31', invoiceDescription: 'Prorate +3', serialNumber: `${PRORATE_MARKER}#0a1b2c3d` },
			}),
			planFor({ action: 'unchanged', key: 'key-3', agreementId: agreement.id, additionId: managed.id }),
		].map((j) => ({ json: j }));
		const out = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, items));
		expect(out.map((r) => [r.action, r.applied, r.dryRun])).toEqual([['create', true, false], ['update', true, false], ['unchanged', false, false]]);
		expect(out[0].before).toBeNull();
		expect(out[0].after).toEqual({ quantity: 4, lessIncluded: 0, unitPrice: unused.price, billCustomer: 'Billable', invoiceDescription: 'New line', effectiveDate: '2026-03-10', serialNumber: MANAGED_MARKER });
		expect(out[1].before.quantity).toBe(managed.quantity);
		expect(out[1].after.quantity).toBe(managed.quantity! + 3);
		expect(out[1].prorate).toEqual({ additionId: expect.any(Number), quantity: 3, from: '2026-03-10', to: '2026-03-31', serialNumber: `${PRORATE_MARKER}#0a1b2c3d`, applied: true });
		expect(Object.keys(out[2]).sort()).toEqual(['action', 'additionId', 'after', 'agreementId', 'applied', 'before', 'dryRun', 'key', 'lineKey', 'productIdentifier', 'prorate', 'reasons', 'tenantId']);

		const created = state().additions.find((a) => a.id === out[0].additionId)!;
		expect(created).toEqual(expect.objectContaining({ quantity: 4, serialNumber: MANAGED_MARKER, invoiceDescription: 'New line' }));
		const prorate = state().additions.find((a) => a.id === out[1].prorate.additionId)!;
		expect(prorate).toEqual(expect.objectContaining({ quantity: 3, serialNumber: `${PRORATE_MARKER}#0a1b2c3d` }));
		expect(String(prorate.cancelledDate).slice(0, 10)).toBe('2026-03-31');

		sandbox.requests.clear();
		const again = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, items.map((i) => ({ json: { ...i.json, currentQuantity: i.json.action === 'update' ? managed.quantity : null } }))));
		expect(again.map((r) => r.applied)).toEqual([false, false, false]);
		expect(again[0].reasons).toContain('already created in the PSA');
		expect(again[1].prorate).toEqual(expect.objectContaining({ additionId: out[1].prorate.additionId, applied: false }));
		expect(writes()).toBe(0);
	});

	test('dry run reads and checks but writes nothing', async () => {
		const managed = state().additions.find((a) => a.serialNumber === MANAGED_MARKER && state().agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active')!;
		const before = structuredClone(state().additions);
		const out = json(await run({ resource: 'plan', operation: 'apply', dryRun: true }, [
			{ json: planFor({ action: 'update', agreementId: managed.agreementId, additionId: managed.id, productIdentifier: managed.product!.identifier, quantity: managed.quantity! + 1, invoiceDescription: 'x', prorate: { quantity: 1, from: '2026-03-10', to: '2026-03-31' } }) },
		]));
		expect(out[0]).toEqual(expect.objectContaining({ applied: false, dryRun: true, additionId: managed.id }));
		expect(out[0].after.quantity).toBe(managed.quantity! + 1);
		expect(out[0].prorate).toEqual({ additionId: null, quantity: 1, from: '2026-03-10', to: '2026-03-31', serialNumber: PRORATE_MARKER, applied: false });
		expect(state().additions).toEqual(before);
		expect(writes()).toBe(0);
	});

	test('refuses an unmanaged addition unless the plan item adopts it', async () => {
		const manual = state().additions.find((a) => !a.serialNumber && state().agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active')!;
		const item = planFor({ action: 'update', agreementId: manual.agreementId, additionId: manual.id, productIdentifier: manual.product!.identifier, quantity: manual.quantity! + 2, invoiceDescription: 'Adopted' });
		const refused = await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }]);
		expect(refused.error?.message).toBe(`Addition ${manual.id} on agreement ${manual.agreementId} is not managed by this package (serial number empty); nothing was changed`);
		expect(writes()).toBe(0);
		const adopted = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: { ...item, adopt: true } }]));
		expect(adopted[0]).toEqual(expect.objectContaining({ applied: true, reasons: ['from test', `adopted addition ${manual.id}`] }));
		expect(state().additions.find((a) => a.id === manual.id)).toEqual(expect.objectContaining({ serialNumber: MANAGED_MARKER, quantity: manual.quantity! + 2 }));
	});

	describe('prorate line first, then the line (contract C3)', () => {
		const serial = `${PRORATE_MARKER}#c0ffee01`;
		const patchRoute = 'cw PATCH /finance/agreements/{id}/additions/{additionId}';
		function updateItem(overrides: Record<string, unknown> = {}) {
			const managed = state().additions.find((a) => a.serialNumber === MANAGED_MARKER && state().agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active')!;
			const agreement = state().agreements.find((g) => g.id === managed.agreementId)!;
			const item = planFor({
				action: 'update', key: 'key-u', lineKey: 'line-u', agreementId: managed.agreementId, additionId: managed.id, productIdentifier: managed.product!.identifier,
				companyId: agreement.company!.id, companyName: agreement.company!.name,
				currentQuantity: managed.quantity, quantity: managed.quantity! + 2, invoiceDescription: 'Updated line',
				prorate: { quantity: 2, from: '2026-03-10', to: '2026-03-31', invoiceDescription: 'Prorate +2', serialNumber: serial, changeId: 'c0ffee01' },
				...overrides,
			});
			return { managed, agreement, item };
		}
		const prorateLines = () => state().additions.filter((a) => a.serialNumber === serial);
		const quantityOf = (id: number) => state().additions.find((a) => a.id === id)!.quantity;

		test('the update fails with a 503 after the prorate line was written: the failure keeps the audit facts; a rerun only updates', async () => {
			const { managed, item } = updateItem();
			sandbox.faults.serverError(patchRoute, { count: 1, status: 503 });
			const failed = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }], 'continueRegularOutput'))[0];
			expect(failed.error).toMatch(/ConnectWise PSA answered 503/);
			expect(prorateLines()).toHaveLength(1);
			expect(quantityOf(managed.id)).toBe(managed.quantity);
			const audit = {
				key: 'key-u', lineKey: 'line-u', action: 'update', agreementId: managed.agreementId, additionId: managed.id, productIdentifier: managed.product!.identifier,
				before: expect.objectContaining({ quantity: managed.quantity }), after: expect.objectContaining({ quantity: managed.quantity! + 2 }),
				prorate: { additionId: prorateLines()[0].id, quantity: 2, from: '2026-03-10', to: '2026-03-31', serialNumber: serial, applied: true },
			};
			expect(failed).toEqual(expect.objectContaining(audit));
			expect(failed.details).toEqual(expect.objectContaining({ ...audit, service: 'ConnectWise PSA', httpCode: 503 }));

			const again = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }]))[0];
			expect(again).toEqual(expect.objectContaining({ applied: true, prorate: expect.objectContaining({ additionId: prorateLines()[0].id, applied: false }) }));
			expect(prorateLines()).toHaveLength(1);
			expect(quantityOf(managed.id)).toBe(managed.quantity! + 2);

			sandbox.requests.clear();
			const third = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }]))[0];
			expect(third.applied).toBe(false);
			expect(writes()).toBe(0);
		});

		test('the prorate POST itself fails: nothing else is written; a rerun writes both once', async () => {
			const { managed, item } = updateItem();
			sandbox.faults.serverError('cw POST /finance/agreements/{id}/additions', { count: 1, status: 502 });
			const failed = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }], 'continueRegularOutput'))[0];
			expect(failed.error).toMatch(/prorate line .*answered 502/);
			expect(failed.prorate).toEqual(expect.objectContaining({ additionId: null, applied: false, serialNumber: serial }));
			expect(sandbox.requests.list().filter((r) => r.method === 'PATCH')).toHaveLength(0);
			expect(quantityOf(managed.id)).toBe(managed.quantity);
			json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }]));
			expect(prorateLines()).toHaveLength(1);
			expect(quantityOf(managed.id)).toBe(managed.quantity! + 2);
		});

		test('a 400 on the update deletes the prorate line this call wrote', async () => {
			const { managed, item } = updateItem();
			const before = state().additions.length;
			sandbox.faults.serverError(patchRoute, { count: 1, status: 400 });
			const result = await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }], 'continueErrorOutput');
			expect(result.outputs[0]).toHaveLength(0);
			const failed = result.outputs[1][0].json as Record<string, any>;
			expect(failed.error).toMatch(/answered 400.*; the prorate line \d+ written for this change was deleted again$/);
			expect(failed.details).toEqual(expect.objectContaining({ key: 'key-u', lineKey: 'line-u', additionId: managed.id, prorate: expect.objectContaining({ applied: false, removed: true }) }));
			expect(prorateLines()).toHaveLength(0);
			expect(state().additions.length).toBe(before);
			expect(quantityOf(managed.id)).toBe(managed.quantity);
			expect(sandbox.requests.list().filter((r) => r.service === 'cw' && r.method !== 'GET').map((r) => [r.method, r.status])).toEqual([['POST', 201], ['PATCH', 400], ['DELETE', 204]]);
		});

		test('an old bare-marker prorate line stays a prorate line; a line whose marker was retyped is still managed', async () => {
			const { managed, item } = updateItem({ prorate: { quantity: 2, from: '2026-03-10', to: '2026-03-31', invoiceDescription: 'Prorate +2' } });
			state().additions.find((a) => a.id === managed.id)!.serialNumber = '  M365-License-Sync ';
			const out = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: item }]))[0];
			expect(out.reasons).not.toContain(`adopted addition ${managed.id}`);
			expect(state().additions.filter((a) => a.serialNumber === PRORATE_MARKER && a.agreementId === managed.agreementId && a.quantity === 2)).toHaveLength(1);
			sandbox.requests.clear();
			const again = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: { ...item, currentQuantity: managed.quantity! + 2 } }]))[0];
			expect(again.prorate.applied).toBe(false);
			expect(writes()).toBe(0);
		});
	});

	test('refuses to write to an agreement of another company than the tenant is mapped to', async () => {
		const managed = state().additions.find((a) => a.serialNumber === MANAGED_MARKER && state().agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active')!;
		const agreement = state().agreements.find((g) => g.id === managed.agreementId)!;
		const other = state().companies.find((c) => c.id !== agreement.company!.id)!;
		const unused = state().catalog.find((p) => !p.inactiveFlag && !state().additions.some((a) => a.agreementId === agreement.id && a.product?.id === p.id))!;
		const items = [
			planFor({ action: 'update', agreementId: agreement.id, additionId: managed.id, productIdentifier: managed.product!.identifier, currentQuantity: managed.quantity, quantity: managed.quantity! + 1, invoiceDescription: 'x', companyId: other.id, companyName: other.name, tenantId: 'tenant-x' }),
			planFor({ agreementId: agreement.id, productIdentifier: unused.identifier, quantity: 4, invoiceDescription: 'New', companyId: other.id, companyName: other.name, tenantId: 'tenant-x' }),
		];
		for (const dryRun of [true, false]) {
			const out = json(await run({ resource: 'plan', operation: 'apply', dryRun }, items.map((j) => ({ json: j })), 'continueRegularOutput'));
			for (const failed of out) {
				expect(failed.error).toBe(
					`Agreement ${agreement.id} (${agreement.name}) belongs to company ${agreement.company!.name} (${agreement.company!.id}), not to ${other.name} (${other.id}) that tenant tenant-x is mapped to; nothing was written`,
				);
			}
		}
		expect(writes()).toBe(0);
		const right = json(await run({ resource: 'plan', operation: 'apply', dryRun: false }, [{ json: { ...items[0], companyId: agreement.company!.id } }]))[0];
		expect(right.applied).toBe(true);
	});

	test('a line changed in the PSA since the plan was made is not overwritten', async () => {
		const managed = state().additions.find((a) => a.serialNumber === MANAGED_MARKER && state().agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active')!;
		const result = await run({ resource: 'plan', operation: 'apply', dryRun: false }, [
			{ json: planFor({ action: 'update', agreementId: managed.agreementId, additionId: managed.id, productIdentifier: managed.product!.identifier, currentQuantity: managed.quantity! + 50, quantity: managed.quantity! + 51, invoiceDescription: 'x' }) },
		]);
		expect(result.error?.message).toMatch(/but the plan expected .*; nothing was changed/);
		expect(writes()).toBe(0);
	});
});

describe('transport', () => {
	test('429, 503 and a 500 on a read are retried by the shared layer', async () => {
		sandbox.faults.throttle('cw GET /procurement/catalog', { count: 1, retryAfterSeconds: 0 });
		sandbox.faults.serverError('cw GET /procurement/catalog', { count: 1, status: 503 });
		sandbox.faults.serverError('cw GET /procurement/catalog', { count: 1, status: 500 });
		const out = json(await run({ resource: 'product', operation: 'getAll', returnAll: false, limit: 3 }));
		expect(out).toHaveLength(3);
		expect(sandbox.requests.list().filter((r) => r.endpoint === 'cw GET /procurement/catalog').map((r) => r.status)).toEqual([429, 503, 500, 200]);
	});

	test('a 500 on a write is not sent again (it may have been applied)', async () => {
		sandbox.faults.serverError('cw POST /finance/agreements/{id}/additions', { count: 1, status: 500 });
		const result = await run({ resource: 'agreementAddition', operation: 'create', agreementId: String(activeAgreement().id), productIdentifier: product().identifier, quantity: 3, billCustomer: 'Billable' });
		expect(result.error?.message).toMatch(/answered 500/);
		expect(sandbox.requests.list().filter((r) => r.method === 'POST')).toHaveLength(1);
	});
});

describe('site URL and codebase (cloud and on-premises)', () => {
	beforeEach(() => forgetCodebases());
	const companies = async (siteUrl: string) => await run({ resource: 'company', operation: 'getAll', returnAll: false, limit: 2 }, [{ json: {} }], undefined, { ...credential, siteUrl });
	const cwPaths = () => sandbox.requests.list().filter((r) => r.service === 'cw').map((r) => `${r.status} ${r.path}`);

	test.each([
		['a cloud host', () => sandbox.urls.connectWiseCloud],
		['a cloud host with the full API URL pasted', () => `${sandbox.urls.connectWiseCloud}/v4_6_release/apis/3.0`],
		['an on-premises style host', () => sandbox.urls.connectWise],
		['a versioned API URL pasted', () => `${sandbox.urls.connectWise}/v2025_1/apis/3.0/`],
	])('%s: the codebase comes from companyinfo, once per process', async (_what, site) => {
		expect(json(await companies(site()))).toHaveLength(2);
		expect(cwPaths()).toEqual(['200 /cw/login/companyinfo/sandbox', '200 /cw/v2025_1/apis/3.0/company/companies']);
		sandbox.requests.clear();
		expect(json(await companies(site()))).toHaveLength(2);
		expect(cwPaths()).toEqual(['200 /cw/v2025_1/apis/3.0/company/companies']);
	});

	test('companyinfo unanswered on a cloud site: the v4_6_release redirect is learned, and writes go straight to the codebase, once', async () => {
		sandbox.faults.serverError('cw GET /login/companyinfo/{companyId}', { count: 10, status: 503 });
		const agreement = activeAgreement(false);
		const before = state().additions.length;
		const created = json(await run({ resource: 'agreementAddition', operation: 'create', agreementId: String(agreement.id), productIdentifier: product().identifier, quantity: 2, billCustomer: 'Billable' }, [{ json: {} }], undefined, { ...credential, siteUrl: sandbox.urls.connectWiseCloud }));
		expect(created).toHaveLength(1);
		expect(state().additions.length).toBe(before + 1);
		const paths = cwPaths();
		expect(paths.slice(0, 4)).toEqual(['503 /cw/login/companyinfo/sandbox', '503 /cw/login/companyinfo/sandbox', `302 /cw/v4_6_release/apis/3.0/finance/agreements/${agreement.id}`, `200 /cw/v2025_1/apis/3.0/finance/agreements/${agreement.id}`]);
		const writes = sandbox.requests.list().filter((r) => r.method === 'POST');
		expect(writes.map((r) => `${r.status} ${r.path}`)).toEqual([`201 /cw/v2025_1/apis/3.0/finance/agreements/${agreement.id}/additions`]);
	});

	test('secrets never appear in outputs or errors', async () => {
		sandbox.faults.serverError('cw', { count: 20, status: 502 });
		const failed = await run({ resource: 'company', operation: 'getAll', returnAll: true }, [{ json: {} }], 'continueRegularOutput');
		const ok = await run({ resource: 'agreementType', operation: 'getAll', returnAll: true });
		const text = JSON.stringify([failed.outputs, ok.outputs, failed.error, (failed.error as Error | undefined)?.message]);
		expect(failed.outputs[0][0].json.error).toMatch(/ConnectWise PSA answered 502/);
		expect(secretsIn(text)).toEqual([]);
	});
});

describe('credential test', () => {
	const test_ = async (data: ICredentialDataDecryptedObject) =>
		await connectWisePsaApiTest.call({} as ICredentialTestFunctions, { id: '1', name: 'cw', type: 'connectWisePsaApi', data });

	test('OK with the sandbox keys', async () => {
		expect((await test_(credential)).status).toBe('OK');
	});

	test.each([
		['bad private key', { privateKey: 'wrong-private-key' }, /did not accept the keys for company ID|does not know company ID/],
		['bad company ID', { companyId: 'nosuchco' }, /company ID "nosuchco"/],
		['missing client ID', { clientId: '' }, /^Client ID is missing/],
		['plain http to a remote host', { siteUrl: 'http://cw.example.com' }, /must use https/],
	])('%s gives a clear message without secrets', async (_what, change, message) => {
		const result = await test_({ ...credential, ...change });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(secretsIn(result.message)).toEqual([]);
		expect(result.message).not.toContain('wrong-private-key');
	});
});

describe('paging', () => {
	let big: Sandbox;
	beforeAll(async () => {
		big = await startSandbox({ tenants: 1000, seed: 5, today: '2026-03-10' });
	});
	afterAll(async () => await big?.stop());

	test('Get Many with Return All reads more than 1,000 companies, forward-only, 1,000 per page', async () => {
		const result = await runNode({ node: new ConnectWisePsa(), parameters: { resource: 'company', operation: 'getAll', returnAll: true }, inputs: [[{ json: {} }]], credentials: { connectWisePsaApi: { ...big.credentials.connectWise } } });
		const out = json(result);
		const expected = big.state.companies.filter((c) => !c.deletedFlag);
		expect(expected.length).toBeGreaterThan(1000);
		expect(out).toHaveLength(expected.length);
		expect(new Set(out.map((c) => c.companyId)).size).toBe(expected.length);
		const pages = big.requests.list().filter((r) => r.endpoint === 'cw GET /company/companies');
		expect(pages).toHaveLength(Math.ceil(expected.length / 1000));
	});
});

describe('version 1.1: agreement and product pickers on the addition operations; version 1 keeps its text fields', () => {
	const context = (parameters: Record<string, unknown> = {}) =>
		({ getCredentials: async () => credential, getCurrentNodeParameter: (name: string) => parameters[name] }) as unknown as ILoadOptionsFunctions;
	const rl = (mode: string, value: string) => ({ __rl: true, mode, value });
	const additionsOf = (agreementId: number) => state().additions.filter((a) => a.agreementId === agreementId);

	test('the product list search pages the catalog 50 at a time with conditions, filters by identifier or description, leaves out inactive products', async () => {
		for (let n = 0; n < 70; n++) state().catalog.push({ ...product(), id: 9000 + n, identifier: `ZZ-SEAT-${String(n).padStart(2, '0')}`, description: `Test seat ${n}`, inactiveFlag: n === 69 });
		const active = state().catalog.filter((p) => !p.inactiveFlag).map((p) => p.identifier!).sort();
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		sandbox.requests.clear();
		do {
			const page = await searchProducts.call(context(), undefined, token);
			expect(page.results.length).toBeLessThanOrEqual(50);
			seen.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
			pages++;
		} while (token);
		expect(seen).toEqual(active);
		expect(pages).toBe(Math.ceil(active.length / 50));
		const asked = sandbox.requests.list().filter((r) => r.service === 'cw' && /procurement\/catalog/.test(r.path));
		expect(asked).toHaveLength(pages);
		const byIdentifier = await searchProducts.call(context(), 'zz-seat-1');
		expect(byIdentifier.results.map((r) => r.value)).toEqual(Array.from({ length: 10 }, (_, n) => `ZZ-SEAT-1${n}`));
		const byDescription = await searchProducts.call(context(), 'backup - per');
		expect(byDescription.results).toEqual([{ name: 'BACKUP-365 — Microsoft 365 Backup - per user', value: 'BACKUP-365' }]);
		expect((await searchProducts.call(context(), 'ZZ-SEAT-69')).results).toEqual([]);
		const agreement = activeAgreement();
		const agreements = await searchAgreements.call(context(), agreement.name!.slice(0, 6));
		expect(agreements.results.map((r) => r.value)).toContain(String(agreement.id));
	});

	test('the company, agreement and agreement type searches: pages of 50, name or identifier, a company\'s agreements only', async () => {
		for (let n = 0; n < 60; n++) state().companies.push({ ...state().companies[1], id: 98000 + n, identifier: `Extra${n}`, name: `Extra Company ${n}` });
		const live = state().companies.filter((c) => !c.deletedFlag);
		const names: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await searchCompanies.call(context(), undefined, token);
			names.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
			pages++;
		} while (token);
		expect(pages).toBe(Math.floor(live.length / 50) + 1);
		expect(pages).toBeGreaterThan(1);
		expect(names.sort()).toEqual(live.map((c) => String(c.id)).sort());
		const company = live.find((c) => state().agreements.some((a) => a.company?.id === c.id))!;
		expect((await searchCompanies.call(context(), company.identifier!.toLowerCase())).results.map((r) => r.value)).toContain(String(company.id));
		const agreements = await searchAgreements.call(context({ companyId: String(company.id) }));
		expect(agreements.results.map((r) => Number(r.value)).sort()).toEqual(state().agreements.filter((a) => a.company?.id === company.id).map((a) => a.id).sort());
		const types = await searchAgreementTypes.call(context(), 'm365');
		expect(types.results.map((r) => r.name)).toEqual(['M365 Annual', 'M365 Monthly']);
	});

	test('addition create reads the product picked from the list (or by identifier) and the agreement by ID or from an expression', async () => {
		const agreement = activeAgreement();
		const item = product('BACKUP-365');
		const before = additionsOf(agreement.id).length;
		const picked = json(await run({ resource: 'agreementAddition', operation: 'create', agreementId: rl('id', String(agreement.id)), productIdentifier: rl('list', item.identifier!), quantity: 4, billCustomer: 'Billable' }));
		expect(picked).toEqual([expect.objectContaining({ agreementId: agreement.id, productIdentifier: 'BACKUP-365', quantity: 4 })]);
		const other = state().agreements.find((a) => a.agreementStatus === 'Active' && a.id !== agreement.id)!;
		const fromItems = json(await run(
			{ resource: 'agreementAddition', operation: 'create', agreementId: rl('id', '={{ $json.agreement }}'), productIdentifier: rl('identifier', 'MSP-SUPPORT-USER'), quantity: 2, billCustomer: 'Billable' },
			[{ json: { agreement: other.id } }],
		));
		expect(fromItems).toEqual([expect.objectContaining({ agreementId: other.id, productIdentifier: 'MSP-SUPPORT-USER', quantity: 2 })]);
		expect(additionsOf(agreement.id)).toHaveLength(before + 1);
		// Left at its default the agreement is each item's agreementId, and Get Many reads it the same way.
		const listed = json(await run({ resource: 'agreementAddition', operation: 'getAll' }, [{ json: { agreementId: agreement.id } }]));
		expect(listed.map((a) => a.additionId).sort()).toEqual(additionsOf(agreement.id).filter((a) => !a.cancelledDate).map((a) => a.id).sort());
	});

	test('an empty product picker is refused before anything is written', async () => {
		const result = await run({ resource: 'agreementAddition', operation: 'create', agreementId: rl('id', String(activeAgreement().id)), productIdentifier: rl('list', ''), quantity: 1, billCustomer: 'Billable' }).catch((error: Error) => ({ error }));
		expect(result.error?.message).toMatch(/Parameter "Product" is required/);
		expect(writes()).toBe(0);
	});

	test('a version 1 workflow still runs with its Agreement ID and Product Identifier text', async () => {
		const agreement = activeAgreement();
		const result = await runNode({
			node: new ConnectWisePsa(),
			typeVersion: 1,
			parameters: { resource: 'agreementAddition', operation: 'create', agreementId: '={{ $json.agreementId }}', productIdentifier: 'BACKUP-365', quantity: 3, billCustomer: 'Billable' },
			inputs: [[{ json: { agreementId: agreement.id } }]],
			credentials: { connectWisePsaApi: credential },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((i) => i.json)).toEqual([expect.objectContaining({ agreementId: agreement.id, productIdentifier: 'BACKUP-365', quantity: 3 })]);
		const types = new ConnectWisePsa().description.properties.filter((p) => p.name === 'productIdentifier' && p.displayOptions?.show?.operation?.includes('create'));
		expect(types.map((p) => [p.type, p.displayOptions?.show?.['@version']])).toEqual([['string', [1]], ['resourceLocator', [{ _cnd: { gte: 1.1 } }]]]);
	});
});
