/**
 * The setup journey through its n8n Forms, filled in over HTTP as a browser does, against a
 * real n8n and the sandbox: onboarding (auto-map + a person's choices), billing profiles,
 * link licenses and contact sync. Asserts what lands in the Data Tables and in the PSA, and that
 * the forms refuse anyone without their Basic Auth login.
 */
import type { Tenant } from '../../sandbox';
import { expectPage, fieldByLabel, openForm, submitForm, useFormLogin, type FormAnswers, type FormField, type FormPage } from './support/formClient';
import { startJourney, type Journey } from './support/journey';
import { buildScenario } from './templates/scenario';
import { FORMS_LOGIN } from './templates/templates';

const TEMPLATES = ['m365-onboarding.json', 'm365-contact-sync.json', 'm365-billing-profiles.json', 'm365-link-licenses.json'];
const FORM_PATHS = TEMPLATES.map((file) => file.replace(/\.json$/, ''));
const TABLES = ['m365_company_map', 'm365_synced_contacts', 'm365_billing_profiles', 'm365_license_links'];

interface MapRow {
	tenantId: string;
	companyId: number;
	method: string;
}

describe('setup journey forms', () => {
	let journey: Journey;
	const started = Date.now();
	const timings: Record<string, number> = {};

	beforeAll(async () => {
		journey = await startJourney({ name: 'forms', templates: TEMPLATES, tenants: 120, seed: 6 });
		timings.startMs = Date.now() - started;
		useFormLogin(FORMS_LOGIN);
	});

	afterAll(async () => {
		if (!journey) return;
		for (const execution of await journey.n8n.listExecutions({ status: 'error', includeData: true })) {
			const data = JSON.stringify(execution.data);
			process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
		}
		process.stdout.write(`e2e forms: ${JSON.stringify({ ...timings, ...journey.n8n.timings, totalMs: Date.now() - started })}\n`);
		await journey.stop();
		useFormLogin(undefined);
	});

	const truth = (tenantId: string): number | null => journey.sandbox.state.groundTruth.tenantToCompany[tenantId] ?? null;
	const tenantOfLabel = (label: string): Tenant => {
		const domain = /\(([^()\s]+)\)/.exec(label)?.[1] ?? '';
		const tenant = journey.sandbox.state.tenants.find((t) => t.defaultDomain === domain || t.domains.includes(domain));
		if (!tenant) throw new Error(`no sandbox tenant for "${label}"`);
		return tenant;
	};
	const mapRows = async (): Promise<MapRow[]> => (await journey.n8n.getDataTableRows('m365_company_map')) as unknown as MapRow[];

	/**
	 * A person who knows the right company: picks it among the suggestions, else through "Other company…", else skips.
	 * Returns the tenant ids mapped each way.
	 */
	async function answerOnboarding(page: FormPage): Promise<{ fromSuggestions: string[]; fromFullList: string[]; done: FormPage }> {
		const answers: FormAnswers = {};
		const other: Record<string, number> = {};
		const fromSuggestions: string[] = [];
		const fromFullList: string[] = [];
		const fields = page.fields.filter((f) => f.kind === 'select');
		const suggested = (field: FormField): string | undefined => {
			const companyId = truth(tenantOfLabel(field.label).tenantId);
			return field.options.find((option) => companyId !== null && option.includes(`#${companyId} (`));
		};
		// The first right suggestion is picked from the full list instead, so the second page is always used.
		const viaFullList = fields.find((field) => suggested(field));
		for (const field of fields) {
			const { tenantId } = tenantOfLabel(field.label);
			const companyId = truth(tenantId);
			const suggestion = field === viaFullList ? undefined : suggested(field);
			if (suggestion) {
				answers[field.key] = suggestion;
				fromSuggestions.push(tenantId);
			} else if (companyId !== null) {
				answers[field.key] = 'Other company…';
				other[/\(([^()\s]+)\)/.exec(field.label)![1]] = companyId;
				fromFullList.push(tenantId);
			} else {
				answers[field.key] = 'Skip';
			}
		}
		let outcome = await submitForm(page, answers);
		if (Object.keys(other).length > 0) {
			const second = expectPage(outcome);
			expect(second.title).toBe('Pick any company');
			const secondAnswers: FormAnswers = {};
			for (const [domain, companyId] of Object.entries(other)) {
				const field = fieldByLabel(second, `(${domain})`);
				secondAnswers[field.key] = field.options.find((option) => option.includes(`#${companyId} (`))!;
			}
			outcome = await submitForm(second, secondAnswers);
		}
		const done = expectPage(outcome);
		expect(done.title).toBe('Customers added');
		return { fromSuggestions, fromFullList, done };
	}

	const CONSENT = 'partnercenter POST /v1/customers/{id}/applicationconsents';
	const consentRequests = () => journey.sandbox.requests.list().filter((record) => record.endpoint === CONSENT).map((record) => ({ tenantId: /customers\/([^/]+)\//.exec(record.path)![1].toLowerCase(), status: record.status }));

	it('onboarding saves confident matches, then what the person chose, and consents the app in each newly mapped tenant; a second run adds nothing', async () => {
		// Before onboarding the app is consented in some customer tenants (every other one) only;
		// one newly mapped tenant's consent is refused, which the last page must report.
		const state = journey.sandbox.state;
		const unconsented = state.tenants.filter((_tenant, index) => index % 2 === 0).map((tenant) => tenant.tenantId);
		journey.sandbox.faults.removeConsent(unconsented);
		const refused = state.tenants.find((tenant) => !tenant.removed && truth(tenant.tenantId) !== null && unconsented.includes(tenant.tenantId))!;
		journey.sandbox.faults.serverError(`partnercenter POST /v1/customers/${refused.tenantId}/applicationconsents`, { status: 400 });
		journey.sandbox.requests.clear();
		const t0 = Date.now();
		const start = await openForm(journey.formUrl('m365-onboarding'));
		expect(start.fields.map((f) => f.label)).toEqual(['Already mapped tenants']);
		const review = expectPage(await submitForm(start, {}));
		expect(review.title).toBe('Choose the company for each tenant');
		const tenantFields = review.fields.filter((f) => f.kind === 'select');
		expect(tenantFields.length).toBeGreaterThan(0);
		for (const field of tenantFields) {
			expect(field.options.slice(-2)).toEqual(['Other company…', 'Skip']);
			expect(field.selected).toBe('Skip');
		}
		const autoSaved = await mapRows();
		// Precision first: every confident match is the right company.
		for (const row of autoSaved) expect(row.companyId).toBe(truth(row.tenantId));
		expect(autoSaved.length).toBeGreaterThan(0);

		const { fromSuggestions, fromFullList, done } = await answerOnboarding(review);
		timings.onboardingMs = Date.now() - t0;
		Object.assign(timings, { autoSaved: autoSaved.length, reviewed: tenantFields.length, chosen: fromSuggestions.length, viaOther: fromFullList.length });
		// Seed 6 with 120 tenants has several review tenants whose right company is suggested: both ways of choosing are used.
		expect(fromSuggestions.length).toBeGreaterThan(0);
		expect(fromFullList.length).toBeGreaterThan(0);
		const rows = await mapRows();
		const manual = rows.filter((row) => row.method === 'manual');
		expect(manual.length).toBe(fromSuggestions.length + fromFullList.length);
		for (const tenantId of [...fromSuggestions, ...fromFullList]) {
			expect(rows.filter((row) => row.tenantId === tenantId)).toEqual([expect.objectContaining({ companyId: truth(tenantId), method: 'manual' })]);
		}
		for (const row of rows) expect(row.companyId).toBe(truth(row.tenantId));
		const reviewed = new Set(tenantFields.map((f) => tenantOfLabel(f.label).tenantId));
		for (const row of manual) expect(reviewed.has(row.tenantId)).toBe(true);
		const mappable = journey.sandbox.state.tenants.filter((t) => !t.removed && truth(t.tenantId) !== null);
		expect(new Set(rows.map((row) => row.tenantId))).toEqual(new Set(mappable.map((t) => t.tenantId)));

		// Consent was asked for exactly the newly mapped tenants (all of them: the table was empty), once each;
		// it was recorded where it was missing, an existing one counts as done (409), the refused one is reported.
		const mappedIds = [...new Set(rows.map((row) => row.tenantId.toLowerCase()))].sort();
		const asked = consentRequests();
		expect(asked.map((request) => request.tenantId).sort()).toEqual(mappedIds);
		const missing = mappedIds.filter((tenantId) => unconsented.includes(tenantId));
		expect([...journey.sandbox.consents.keys()].sort()).toEqual(missing.filter((tenantId) => tenantId !== refused.tenantId));
		expect(asked.filter((request) => request.status === 409).map((request) => request.tenantId).sort()).toEqual(mappedIds.filter((tenantId) => !unconsented.includes(tenantId)));
		expect(done.html).toContain(`App consent: granted in ${missing.length - 1} newly mapped tenant(s), already in place in ${mappedIds.length - missing.length}.`);
		expect(done.html).toContain('Consent FAILED in 1 tenant(s)');
		expect(done.html).toContain(refused.tenantId);
		Object.assign(timings, { consentsGranted: missing.length - 1, consentsAlreadyThere: mappedIds.length - missing.length });
		// Someone fixes the refused tenant, as the page asks (the later tests read its users).
		journey.sandbox.faults.restoreConsent([refused.tenantId]);
		journey.sandbox.requests.clear();

		// Second run: every mappable tenant is mapped, so only tenants without a company are asked about.
		const again = expectPage(await submitForm(await openForm(journey.formUrl('m365-onboarding')), {}));
		for (const field of again.fields.filter((f) => f.kind === 'select')) {
			expect(truth(tenantOfLabel(field.label).tenantId)).toBeNull();
		}
		await answerOnboarding(again);
		const after = await mapRows();
		expect(after.length).toBe(rows.length);
		// Nothing newly mapped, so no consent is asked for again.
		expect(consentRequests()).toEqual([]);
		expect(new Set(after.map((row) => `${row.tenantId}/${row.companyId}`)).size).toBe(after.length);
	});

	it('contact sync creates and fixes the contacts of mapped companies; a second run writes nothing; the contact of a leaver is deactivated', async () => {
		const state = journey.sandbox.state;
		const mapped = await mapRows();
		const emailOf = (contact: (typeof state.contacts)[number]): string => (contact.communicationItems ?? []).find((c) => c.communicationType === 'Email')?.value?.toLowerCase() ?? '';
		const contactsOf = (companyId: number) => state.contacts.filter((c) => c.company?.id === companyId);
		// A seeded contact that lost its last name gets it back; its title (not synced) stays.
		const gdapActive = (tenantId: string): boolean => state.gdapRelationships.some((r) => r.customer?.tenantId === tenantId && r.status === 'active');
		const syncedUser = (email: string): boolean => mapped.some((row) => gdapActive(row.tenantId) && state.tenants.find((t) => t.tenantId === row.tenantId)!.users
			.some((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0 && String(u.mail ?? u.userPrincipalName).toLowerCase() === email));
		const damaged = state.contacts.find((c) => mapped.some((row) => row.companyId === c.company?.id) && syncedUser(emailOf(c)))!;
		const lastName = damaged.lastName;
		damaged.lastName = '';
		damaged.title = 'Finance Director';
		const before = state.contacts.length;

		const t0 = Date.now();
		const start = await openForm(journey.formUrl('m365-contact-sync'));
		const done = expectPage(await submitForm(start, {}));
		timings.contactSyncMs = Date.now() - t0;
		expect(done.title).toBe('Contacts synced');
		const repaired = state.contacts.find((c) => c.id === damaged.id)!;
		expect(repaired.lastName).toBe(lastName);
		expect(repaired.title).toBe('Finance Director');

		const denied = new Set(journey.sandbox.requests.list().filter((r) => r.service === 'graph' && r.status === 403 && r.tenantId).map((r) => r.tenantId!.toLowerCase()));
		let expectedUsers = 0;
		for (const row of mapped) {
			const tenant = state.tenants.find((t) => t.tenantId === row.tenantId)!;
			const users = tenant.users.filter((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0);
			const emails = contactsOf(row.companyId).map(emailOf);
			if (denied.has(tenant.tenantId.toLowerCase())) continue;
			expectedUsers += users.length;
			for (const user of users) expect(emails).toContain(String(user.mail ?? user.userPrincipalName).toLowerCase());
		}
		expect(expectedUsers).toBeGreaterThan(0);
		const synced = await journey.n8n.getDataTableRows('m365_synced_contacts');
		expect(synced.length).toBe(state.contacts.length - before);
		expect(synced.length).toBeGreaterThan(0);
		timings.contactsCreated = synced.length;

		// Second run: nothing to write.
		const snapshot = JSON.stringify(state.contacts);
		journey.sandbox.requests.clear();
		expectPage(await submitForm(await openForm(journey.formUrl('m365-contact-sync')), {}));
		const writes = journey.sandbox.requests.list().filter((r) => r.service === 'cw' && r.method !== 'GET');
		expect(writes).toEqual([]);
		expect(JSON.stringify(state.contacts)).toBe(snapshot);

		// A user the workflow created a contact for leaves; with the box ticked that contact, and only it, is deactivated in the PSA.
		const leaver = synced[0] as { tenantId: string; email: string; contactId: number };
		const user = state.tenants.find((t) => t.tenantId === leaver.tenantId)!.users.find((u) => String(u.mail ?? u.userPrincipalName).toLowerCase() === leaver.email)!;
		user.accountEnabled = false;
		const inactiveBefore = state.contacts.filter((c) => c.inactiveFlag === true).map((c) => c.id);
		const form = await openForm(journey.formUrl('m365-contact-sync'));
		const end = expectPage(await submitForm(form, { [fieldByLabel(form, 'Leavers').key]: ['Deactivate contacts this workflow created whose user left'] }));
		expect(end.html).toContain(leaver.email);
		expect(end.html).toContain('Deactivated in ConnectWise: 1.');
		const newlyInactive = state.contacts.filter((c) => c.inactiveFlag === true && !inactiveBefore.includes(c.id)).map((c) => c.id);
		expect(newlyInactive).toEqual([leaver.contactId]);
		const rows = await journey.n8n.getDataTableRows('m365_synced_contacts');
		expect(rows.filter((row) => row.status !== 'active').map((row) => [row.contactId, row.status])).toEqual([[leaver.contactId, 'deactivated']]);
	});

	it('billing profiles: a new profile is saved, then edited in place', async () => {
		const product = buildScenario(journey.sandbox.state, 3).held.productIdentifier;
		const start = await openForm(journey.formUrl('m365-billing-profiles'));
		const pick = expectPage(await submitForm(start, { [fieldByLabel(start, 'Search catalog').key]: product }));
		expect(fieldByLabel(pick, 'Billing profile').options).toEqual(['New profile']);
		const edit = expectPage(await submitForm(pick, { [fieldByLabel(pick, 'Billing profile').key]: 'New profile' }));
		const productField = fieldByLabel(edit, 'Product');
		const option = productField.options.find((o) => o.startsWith(`${product} — `))!;
		const types = fieldByLabel(edit, 'Agreement types');
		expect(types.options).toEqual(expect.arrayContaining(['M365 Monthly', 'M365 Annual']));
		const saved = expectPage(await submitForm(edit, {
			[fieldByLabel(edit, 'Name').key]: 'M365 Test profile',
			[productField.key]: option,
			[types.key]: ['M365 Monthly'],
			[fieldByLabel(edit, 'Bill customer').key]: 'Billable',
			[fieldByLabel(edit, 'Price').key]: 'custom',
			[fieldByLabel(edit, 'Unit price').key]: '22.5',
		}));
		expect(saved.title).toBe('Billing profile saved');
		expect(await journey.n8n.getDataTableRows('m365_billing_profiles')).toEqual([
			expect.objectContaining({ name: 'M365 Test profile', productIdentifier: product, agreementTypes: 'M365 Monthly', billCustomer: 'Billable', priceMode: 'custom', unitPrice: 22.5 }),
		]);

		// Editing shows the saved values and changes the same row.
		const again = expectPage(await submitForm(await openForm(journey.formUrl('m365-billing-profiles')), {}));
		const editAgain = expectPage(await submitForm(again, { [fieldByLabel(again, 'Billing profile').key]: 'M365 Test profile' }));
		expect(fieldByLabel(editAgain, 'Product').selected).toBe(option);
		expect(fieldByLabel(editAgain, 'Price').selected).toBe('custom');
		expect(fieldByLabel(editAgain, 'Agreement types').checked).toEqual(['M365 Monthly']);
		expectPage(await submitForm(editAgain, { [fieldByLabel(editAgain, 'Price').key]: 'catalog' }));
		expect(await journey.n8n.getDataTableRows('m365_billing_profiles')).toEqual([
			expect.objectContaining({ name: 'M365 Test profile', productIdentifier: product, priceMode: 'catalog', unitPrice: null }),
		]);
	});

	it('link licenses: shows the licenses, offers the agreements of the profile\'s types, previews the line and saves the link', async () => {
		// A line no agreement has yet: the preview is a create.
		const { held: line, links } = buildScenario(journey.sandbox.state, 3);
		const skuId = String(links.find((l) => l.tenantId === line.tenantId && l.agreementId === line.agreementId && l.billingProfile === `M365 ${line.productIdentifier}`)!.skuIds);
		const tenant = journey.sandbox.state.tenants.find((t) => t.tenantId === line.tenantId)!;
		const t0 = Date.now();
		const start = await openForm(journey.formUrl('m365-link-licenses'));
		const companies = expectPage(await submitForm(start, {}));
		const company = fieldByLabel(companies, 'Company');
		const companyOption = company.options.find((o) => o.includes(`[${line.tenantId}] #${line.companyId}`))!;
		expect(companyOption).toBeDefined();
		const licenses = expectPage(await submitForm(companies, { [company.key]: companyOption }));
		const licenseField = fieldByLabel(licenses, 'License');
		expect(licenseField.options.length).toBe(tenant.skus.filter((sku) => (sku.prepaidUnits?.enabled ?? 0) + (sku.prepaidUnits?.warning ?? 0) + (sku.consumedUnits ?? 0) > 0).length || licenseField.options.length);
		expect(licenses.html).toContain('Unassigned');
		const licenseOption = licenseField.options.find((o) => o.includes(`[${skuId}]`))!;
		expect(licenseOption).not.toContain('(linked)');
		const options = expectPage(await submitForm(licenses, { [licenseField.key]: licenseOption, [fieldByLabel(licenses, 'Billing profile').key]: 'M365 Test profile' }));
		const agreement = fieldByLabel(options, 'Agreement');
		const monthly = journey.sandbox.state.agreements.filter((a) => a.company?.id === line.companyId && a.type?.name === 'M365 Monthly' && a.agreementStatus === 'Active' && !a.cancelledFlag);
		expect(agreement.options.map((o) => Number(/#(\d+)$/.exec(o)![1])).sort()).toEqual(monthly.map((a) => a.id).sort());
		if (monthly.length === 1) expect(agreement.selected).toBe(agreement.options[0]);
		const preview = expectPage(await submitForm(options, {
			[agreement.key]: agreement.options.find((o) => o.endsWith(`#${line.agreementId}`))!,
			[fieldByLabel(options, 'Billing start date').key]: '2026-01-01',
			[fieldByLabel(options, 'Minimum quantity').key]: '0',
			[fieldByLabel(options, 'Included quantity').key]: '1',
			[fieldByLabel(options, 'Unassigned count').key]: 'Yes',
		}));
		expect(preview.title).toBe('Preview');
		expect(preview.html).toContain('Action: create');
		expect(preview.html).toContain(`Quantity: ${line.quantity}`);
		expect(preview.html).toContain('Less included: 1');
		expect(preview.html).toContain(line.invoiceDescription);
		const done = expectPage(await submitForm(preview, { [fieldByLabel(preview, 'Save this link').key]: 'Save' }));
		timings.linkLicensesMs = Date.now() - t0;
		expect(done.title).toBe('License linked');
		expect(await journey.n8n.getDataTableRows('m365_license_links')).toEqual([expect.objectContaining({
			tenantId: line.tenantId, skuIds: skuId, agreementId: line.agreementId, billingProfile: 'M365 Test profile', includedQuantity: 1, minimumQuantity: 0,
			quantityBasis: 'purchased', prorate: 'off', showUsernames: false, showUnassigned: true,
		})]);
	});

	it('refuses each form without its login or with a wrong password (401): no run starts, nothing is written', async () => {
		// The start pages a person with the login gets, so the refused posts carry what a real submission does.
		const pages = await Promise.all(FORM_PATHS.map(async (formPath) => await openForm(journey.formUrl(formPath))));
		const tables = async (): Promise<string> => JSON.stringify(await Promise.all(TABLES.map(async (table) => await journey.n8n.getDataTableRows(table))));
		const tablesBefore = await tables();
		const executionsBefore = (await journey.n8n.listExecutions()).length;
		journey.sandbox.requests.clear();
		try {
			for (const login of [undefined, { ...FORMS_LOGIN, password: 'not-the-password' }]) {
				useFormLogin(login);
				for (const page of pages) {
					await expect(openForm(page.url)).rejects.toThrow(/answered 401/);
					await expect(submitForm(page, {})).rejects.toThrow(/answered 401/);
				}
			}
		} finally {
			useFormLogin(FORMS_LOGIN);
		}
		// The header that makes a browser ask for the login.
		const bare = await fetch(journey.formUrl('m365-contact-sync'));
		expect(bare.status).toBe(401);
		expect(bare.headers.get('www-authenticate')).toMatch(/^Basic /);

		// A run started by mistake would show up within a second.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await journey.n8n.listExecutions()).length).toBe(executionsBefore);
		expect(await tables()).toBe(tablesBefore);
		expect(journey.sandbox.requests.list()).toEqual([]);
	});
});
