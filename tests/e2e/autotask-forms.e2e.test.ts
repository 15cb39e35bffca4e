/**
 * An Autotask-only MSP (no ConnectWise credential at all) in real n8n: the billing profiles form
 * on Autotask (services and contract categories), the link licenses form for a company whose
 * company-map row says `psa: autotask` (its contracts, a preview in Autotask's words), then Sync
 * now bills the linked license in Autotask and a second sync writes nothing.
 */
import { currentUnits } from '../../nodes/AutotaskPsa/shapes/records';
import type { Sandbox } from '../../sandbox';
import { insertDataTableRows } from './support/dataTables';
import { decodeHtml, expectPage, fieldByLabel, openForm, submitForm, useFormLogin } from './support/formClient';
import { keepPage } from './support/formPages';
import { startJourney, type Journey } from './support/journey';
import { callSyncNow } from './support/syncNowCall';
import { buildScenario, MANAGED, type Scenario } from './templates/scenario';
import { FORMS_LOGIN } from './templates/templates';

const TEMPLATES = ['m365-license-sync-core.json', 'm365-sync-now.json', 'm365-billing-profiles.json', 'm365-link-licenses.json'];
const PROFILE = 'M365 Autotask profile';

interface Summary {
	counts: Record<string, number>;
}

/**
 * A held line (no contract service for its product yet) on a contract whose managed services are
 * all written by the scenario's other links of that contract: the first sync then creates exactly it.
 */
function autotaskScenario(sandbox: Sandbox): Scenario {
	const state = sandbox.state;
	const at = state.autotask;
	for (let tenants = 3; tenants <= 40; tenants++) {
		const scenario = buildScenario(state, tenants);
		const { held } = scenario;
		const products = scenario.links.filter((link) => link.agreementId === held.agreementId).map((link) => String(link.billingProfile).replace(/^M365 /, ''));
		const skuOf = (serviceId: number) => at.services.find((service) => service.id === serviceId)?.sku ?? '';
		const onContract = at.contractServices.filter((line) => line.contractID === held.agreementId);
		const strayManaged = onContract.some((line) => line.internalDescription === MANAGED && !products.includes(skuOf(line.serviceID)));
		const contract = at.contracts.find((candidate) => candidate.id === held.agreementId);
		if (!strayManaged && contract?.status === 1 && !onContract.some((line) => skuOf(line.serviceID) === held.productIdentifier)) return scenario;
	}
	throw new Error('no Autotask contract with a line to create and no stray managed service in the seeded data: choose another seed');
}

describe('Autotask-only MSP: billing profiles and link licenses forms, then the sync', () => {
	let journey: Journey;
	const timings: Record<string, number> = {};
	const cwRequests = () => journey.sandbox.requests.list().filter((record) => record.service === 'cw');
	// Autotask reads are POST …/query: only creates, adjustments and changes are writes.
	const autotaskWrites = () => journey.sandbox.requests.list().filter((record) => record.service === 'autotask' && (record.method === 'PATCH' || (record.method === 'POST' && !/\/query(\/count)?$/.test(record.endpoint))));
	/** The sync's contract services for a product on a contract, with their units today. */
	const autotaskLines = (contractId: number, sku: string) => {
		const at = journey.sandbox.state.autotask;
		return at.contractServices
			.filter((line) => line.contractID === contractId && at.services.find((service) => service.id === line.serviceID)?.sku === sku)
			.map((line) => ({ units: currentUnits(at.contractServiceUnits.filter((unit) => unit.contractServiceID === line.id), journey.sandbox.state.today).units, invoiceDescription: line.invoiceDescription, marker: line.internalDescription }));
	};

	beforeAll(async () => {
		const started = Date.now();
		journey = await startJourney({ name: 'autotask-forms', templates: TEMPLATES, tenants: 16, seed: 6, without: ['connectWisePsaApi'] });
		timings.startMs = Date.now() - started;
		useFormLogin(FORMS_LOGIN);
	});

	afterAll(async () => {
		if (!journey) return;
		for (const execution of await journey.n8n.listExecutions({ status: 'error', includeData: true })) {
			const data = JSON.stringify(execution.data);
			process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
		}
		process.stdout.write(`e2e autotask-forms: ${JSON.stringify({ ...timings, ...journey.n8n.timings })}\n`);
		await journey.stop();
		useFormLogin(undefined);
	});

	it('billing profile on Autotask, link to an Autotask contract, then Sync now bills it in Autotask and a second sync writes nothing', async () => {
		const { sandbox } = journey;
		const at = sandbox.state.autotask;
		const scenario = autotaskScenario(sandbox);
		const { held } = scenario;
		const service = at.services.find((candidate) => candidate.sku === held.productIdentifier)!;
		expect(service).toBeDefined();

		// The core creates the Data Tables on its first run; with nothing configured it writes nothing.
		const empty = await callSyncNow(journey.n8n, { json: { everyone: true } });
		expect(empty.status).toBe(200);
		expect(autotaskWrites()).toEqual([]);

		// 1. Billing profile on Autotask: services (by SKU) and contract categories, Billable only.
		let t0 = Date.now();
		const start = await openForm(journey.formUrl('m365-billing-profiles'));
		const psaField = fieldByLabel(start, 'PSA your customers are billed in');
		expect(psaField).toMatchObject({ options: ['ConnectWise PSA', 'Autotask PSA'], selected: 'ConnectWise PSA' });
		const pick = expectPage(await submitForm(start, { [psaField.key]: 'Autotask PSA', [fieldByLabel(start, 'Search catalog').key]: held.productIdentifier }));
		const edit = expectPage(await submitForm(pick, { [fieldByLabel(pick, 'Billing profile').key]: 'New profile' }));
		keepPage('billing-profiles-autotask', edit);
		const serviceField = fieldByLabel(edit, 'Service');
		expect(serviceField.options).toEqual([`${service.sku} — ${service.name}`]);
		const categories = fieldByLabel(edit, 'Contract categories');
		expect(categories.options).toEqual(['M365 Monthly', 'M365 Annual', 'Managed Services', 'Block Time']);
		expect(fieldByLabel(edit, 'Bill customer').options).toEqual(['Billable']);
		expect(decodeHtml(edit.html)).toContain('Included quantities and prorating are not used on Autotask');
		const saved = expectPage(await submitForm(edit, {
			[fieldByLabel(edit, 'Name').key]: PROFILE,
			[serviceField.key]: serviceField.options[0],
			[categories.key]: ['M365 Monthly'],
			[fieldByLabel(edit, 'Price').key]: 'catalog',
		}));
		expect(saved.title).toBe('Billing profile saved');
		expect(await journey.n8n.getDataTableRows('m365_billing_profiles')).toEqual([
			expect.objectContaining({ name: PROFILE, productIdentifier: held.productIdentifier, agreementTypes: 'M365 Monthly', billCustomer: 'Billable', priceMode: 'catalog', unitPrice: null }),
		]);
		timings.billingProfileMs = Date.now() - t0;

		// The company lives in Autotask; the contract's other lines are linked already (their own profiles).
		const tenant = sandbox.state.tenants.find((candidate) => candidate.tenantId === held.tenantId)!;
		const company = at.companies.find((candidate) => candidate.id === held.companyId)!;
		const others = scenario.links.filter((link) => link.agreementId === held.agreementId && link.billingProfile !== `M365 ${held.productIdentifier}`);
		await insertDataTableRows(journey.n8n, 'm365_company_map', [{ tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId: company.id, companyIdentifier: company.companyNumber, companyName: company.companyName, method: 'manual', score: null, psa: 'autotask' }]);
		await insertDataTableRows(journey.n8n, 'm365_billing_profiles', scenario.billingProfiles.filter((profile) => others.some((link) => link.billingProfile === profile.name)));
		// A profile Autotask cannot bill is not offered for this company, and the page says why.
		await insertDataTableRows(journey.n8n, 'm365_billing_profiles', [{ name: 'Free seats', productIdentifier: held.productIdentifier, agreementTypes: 'M365 Monthly', billCustomer: 'DoNotBill', priceMode: 'catalog' }]);
		await insertDataTableRows(journey.n8n, 'm365_license_links', others.map((link) => ({ ...link, companyId: company.id })));
		timings.otherLinksOnContract = others.length;
		const skuId = String(scenario.links.find((link) => link.agreementId === held.agreementId && link.billingProfile === `M365 ${held.productIdentifier}`)!.skuIds);

		// 2. Link licenses: the company's Autotask contracts of the profile's category.
		t0 = Date.now();
		const linkStart = await openForm(journey.formUrl('m365-link-licenses'));
		const companies = expectPage(await submitForm(linkStart, {}));
		const companyField = fieldByLabel(companies, 'Company');
		const companyOption = companyField.options.find((option) => option.startsWith(`${company.companyName} — ${tenant.name} (`))!;
		expect(companyOption).toBeDefined();
		expect(companyOption).not.toContain('no agreement');
		const licenses = expectPage(await submitForm(companies, { [companyField.key]: companyOption }));
		const profileField = fieldByLabel(licenses, 'Billing profile');
		expect(profileField.options).toContain(PROFILE);
		expect(profileField.options).not.toContain('Free seats');
		expect(decodeHtml(licenses.html)).toContain('<b>Free seats</b> bills "DoNotBill": Autotask bills every contract service (Billable only)');
		const licenseField = fieldByLabel(licenses, 'License');
		const licenseOption = licenseField.options.find((option) => option.includes(`[${skuId}]`))!;
		expect(licenseOption).toBeDefined();
		const options = expectPage(await submitForm(licenses, { [licenseField.key]: licenseOption, [profileField.key]: PROFILE }));
		expect(options.title).toBe('Contract and billing options');
		keepPage('link-licenses-autotask-contract', options);
		const contractField = fieldByLabel(options, 'Contract');
		const monthly = at.contracts.filter((contract) => contract.companyID === company.id && contract.status === 1 && contract.contractCategory === 1 && contract.endDate.slice(0, 10) >= sandbox.state.today);
		expect(contractField.options.map((option) => Number(/#(\d+)$/.exec(option)![1])).sort()).toEqual(monthly.map((contract) => contract.id).sort());
		expect(options.fields.map((field) => field.label)).not.toEqual(expect.arrayContaining([expect.stringMatching(/Prorate|Included quantity/)]));
		const preview = expectPage(await submitForm(options, {
			[contractField.key]: contractField.options.find((option) => option.endsWith(`#${held.agreementId}`))!,
			[fieldByLabel(options, 'Minimum quantity').key]: '0',
		}));
		expect(preview.title).toBe('Preview');
		keepPage('link-licenses-autotask-preview', preview);
		const shown = decodeHtml(preview.html);
		expect(shown).toContain('<td>What happens</td><td>A new contract service is added to the contract</td>');
		expect(shown).toContain(`<td>Service</td><td>${held.productIdentifier}</td>`);
		expect(shown).toContain(`<td>Units</td><td>${held.quantity} (now: no line yet)</td>`);
		expect(shown).toContain(`<td>Invoice description</td><td>${held.invoiceDescription}</td>`);
		expect(shown).toContain(`Autotask contract #${held.agreementId}: every contract service`);
		expect(shown).not.toContain('Less included');
		for (const other of others) expect(shown).toContain(`another link (${String(other.billingProfile)}`);
		const done = expectPage(await submitForm(preview, { [fieldByLabel(preview, 'Save this link').key]: 'Save' }));
		expect(done.title).toBe('License linked');
		expect(decodeHtml(done.html)).toContain(`Saved: ${PROFILE} on Autotask contract #${held.agreementId}.`);
		timings.linkLicensesMs = Date.now() - t0;
		expect((await journey.n8n.getDataTableRows('m365_license_links')).filter((row) => row.skuIds === skuId)).toEqual([
			expect.objectContaining({ tenantId: held.tenantId, companyId: company.id, agreementId: held.agreementId, billingProfile: PROFILE, includedQuantity: 0, prorate: 'off', quantityBasis: 'purchased' }),
		]);
		// Nothing was written in Autotask by the forms; ConnectWise was never called.
		expect(autotaskWrites()).toEqual([]);
		expect(cwRequests()).toEqual([]);

		// 3. Sync now bills the linked license in Autotask as the preview said.
		t0 = Date.now();
		const first = await callSyncNow(journey.n8n, { json: { companyId: company.id } });
		timings.firstSyncMs = Date.now() - t0;
		expect(first.status).toBe(200);
		expect((first.body as Summary).counts).toMatchObject({ failed: 0, couldNotRead: 0, needsApproval: 0, create: 1 });
		expect(autotaskLines(held.agreementId, held.productIdentifier)).toEqual([{ units: held.quantity, invoiceDescription: held.invoiceDescription, marker: MANAGED }]);
		expect(cwRequests()).toEqual([]);

		// 4. A second sync writes nothing.
		sandbox.requests.clear();
		const second = await callSyncNow(journey.n8n, { json: { companyId: company.id } });
		expect(second.status).toBe(200);
		expect((second.body as Summary).counts).toMatchObject({ failed: 0, create: 0, update: 0 });
		expect(autotaskWrites()).toEqual([]);
		expect(autotaskLines(held.agreementId, held.productIdentifier)).toEqual([{ units: held.quantity, invoiceDescription: held.invoiceDescription, marker: MANAGED }]);
	});
});
