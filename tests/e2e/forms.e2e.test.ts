/**
 * The setup journey through its n8n Forms, filled in over HTTP as a browser does, against a
 * real n8n and the sandbox: onboarding (auto-map + a person's choices), billing profiles,
 * link licenses and contact sync. Asserts what lands in the Data Tables and in the PSA, and that
 * the forms refuse anyone without their Basic Auth login.
 */
import type { Tenant } from '../../sandbox';
import { decodeHtml, expectPage, fieldByLabel, openForm, submitForm, useFormLogin, type FormAnswers, type FormPage } from './support/formClient';
import { hasLiveGdap } from '../../sandbox/data/gdap';
import { insertDataTableRows, updateDataTableRows } from './support/dataTables';
import { keepPage } from './support/formPages';
import { startJourney, type Journey } from './support/journey';
import { MANAGED, buildScenario, type Scenario } from './templates/scenario';
import { FORMS_LOGIN } from './templates/templates';

const TEMPLATES = ['m365-onboarding.json', 'm365-contact-sync.json', 'm365-billing-profiles.json', 'm365-link-licenses.json'];
const FORM_PATHS = TEMPLATES.map((file) => file.replace(/\.json$/, ''));
const TABLES = ['m365_company_map', 'm365_synced_contacts', 'm365_billing_profiles', 'm365_license_links'];

/**
 * A scenario whose held line (one no agreement has yet) sits on an agreement with other linked lines and
 * no managed line outside them: the link preview then shows a plain create beside the other links' lines.
 */
function previewScenario(): Scenario {
	const state = journey.sandbox.state;
	for (let tenants = 3; tenants <= 40; tenants++) {
		const scenario = buildScenario(state, tenants);
		const { held } = scenario;
		const neighbours = scenario.links.filter((link) => link.agreementId === held.agreementId && link.billingProfile !== `M365 ${held.productIdentifier}`);
		const products = neighbours.map((link) => String(link.billingProfile).replace(/^M365 /, ''));
		const strayManaged = state.additions.some((a) => a.agreementId === held.agreementId && !a.cancelledDate && a.serialNumber === MANAGED && !products.includes(a.product?.identifier ?? ''));
		if (neighbours.length > 0 && !strayManaged) return scenario;
	}
	throw new Error('no held line with linked neighbours in the seeded data: choose another seed');
}

const ONBOARDING_WORKFLOW = 'm365OnboardWf001';
const LINK_LICENSES_WORKFLOW = 'm365LinkLicWf001';

interface MapRow {
	tenantId: string;
	companyId: number;
	method: string;
	psa: string;
}

let journey: Journey;
const timings: Record<string, number> = {};

/** A sandbox and n8n with these templates for one describe block; prints its timings and failed runs at the end. */
function useJourney(name: string, templates: string[], tenants: number, without: string[] = []): void {
	const started = Date.now();
	beforeAll(async () => {
		for (const key of Object.keys(timings)) delete timings[key];
		journey = await startJourney({ name, templates, tenants, seed: 6, without });
		timings.startMs = Date.now() - started;
		useFormLogin(FORMS_LOGIN);
	});
	afterAll(async () => {
		if (!journey) return;
		for (const execution of await journey.n8n.listExecutions({ status: 'error', includeData: true })) {
			const data = JSON.stringify(execution.data);
			process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
		}
		process.stdout.write(`e2e ${name}: ${JSON.stringify({ ...timings, ...journey.n8n.timings, totalMs: Date.now() - started })}\n`);
		await journey.stop();
		useFormLogin(undefined);
	});
}

const truth = (tenantId: string): number | null => journey.sandbox.state.groundTruth.tenantToCompany[tenantId] ?? null;
/** The tenant a field is about: its label names the tenant's domain in parentheses. */
const tenantOfLabel = (label: string): Tenant => {
	const domains = [...label.matchAll(/\(([^()\s]+)\)/g)].map((m) => m[1]);
	const tenant = journey.sandbox.state.tenants.find((t) => domains.some((domain) => t.defaultDomain === domain || t.domains.includes(domain)));
	if (!tenant) throw new Error(`no sandbox tenant for "${label}"`);
	return tenant;
};
const companyNamed = (option: string) => {
	const name = option.split(' — ')[0];
	const found = journey.sandbox.state.companies.filter((c) => c.name === name || `${c.name} (${c.identifier})` === name);
	if (found.length !== 1) throw new Error(`${found.length} companies named "${name}"`);
	return found[0];
};
const mapRows = async (): Promise<MapRow[]> => (await journey.n8n.getDataTableRows('m365_company_map')) as unknown as MapRow[];
const OWN_COMPANY = 'Sandbox MSP';
const PAGE_SIZE = 20;

interface OnboardingRun {
	/** What the person chose, tenant → company (a suggestion, a search, or "accept the page"). */
	chosen: Map<string, number>;
	fromSuggestions: string[];
	fromSearch: string[];
	fromAcceptedPage: string[];
	reviewed: string[];
	reviewPages: number;
	preselected: number;
	preselectedRight: number;
	searchesAgain: number;
	done: FormPage;
}

/**
 * A person who knows the right company goes through every page: picks it among the suggestions,
 * else finds it by typing part of its name (searching again with the whole name when the first
 * search lists too many), else skips. One page (`acceptPage`) is answered with "accept the first
 * suggestion for every tenant on this page" instead.
 */
async function answerOnboarding(first: FormPage, acceptPage: number | null, keep: boolean): Promise<OnboardingRun> {
	const run: OnboardingRun = { chosen: new Map(), fromSuggestions: [], fromSearch: [], fromAcceptedPage: [], reviewed: [], reviewPages: 0, preselected: 0, preselectedRight: 0, searchesAgain: 0, done: first };
	let page = first;
	const wanted = new Map<string, number>();
	const kept = new Set<string>();
	const keepFirst = (name: string, shown: FormPage) => {
		if (keep && !kept.has(name)) keepPage(name, shown);
		kept.add(name);
	};
	for (;;) {
		keepFirst({ 'Choose the company for each tenant': 'onboarding-review', 'Find a company': 'onboarding-search', 'Pick the company': 'onboarding-results' }[page.title] ?? 'onboarding-done', page);
		if (page.title === 'Choose the company for each tenant') {
			const index = run.reviewPages++;
			const action = fieldByLabel(page, 'On this page');
			const tenants = page.fields.filter((f) => f.kind === 'select' && f !== action);
			// A page a person can work through: at most a page size of tenants, plain labels, never the MSP itself.
			expect(tenants.length).toBeGreaterThan(0);
			expect(tenants.length).toBeLessThanOrEqual(PAGE_SIZE);
			expect(page.html).toContain(`Page ${index + 1} of `);
			const answers: FormAnswers = {};
			for (const field of tenants) {
				const tenant = tenantOfLabel(field.label);
				run.reviewed.push(tenant.tenantId);
				expect(field.options.slice(-2)).toEqual(['Find another company…', 'Skip for now']);
				for (const option of field.options) {
					expect(option).not.toMatch(/%|fuzzyName|exactName|#\d/);
					expect(option.startsWith(`${OWN_COMPANY} `)).toBe(false);
				}
				const suggestions = field.options.slice(0, -2);
				for (const option of suggestions) expect(option).toMatch(/ — (same domain \S+|a contact uses \S+|same name|similar name|[a-z].*)$/);
				if (field.selected !== 'Skip for now') {
					run.preselected++;
					if (companyNamed(field.selected!).id === truth(tenant.tenantId)) run.preselectedRight++;
				}
				const companyId = truth(tenant.tenantId);
				const right = suggestions.find((option) => companyId !== null && companyNamed(option).id === companyId);
				if (index === acceptPage) {
					if (suggestions.length > 0) {
						run.chosen.set(tenant.tenantId, companyNamed(suggestions[0]).id);
						run.fromAcceptedPage.push(tenant.tenantId);
					}
				} else if (right) {
					answers[field.key] = right;
					run.chosen.set(tenant.tenantId, companyId!);
					run.fromSuggestions.push(tenant.tenantId);
				} else if (companyId !== null) {
					answers[field.key] = 'Find another company…';
					wanted.set(tenant.tenantId, companyId);
				} else {
					answers[field.key] = 'Skip for now';
				}
			}
			answers[action.key] = index === acceptPage ? 'Accept the first suggestion for every tenant on this page' : 'Save the choices below and go on';
			page = expectPage(await submitForm(page, answers));
		} else if (page.title === 'Find a company') {
			const answers: FormAnswers = {};
			for (const field of page.fields.filter((f) => f.kind === 'input')) {
				const company = journey.sandbox.state.companies.find((c) => c.id === wanted.get(tenantOfLabel(field.label).tenantId))!;
				// Part of the name first; the whole name when searching again.
				answers[field.key] = field.selected === company.name.slice(0, 8) ? company.name : company.name.slice(0, 8);
			}
			page = expectPage(await submitForm(page, answers));
		} else if (page.title === 'Pick the company') {
			const answers: FormAnswers = {};
			for (const field of page.fields.filter((f) => f.kind === 'select')) {
				const { tenantId } = tenantOfLabel(field.label);
				const company = journey.sandbox.state.companies.find((c) => c.id === wanted.get(tenantId))!;
				expect(field.options.some((option) => option.startsWith(`${OWN_COMPANY} (`))).toBe(false);
				const option = field.options.find((o) => o === `${company.name} (${company.identifier})`);
				if (option) {
					answers[field.key] = option;
					run.chosen.set(tenantId, company.id);
					run.fromSearch.push(tenantId);
				} else {
					answers[field.key] = 'Search again';
					run.searchesAgain++;
				}
			}
			page = expectPage(await submitForm(page, answers));
		} else {
			expect(page.title).toBe('Customers added');
			run.done = page;
			return run;
		}
	}
}

const CONSENT = 'partnercenter POST /v1/customers/{id}/applicationconsents';
const consentRequests = () => journey.sandbox.requests.list().filter((record) => record.endpoint === CONSENT).map((record) => ({ tenantId: /customers\/([^/]+)\//.exec(record.path)![1].toLowerCase(), status: record.status }));

/**
 * Onboarding through its pages, as a person who knows the right companies: confident matches are saved
 * at once, the rest a page at a time (preselected suggestions, a search, one page accepted as suggested),
 * the last page lists what was saved; consent per newly mapped tenant; a second run adds nothing.
 */
async function onboardingWalk(scale: { minTenants: number; minPages: number; acceptPage: number | null }): Promise<void> {
	// Before onboarding the app is consented in some customer tenants (every other one) only;
	// one newly mapped tenant's consent is refused, which the last page must report.
	const state = journey.sandbox.state;
	expect(state.tenants.length).toBeGreaterThanOrEqual(scale.minTenants);
	const unconsented = state.tenants.filter((_tenant, index) => index % 2 === 0).map((tenant) => tenant.tenantId);
	journey.sandbox.faults.removeConsent(unconsented);
	journey.sandbox.requests.clear();
	const t0 = Date.now();
	const start = await openForm(journey.formUrl('m365-onboarding'));
	// The split field left empty: the onboarding pages, not the split ones.
	// The PSA left at its default (ConnectWise): an install with only a ConnectWise credential (see the journey below) onboards as before.
	expect(start.fields.map((f) => f.label)).toEqual(['PSA your customers are billed in', 'Already mapped tenants', 'Split one tenant across several companies (optional): part of its name or domain']);
	expect(fieldByLabel(start, 'PSA your customers are billed in').selected).toBe('ConnectWise PSA');
	if (scale.acceptPage !== null) keepPage('onboarding-start', start);
	const review = expectPage(await submitForm(start, {}));
	timings.onboardingFirstPageMs = Date.now() - t0;
	expect(review.title).toBe('Choose the company for each tenant');
	const autoSaved = await mapRows();
	// Precision first: every confident match is the right company.
	for (const row of autoSaved) expect(row.companyId).toBe(truth(row.tenantId));
	expect(autoSaved.length).toBeGreaterThan(0);
	// The consent refused is that of a tenant the person will map (its right company is not saved yet).
	const refused = state.tenants.find((tenant) => !tenant.removed && truth(tenant.tenantId) !== null && unconsented.includes(tenant.tenantId) && !autoSaved.some((row) => row.tenantId === tenant.tenantId))!;
	journey.sandbox.faults.serverError(`partnercenter POST /v1/customers/${refused.tenantId}/applicationconsents`, { status: 400 });

	// An abandoned session does not wait for ever: the page waits at most an hour.
	const waiting = (await journey.n8n.listExecutions({ status: 'waiting', workflowId: ONBOARDING_WORKFLOW })) as Array<{ waitTill?: string | null }>;
	expect(waiting).toHaveLength(1);
	const waitTill = Date.parse(String(waiting[0].waitTill));
	expect(waitTill - Date.now()).toBeGreaterThan(50 * 60 * 1000);
	expect(waitTill - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);

	const run = await answerOnboarding(review, scale.acceptPage, scale.acceptPage !== null);
	timings.onboardingMs = Date.now() - t0;
	const reviewed = new Set(run.reviewed);
	Object.assign(timings, {
		tenants: state.tenants.length, autoSaved: autoSaved.length, reviewed: reviewed.size, reviewPages: run.reviewPages, preselected: run.preselected, preselectedRight: run.preselectedRight,
		chosen: run.fromSuggestions.length, viaSearch: run.fromSearch.length, searchesAgain: run.searchesAgain, viaAcceptedPage: run.fromAcceptedPage.length,
	});
	// Every tenant to review was on exactly one page, pages of 20.
	expect(run.reviewed.length).toBe(reviewed.size);
	expect(run.reviewPages).toBe(Math.ceil(reviewed.size / PAGE_SIZE));
	expect(run.reviewPages).toBeGreaterThanOrEqual(scale.minPages);
	// Every way of choosing was used; what is preselected is almost always right.
	expect(run.fromSuggestions.length).toBeGreaterThan(0);
	expect(run.fromSearch.length).toBeGreaterThan(0);
	if (scale.acceptPage !== null) expect(run.fromAcceptedPage.length).toBeGreaterThan(0);
	if (run.preselected > 0) expect(run.preselectedRight / run.preselected).toBeGreaterThanOrEqual(0.9);

	const rows = await mapRows();
	// Every row saved (confident and chosen) says which PSA its company id belongs to.
	expect([...new Set(rows.map((row) => row.psa))]).toEqual(['connectwise']);
	const manual = rows.filter((row) => row.method === 'manual');
	expect(new Map(manual.map((row) => [row.tenantId, row.companyId]))).toEqual(run.chosen);
	expect(manual.length).toBe(run.chosen.size);
	for (const row of manual) expect(reviewed.has(row.tenantId)).toBe(true);
	expect(rows.length).toBe(autoSaved.length + run.chosen.size);
	// The last page lists what was saved and points to the next step.
	expect(run.done.html).toContain(`Saved ${run.chosen.size} mappings you chose and ${autoSaved.length} confident matches found automatically.`);
	const tenantIds = manual.map((row) => row.tenantId);
	for (const tenantId of tenantIds) expect(decodeHtml(run.done.html)).toContain(`<td>${state.tenants.find((tenant) => tenant.tenantId === tenantId)!.name} (`);
	expect(run.done.html).toContain('/form/m365-link-licenses');

	// Consent was asked for exactly the newly mapped tenants (all of them: the table was empty), once each;
	// it was recorded where it was missing, an existing one counts as done (409), the refused one is reported.
	const mappedIds = [...new Set(rows.map((row) => row.tenantId.toLowerCase()))].sort();
	const asked = consentRequests();
	expect(asked.map((request) => request.tenantId).sort()).toEqual(mappedIds);
	const missing = mappedIds.filter((tenantId) => unconsented.includes(tenantId));
	const refusedToo = missing.includes(refused.tenantId) ? 1 : 0;
	expect([...journey.sandbox.consents.keys()].sort()).toEqual(missing.filter((tenantId) => tenantId !== refused.tenantId));
	expect(asked.filter((request) => request.status === 409).map((request) => request.tenantId).sort()).toEqual(mappedIds.filter((tenantId) => !unconsented.includes(tenantId)));
	expect(run.done.html).toContain(`App consent: granted in ${missing.length - refusedToo} newly mapped tenant(s), already in place in ${mappedIds.length - missing.length}.`);
	if (refusedToo) {
		expect(run.done.html).toContain('Consent FAILED in 1 tenant(s)');
		expect(run.done.html).toContain(refused.tenantId);
	}
	Object.assign(timings, { consentsGranted: missing.length - refusedToo, consentsAlreadyThere: mappedIds.length - missing.length });
	// Someone fixes the refused tenant, as the page asks (the later tests read its users).
	journey.sandbox.faults.restoreConsent([refused.tenantId]);
	journey.sandbox.requests.clear();
	expect(await journey.n8n.listExecutions({ status: 'waiting', workflowId: ONBOARDING_WORKFLOW })).toEqual([]);

	// Second run: only tenants without a mapping are asked about; the person finishes on the first page.
	const again = expectPage(await submitForm(await openForm(journey.formUrl('m365-onboarding')), {}));
	const mapped = new Set(rows.map((row) => row.tenantId));
	for (const field of again.fields.filter((f) => f.kind === 'select' && f.label !== 'On this page')) {
		expect(mapped.has(tenantOfLabel(field.label).tenantId)).toBe(false);
	}
	const finishAnswers: FormAnswers = { [fieldByLabel(again, 'On this page').key]: 'Save the choices below and finish (skip the remaining tenants)' };
	for (const field of again.fields.filter((f) => f.kind === 'select' && f.label !== 'On this page')) finishAnswers[field.key] = 'Skip for now';
	const end = expectPage(await submitForm(again, finishAnswers));
	expect(end.title).toBe('Customers added');
	expect(end.html).toContain('Saved 0 mappings you chose');
	const after = await mapRows();
	expect(after.length).toBe(rows.length);
	// Nothing newly mapped, so no consent is asked for again.
	expect(consentRequests()).toEqual([]);
	expect(new Set(after.map((row) => `${row.tenantId}/${row.companyId}`)).size).toBe(after.length);
}
// Onboarding at MSP scale in its own n8n: the other forms (contact sync reads every mapped tenant) stay quick at 120 tenants.
describe('onboarding at MSP scale', () => {
	useJourney('forms-scale', ['m365-onboarding.json'], 320);

	it('onboarding 320 tenants: pages of 20 with preselected suggestions, one page accepted as suggested, companies found by name, the last page lists what was saved; consent; a second run adds nothing', async () => {
		await onboardingWalk({ minTenants: 300, minPages: 3, acceptPage: 1 });
	});
});

// An MSP moving to Autotask: some companies in ConnectWise (an empty psa: the default), some in
// Autotask. The sandbox gives both PSAs the same company ids, and here the same ids to the
// contacts each creates, so a contact id names a different person in each PSA.
describe('contact sync with companies in both PSAs', () => {
	useJourney('forms-psa', ['m365-contact-sync.json'], 16);
	const LEAVERS = 'Deactivate contacts this workflow created whose user left';
	interface SyncedRow {
		id: number;
		tenantId: string;
		companyId: number;
		contactId: number;
		email: string;
		status: string;
		psa: string | null;
	}
	const syncedRows = async () => (await journey.n8n.getDataTableRows('m365_synced_contacts')) as unknown as SyncedRow[];
	const requestsTo = (service: string) => journey.sandbox.requests.list().filter((record) => record.service === service);
	// Autotask reads are POST …/query: only creates and changes are writes.
	const autotaskWrites = () => requestsTo('autotask').filter((record) => record.method === 'PATCH' || (record.method === 'POST' && !/\/query(\/count)?$/.test(record.endpoint)));
	const cwWrites = () => requestsTo('cw').filter((record) => record.method !== 'GET');
	const licensedUsers = (tenantId: string) => journey.sandbox.state.tenants.find((t) => t.tenantId === tenantId)!.users.filter((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0);
	const emailOf = (user: { mail?: string | null; userPrincipalName: string }) => String(user.mail ?? user.userPrincipalName).toLowerCase();
	const cwEmail = (contact: (typeof journey.sandbox.state.contacts)[number]) => (contact.communicationItems ?? []).find((c) => c.communicationType === 'Email')?.value?.toLowerCase() ?? '';
	/** Tenant → [company, psa]: two in ConnectWise (one row naming no PSA), two in Autotask. */
	const mapped: Array<{ tenantId: string; companyId: number; psa: string }> = [];
	const sync = async (leavers: boolean): Promise<FormPage> => {
		const form = await openForm(journey.formUrl('m365-contact-sync'));
		const end = expectPage(await submitForm(form, leavers ? { [fieldByLabel(form, 'Leavers').key]: [LEAVERS] } : {}));
		expect(end.title).toBe('Contacts synced');
		return end;
	};

	beforeAll(async () => {
		const { state, clock } = journey.sandbox;
		const candidates = state.tenants.filter((tenant) => !tenant.removed && state.groundTruth.tenantToCompany[tenant.tenantId] && hasLiveGdap(state.gdapRelationships, tenant.tenantId, clock.now()) && licensedUsers(tenant.tenantId).length >= 2);
		const companies = new Set<number>();
		for (const tenant of candidates) {
			const companyId = state.groundTruth.tenantToCompany[tenant.tenantId]!;
			if (companies.has(companyId) || mapped.length === 4) continue;
			companies.add(companyId);
			mapped.push({ tenantId: tenant.tenantId, companyId, psa: ['', 'connectwise', 'autotask', 'autotask'][mapped.length] });
		}
		expect(mapped).toHaveLength(4);
		// Both PSAs hand out the same ids to new contacts.
		state.nextId.contact = state.autotask.nextId.contact;
		const table = (await journey.n8n.api.call('POST', '/data-tables', { name: 'm365_company_map', columns: ['tenantId', 'companyName', 'psa'].map((name) => ({ name, type: 'string' })).concat([{ name: 'companyId', type: 'number' }]) })) as { id: string };
		expect(table.id).toBeTruthy();
		await insertDataTableRows(journey.n8n, 'm365_company_map', mapped.map((row) => ({ ...row, companyName: state.companies.find((c) => c.id === row.companyId)!.name })));
	});

	it('creates each company\'s contacts in its own PSA only, records the PSA, and a second run writes nothing in either', async () => {
		const { state } = journey.sandbox;
		const cwBefore = JSON.stringify(state.contacts.filter((contact) => mapped.some((row) => row.psa === 'autotask' && row.companyId === contact.company?.id)));
		const atBefore = JSON.stringify(state.autotask.contacts.filter((contact) => mapped.some((row) => row.psa !== 'autotask' && row.companyId === contact.companyID)));
		journey.sandbox.requests.clear();
		const t0 = Date.now();
		await sync(false);
		timings.contactSyncBothMs = Date.now() - t0;
		const denied = new Set(requestsTo('graph').filter((r) => r.status === 403 && r.tenantId).map((r) => r.tenantId!.toLowerCase()));
		const rows = await syncedRows();
		for (const row of mapped.filter((candidate) => !denied.has(candidate.tenantId.toLowerCase()))) {
			const emails = row.psa === 'autotask'
				? state.autotask.contacts.filter((c) => c.companyID === row.companyId && c.isActive === 1).map((c) => String(c.emailAddress).toLowerCase())
				: state.contacts.filter((c) => c.company?.id === row.companyId && !c.inactiveFlag).map(cwEmail);
			for (const user of licensedUsers(row.tenantId)) expect({ tenant: row.tenantId, psa: row.psa, email: emailOf(user), found: emails.includes(emailOf(user)) }).toEqual({ tenant: row.tenantId, psa: row.psa, email: emailOf(user), found: true });
			for (const synced of rows.filter((candidate) => candidate.tenantId === row.tenantId)) expect({ email: synced.email, psa: synced.psa }).toEqual({ email: synced.email, psa: row.psa || 'connectwise' });
		}
		// Nothing of an Autotask company was written to ConnectWise, nor the reverse.
		expect(JSON.stringify(state.contacts.filter((contact) => mapped.some((row) => row.psa === 'autotask' && row.companyId === contact.company?.id)))).toBe(cwBefore);
		expect(JSON.stringify(state.autotask.contacts.filter((contact) => mapped.some((row) => row.psa !== 'autotask' && row.companyId === contact.companyID)))).toBe(atBefore);
		const created = { autotask: rows.filter((row) => row.psa === 'autotask'), connectwise: rows.filter((row) => row.psa === 'connectwise') };
		expect(created.autotask.length).toBeGreaterThan(0);
		expect(created.connectwise.length).toBeGreaterThan(0);
		for (const row of created.autotask) expect(state.autotask.contacts.find((c) => c.id === row.contactId)).toMatchObject({ companyID: row.companyId, emailAddress: row.email });
		// The ids repeat across the PSAs: contact ids alone cannot say which PSA a row is in.
		expect(created.autotask.some((row) => created.connectwise.some((other) => other.contactId === row.contactId))).toBe(true);
		timings.contactsCreatedBoth = rows.length;

		const snapshot = JSON.stringify([state.contacts, state.autotask.contacts]);
		journey.sandbox.requests.clear();
		const again = await sync(false);
		expect(decodeHtml(again.html)).toContain('Created 0,');
		expect(autotaskWrites()).toEqual([]);
		expect(cwWrites()).toEqual([]);
		expect(JSON.stringify([state.contacts, state.autotask.contacts])).toBe(snapshot);
		expect(await syncedRows()).toHaveLength(rows.length);
	});

	it('deactivates a leaver only in the PSA it was created in (a row without a PSA is ConnectWise\'s), never the other PSA\'s contact of the same id, and never after a failed read', async () => {
		const { state } = journey.sandbox;
		const rows = await syncedRows();
		const autotaskTenants = mapped.filter((row) => row.psa === 'autotask').map((row) => row.tenantId);
		// An Autotask leaver whose contact id is also a ConnectWise contact this workflow created.
		const atLeaver = rows.find((row) => row.psa === 'autotask' && rows.some((other) => other.psa === 'connectwise' && other.contactId === row.contactId))!;
		const cwLeaver = rows.find((row) => row.psa === 'connectwise' && row.contactId !== atLeaver.contactId)!;
		expect([atLeaver, cwLeaver].every(Boolean)).toBe(true);
		// An older row, from before the psa column: no PSA is ConnectWise.
		await updateDataTableRows(journey.n8n, 'm365_synced_contacts', { id: cwLeaver.id }, { psa: null });
		// The other Autotask tenant cannot be read this time: its users look gone, but nothing of it is deactivated.
		const unread = autotaskTenants.find((tenantId) => tenantId !== atLeaver.tenantId)!;
		const unreadRows = rows.filter((row) => row.tenantId === unread);
		expect(unreadRows.length).toBeGreaterThan(0);
		journey.sandbox.faults.access.gdapRemoved.add(unread);
		for (const leaver of [atLeaver, cwLeaver]) licensedUsers(leaver.tenantId).find((user) => emailOf(user) === leaver.email)!.accountEnabled = false;
		const cwTwin = () => state.contacts.find((contact) => contact.id === atLeaver.contactId)!;
		const atTwin = () => state.autotask.contacts.find((contact) => contact.id === cwLeaver.contactId);
		expect(cwTwin().inactiveFlag).toBeFalsy();
		const atTwinBefore = JSON.stringify(atTwin() ?? null);

		journey.sandbox.requests.clear();
		const end = decodeHtml((await sync(true)).html);
		expect(end).toContain('Deactivated in ConnectWise: 1.');
		expect(end).toContain('Deactivated in Autotask: 1.');
		expect(state.autotask.contacts.find((contact) => contact.id === atLeaver.contactId)).toMatchObject({ companyID: atLeaver.companyId, isActive: 0 });
		expect(state.contacts.find((contact) => contact.id === cwLeaver.contactId)).toMatchObject({ company: expect.objectContaining({ id: cwLeaver.companyId }), inactiveFlag: true });
		// The other PSA's contacts of the same ids are untouched.
		expect(cwTwin().inactiveFlag).toBeFalsy();
		expect(JSON.stringify(atTwin() ?? null)).toBe(atTwinBefore);
		// The unread tenant's contacts stay active, and the page says so.
		expect(end).toContain(`Users not read, so their contacts were left alone: ${unread.toLowerCase()} (`);
		for (const row of unreadRows) expect(state.autotask.contacts.find((contact) => contact.id === row.contactId)).toMatchObject({ isActive: 1 });
		const after = await syncedRows();
		expect(after.filter((row) => row.status !== 'active').map((row) => [row.id, row.status]).sort()).toEqual([[atLeaver.id, 'deactivated'], [cwLeaver.id, 'deactivated']].sort());
		journey.sandbox.faults.access.gdapRemoved.delete(unread);
	});
});

describe('setup journey forms', () => {
	// A ConnectWise-only install: no Autotask credential in n8n, the onboarding's Autotask nodes never run.
	useJourney('forms', TEMPLATES, 120, ['autotaskPsaApi']);

	it('onboarding saves confident matches, then what the person chose, and consents the app in each newly mapped tenant; a second run adds nothing', async () => {
		await onboardingWalk({ minTenants: 100, minPages: 1, acceptPage: null });
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
		// A ConnectWise-only install (no Autotask credential): every contact is ConnectWise's.
		expect(synced.filter((row) => row.psa !== 'connectwise')).toEqual([]);
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
		const product = previewScenario().held.productIdentifier;
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

	// First link licenses session: it also creates the m365_license_links table.
	it('link licenses does not dead-end: a company without an agreement of the profile\'s types gets why, what to create, and a way back', async () => {
		const state = journey.sandbox.state;
		const start = await openForm(journey.formUrl('m365-link-licenses'));
		const companies = expectPage(await submitForm(start, {}));
		const companyField = fieldByLabel(companies, 'Company');
		const marked = companyField.options.find((option) => option.endsWith('(no agreement to link to yet)') && tenantOfLabel(option).skus.some((sku) => (sku.consumedUnits ?? 0) + (sku.prepaidUnits?.enabled ?? 0) > 0))!;
		expect(marked).toBeDefined();
		const companyName = marked.split(' — ')[0];
		const licenses = expectPage(await submitForm(companies, { [companyField.key]: marked }));
		const answers = { [fieldByLabel(licenses, 'License').key]: fieldByLabel(licenses, 'License').options[0], [fieldByLabel(licenses, 'Billing profile').key]: 'M365 Test profile' };
		const deadEnd = expectPage(await submitForm(licenses, answers));
		expect(deadEnd.title).toBe('No agreement to link to');
		keepPage('link-licenses-no-agreement', deadEnd);
		expect(deadEnd.fields.filter((f) => f.kind === 'select').map((f) => f.label)).toEqual(['What now?']);
		const said = decodeHtml(deadEnd.html);
		expect(said).toContain(`<b>${companyName}</b> has no active agreement of <b>M365 Monthly</b>`);
		expect(said).toContain('Finance → Agreements');
		// Back to the licenses page, then stop: nothing is saved.
		const back = expectPage(await submitForm(deadEnd, { [fieldByLabel(deadEnd, 'What now?').key]: 'Go back and pick another license or billing profile' }));
		expect(back.title).toBe('Licenses');
		const again = expectPage(await submitForm(back, answers));
		expect(again.title).toBe('No agreement to link to');
		const stopped = expectPage(await submitForm(again, { [fieldByLabel(again, 'What now?').key]: 'Stop here (nothing is saved)' }));
		expect(stopped.title).toBe('Nothing saved');
		expect(await journey.n8n.getDataTableRows('m365_license_links')).toEqual([]);
		expect(state.agreements.length).toBeGreaterThan(0);
		expect(await journey.n8n.listExecutions({ status: 'waiting', workflowId: LINK_LICENSES_WORKFLOW })).toEqual([]);
	});

	it('link licenses: marks companies without an agreement, shows the licenses, offers the agreements of the profile\'s types, previews the whole agreement and saves the link', async () => {
		// A line no agreement has yet: the preview is a create. The agreement's other lines are already linked (another billing profile each).
		const state = journey.sandbox.state;
		const { held: line, links, billingProfiles } = previewScenario();
		const skuId = String(links.find((l) => l.tenantId === line.tenantId && l.agreementId === line.agreementId && l.billingProfile === `M365 ${line.productIdentifier}`)!.skuIds);
		const others = links.filter((l) => l.agreementId === line.agreementId && l.skuIds !== skuId);
		await insertDataTableRows(journey.n8n, 'm365_billing_profiles', billingProfiles.filter((p) => others.some((l) => l.billingProfile === p.name)));
		await insertDataTableRows(journey.n8n, 'm365_license_links', others);
		const tenant = state.tenants.find((t) => t.tenantId === line.tenantId)!;
		const company = state.companies.find((c) => c.id === line.companyId)!;
		// The person mapped this tenant in onboarding (or does it now, if the accepted page got it wrong).
		if (!(await mapRows()).some((row) => row.tenantId === line.tenantId && row.companyId === line.companyId)) {
			await insertDataTableRows(journey.n8n, 'm365_company_map', [{ tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId: company.id, companyIdentifier: company.identifier, companyName: company.name, method: 'manual', score: null }]);
		}
		const t0 = Date.now();
		const start = await openForm(journey.formUrl('m365-link-licenses'));
		const companies = expectPage(await submitForm(start, {}));
		const companyField = fieldByLabel(companies, 'Company');
		const companyOption = companyField.options.find((o) => o.startsWith(`${company.name} — ${tenant.name} (`))!;
		expect(companyOption).toBeDefined();
		expect(companyOption).not.toContain('no agreement');
		// Companies without an active agreement of a profile's type (M365 Monthly) are marked, and only they.
		const hasMonthly = (companyId: number) => state.agreements.some((a) => a.company?.id === companyId && a.type?.name === 'M365 Monthly' && a.agreementStatus === 'Active' && !a.cancelledFlag);
		const map = await mapRows();
		for (const option of companyField.options) {
			const row = map.find((r) => option.startsWith(`${state.companies.find((c) => c.id === r.companyId)!.name} — `) && tenantOfLabel(option).tenantId === r.tenantId)!;
			expect(option.endsWith('(no agreement to link to yet)')).toBe(!hasMonthly(row.companyId));
		}
		timings.companiesMarked = companyField.options.filter((o) => o.endsWith('(no agreement to link to yet)')).length;
		expect(timings.companiesMarked).toBeGreaterThan(0);

		keepPage('link-licenses-company', companies);
		const licenses = expectPage(await submitForm(companies, { [companyField.key]: companyOption }));
		keepPage('link-licenses-licenses', licenses);
		const licenseField = fieldByLabel(licenses, 'License');
		expect(licenses.html).toContain('Unassigned');
		const licenseOption = licenseField.options.find((o) => o.includes(`[${skuId}]`))!;
		expect(licenseOption).not.toContain('(linked)');
		const options = expectPage(await submitForm(licenses, { [licenseField.key]: licenseOption, [fieldByLabel(licenses, 'Billing profile').key]: 'M365 Test profile' }));
		const agreement = fieldByLabel(options, 'Agreement');
		const monthly = state.agreements.filter((a) => a.company?.id === line.companyId && a.type?.name === 'M365 Monthly' && a.agreementStatus === 'Active' && !a.cancelledFlag);
		expect(agreement.options.map((o) => Number(/#(\d+)$/.exec(o)![1])).sort()).toEqual(monthly.map((a) => a.id).sort());
		if (monthly.length === 1) expect(agreement.selected).toBe(agreement.options[0]);
		keepPage('link-licenses-agreement', options);
		expect(fieldByLabel(options, 'Prorate').options).toEqual(['Off', 'Increases only', 'Increases and decreases']);
		const preview = expectPage(await submitForm(options, {
			[agreement.key]: agreement.options.find((o) => o.endsWith(`#${line.agreementId}`))!,
			[fieldByLabel(options, 'Billing start date').key]: '2026-01-01',
			[fieldByLabel(options, 'Minimum quantity').key]: '0',
			[fieldByLabel(options, 'Included quantity').key]: '1',
			[fieldByLabel(options, 'Unassigned count').key]: 'Yes',
		}));
		expect(preview.title).toBe('Preview');
		keepPage('link-licenses-preview', preview);
		const shown = decodeHtml(preview.html);
		expect(shown).toContain('<td>What happens</td><td>A new line is added to the agreement</td>');
		expect(shown).toContain(`<td>Quantity</td><td>${line.quantity} (now: no line yet)</td>`);
		expect(shown).toContain('<td>Less included</td><td>1</td>');
		expect(shown).toContain('<td>Prorate</td><td>Off</td>');
		expect(shown).toContain(line.invoiceDescription);
		// The whole agreement: the lines other links write are theirs, not a warning about this one.
		expect(shown).toContain(`Agreement #${line.agreementId}: every line`);
		expect(shown).not.toContain('that no link writes');
		for (const other of others) expect(shown).toContain(`another link (${other.billingProfile}`);
		expect(shown).toContain('this link (new line)');
		timings.previewOtherLinks = others.length;
		expect(others.length).toBeGreaterThan(0);
		const done = expectPage(await submitForm(preview, { [fieldByLabel(preview, 'Save this link').key]: 'Save' }));
		timings.linkLicensesMs = Date.now() - t0;
		expect(done.title).toBe('License linked');
		keepPage('link-licenses-saved', done);
		const saved = (await journey.n8n.getDataTableRows('m365_license_links')).filter((row) => row.skuIds === skuId && row.agreementId === line.agreementId);
		expect(saved).toEqual([expect.objectContaining({
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
