/**
 * The review and company overview forms at MSP scale, in a real n8n against the sandbox:
 * 163 held changes (160 large decreases on 40 companies, 3 new lines held beside a line typed
 * by hand) paged 15 at a time, a whole group rejected at once, the manual-line group adopted
 * (exactly one line each afterwards), the per-company overview (do-not-bill, Sync now, unlink), and a
 * form page left open ending by itself instead of waiting for ever (billing-profile pages left
 * open save nothing). Chromium screenshots of
 * every page go to docs/screenshots/ (the setup-journey README shows them).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { startSandbox } from '../../sandbox';
import type { CwAddition } from '../../sandbox';
import { currentUnits } from '../../nodes/AutotaskPsa/shapes/records';
import { REPO_ROOT } from './communityPackage';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { insertDataTableRows, seedScenario, updateDataTableRows } from './support/dataTables';
import { decodeHtml, expectPage, fieldByLabel, openForm, submitForm, useFormLogin, type FormField, type FormPage } from './support/formClient';
import type { Journey } from './support/journey';
import { cwRequest } from './support/psaRequest';
import { activeAdditions, buildScenario, MANAGED, type ExpectedLine, type Scenario } from './templates/scenario';
import { credentialsFor, FORMS_LOGIN, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TEMPLATES = ['m365-license-sync-core.json', 'm365-sync-now.json', 'm365-approve-changes.json', 'm365-review-changes.json', 'm365-company-overview.json', 'm365-billing-profiles.json'];
const BILLING = 'm365-billing-profiles';
const REVIEW = 'm365-review-changes';
const OVERVIEW = 'm365-company-overview';
const AUTH = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };
const REVIEWER = 'Jane Reviewer';
const SYNTHETIC = 160;
const PAGE_SIZE = 15;
/** A page a person scrolls through without getting lost (the old review was 36,000 px). */
const MAX_PAGE_HEIGHT_PX = 4000;

/**
 * Form pages give up after 1 hour and end pages after 5 minutes as shipped; here both after 1
 * minute, so the test sees an abandoned page end and no run left "Waiting".
 */
function withShortWait(workflow: WorkflowJson): WorkflowJson {
	const nodes = (workflow.nodes as Array<{ type: string; parameters: Record<string, unknown> }>).map((node) =>
		node.type === 'n8n-nodes-base.form' && node.parameters.limitWaitTime === true ? { ...node, parameters: { ...node.parameters, resumeAmount: 1, resumeUnit: 'minutes' } } : node,
	);
	return { ...workflow, nodes };
}

async function startScaleJourney(): Promise<Journey> {
	const sandbox = await startSandbox({ tenants: 60, seed: 7 });
	const workflows = TEMPLATES.map((file) => ({ ...withShortWait(loadTemplate(file)), active: true }));
	let started: N8nServer | undefined;
	try {
		// A ConnectWise-only install: no Autotask credential, the overview's Autotask read never runs.
		started = await startN8n({ name: 'review-scale', credentials: credentialsFor(sandbox, workflows, ['autotaskPsaApi']), workflows });
	} finally {
		if (!started) await sandbox.stop();
	}
	const n8n = started;
	return {
		sandbox,
		n8n,
		formUrl: (formPath) => `${n8n.baseUrl}/form/${formPath}`,
		async stop() {
			await n8n.stop();
			await sandbox.stop();
		},
	};
}

describe('review and company overview at scale', () => {
	let journey: Journey;
	let scenario: Scenario;
	let browser: BrowserContext | undefined;
	let userDataDir = '';
	/** The three lines held beside a line typed by hand, and that line. */
	const manual = new Map<ExpectedLine, CwAddition>();
	let abandonedExecution = '';
	/** Billing-profile runs left open on the first page and on the edit page. */
	let abandonedProfiles: string[] = [];
	let profilesBefore: Array<Record<string, unknown>> = [];
	const started = Date.now();
	const timings: Record<string, number> = {};
	const heights: Record<string, number> = {};

	const approvals = async () => await journey.n8n.getDataTableRows('m365_approvals');
	const pending = async () => (await approvals()).filter((row) => row.status === 'pending');
	const psaWrites = () => journey.sandbox.requests.list().filter((request) => request.service === 'cw' && request.method !== 'GET');
	const syncEveryone = async () => {
		const response = await journey.n8n.callWebhook('m365-sync-now', { body: { everyone: true }, headers: AUTH });
		expect(response.status).toBe(200);
	};
	const lines = (line: ExpectedLine) => activeAdditions(journey.sandbox.state, line.agreementId, line.productIdentifier);
	const decisionFields = (page: FormPage): FormField[] => page.fields.filter((field) => field.kind === 'select' && field.label !== 'Then');
	const startReview = async (): Promise<FormPage> => expectPage(await submitForm(await openForm(journey.formUrl(REVIEW)), {}));
	const option = (field: FormField, prefix: string): string => {
		const found = field.options.find((candidate) => candidate.startsWith(prefix));
		if (!found) throw new Error(`"${field.label}" has no option starting "${prefix}": ${field.options.join(' | ')}`);
		return found;
	};

	beforeAll(async () => {
		useFormLogin(FORMS_LOGIN);
		journey = await startScaleJourney();
		timings.journeyMs = Date.now() - started;
		const { state, clock } = journey.sandbox;
		scenario = buildScenario(state, 8, clock.now());
		// A form page left open: it must end by itself (1 minute here), not wait for ever.
		await syncEveryone();
		await seedScenario(journey.n8n, scenario);
		await syncEveryone();
		// Three synced lines replaced by a line typed by hand: the sync holds each new line.
		for (const line of scenario.expected.slice(0, 3)) {
			for (const addition of lines(line)) state.additions.splice(state.additions.indexOf(addition), 1);
			await cwRequest(journey.sandbox, 'POST', `/finance/agreements/${line.agreementId}/additions`, {
				product: { id: state.catalog.find((item) => item.identifier === line.productIdentifier)!.id },
				quantity: 2,
				billCustomer: 'Billable',
				invoiceDescription: 'typed by hand',
			});
			manual.set(line, lines(line).find((addition) => addition.serialNumber !== MANAGED)!);
		}
		await syncEveryone();
		// 160 large decreases held on 40 other companies, as the sync writes them.
		const mapped = new Set(scenario.companyMap.map((row) => row.tenantId));
		const others = state.tenants.filter((tenant) => !mapped.has(tenant.tenantId) && state.groundTruth.tenantToCompany[tenant.tenantId]).slice(0, 40);
		await insertDataTableRows(journey.n8n, 'm365_company_map', others.map((tenant) => {
			const company = state.companies.find((candidate) => candidate.id === state.groundTruth.tenantToCompany[tenant.tenantId])!;
			return { tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId: company.id, companyIdentifier: company.identifier, companyName: company.name, method: 'e2e', score: 1 };
		}));
		await insertDataTableRows(journey.n8n, 'm365_approvals', Array.from({ length: SYNTHETIC }, (_, index) => {
			const tenant = others[index % others.length];
			const from = 30 + (index % 7);
			return {
				key: `e2e-scale-${index}`, lineKey: `${tenant.tenantId}|e2e-${index}`, status: 'pending', proposedAction: 'update', tenantId: tenant.tenantId,
				companyId: state.groundTruth.tenantToCompany[tenant.tenantId], agreementId: 90000 + index, product: index % 2 ? 'M365-E3' : 'M365-BP',
				currentQuantity: from, quantity: 12, reason: `decrease of ${from - 12} is more than 10 licenses; quantity ${from} → 12`,
				plan: JSON.stringify({ invoiceDescription: index % 2 ? 'Office 365 E3' : 'Microsoft 365 Business Premium' }), requestedAt: new Date().toISOString(),
			};
		}));
		const open = await startReview();
		expect(open.title).toBe('Changes waiting for approval');
		const waiting = await journey.n8n.listExecutions({ status: 'waiting' });
		expect(waiting).toHaveLength(1);
		abandonedExecution = waiting[0].id;
		// Billing profiles left open on each page: a page that times out passes its input on, which must save nothing.
		profilesBefore = await journey.n8n.getDataTableRows('m365_billing_profiles');
		const profileStart = async () => await openForm(journey.formUrl(BILLING));
		expect(expectPage(await submitForm(await profileStart(), {})).title).toBe('Which billing profile?');
		const pick = expectPage(await submitForm(await profileStart(), {}));
		expect(expectPage(await submitForm(pick, { 'Billing profile': 'New profile' })).title).toBe('Billing profile');
		abandonedProfiles = (await journey.n8n.listExecutions({ status: 'waiting' })).map((execution) => execution.id).filter((id) => id !== abandonedExecution);
		expect(abandonedProfiles).toHaveLength(2);
		timings.setupMs = Date.now() - started;

		if (existsSync(CHROMIUM)) {
			mkdirSync(SCREENSHOTS, { recursive: true });
			userDataDir = mkdtempSync(path.join(os.tmpdir(), 'chromium-review-'));
			browser = await chromium.launchPersistentContext(userDataDir, {
				executablePath: CHROMIUM,
				httpCredentials: { username: FORMS_LOGIN.user, password: FORMS_LOGIN.password, origin: new URL(journey.n8n.baseUrl).origin },
				args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
			});
		}
	});

	afterAll(async () => {
		useFormLogin(undefined);
		await browser?.close();
		if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
		if (!journey) return;
		for (const execution of await journey.n8n.listExecutions({ status: 'error', includeData: true })) {
			const data = JSON.stringify(execution.data);
			process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
		}
		process.stdout.write(`e2e review scale: ${JSON.stringify({ ...timings, heights, ...journey.n8n.timings, totalMs: Date.now() - started })}\n`);
		await journey.stop();
	});

	/** Chromium on a form page: a screenshot and the page's height. */
	const shoot = async (page: Page, name: string): Promise<void> => {
		await page.locator('#submit-btn, .card').first().waitFor({ timeout: 60000 });
		heights[name] = Number(await page.evaluate('document.documentElement.scrollHeight'));
		await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
	};
	/** Submits a page in Chromium and waits for the next one (its title). */
	const next = async (page: Page, title: string): Promise<void> => {
		await page.locator('#submit-btn').click();
		await page.waitForFunction(`[...document.querySelectorAll('h1')].some((h) => (h.textContent ?? '').includes(${JSON.stringify(title)}))`, undefined, { timeout: 120000 });
	};
	const choose = async (page: Page, fieldLabel: string, prefix: string): Promise<void> => {
		const select = page.locator('.form-group').filter({ has: page.locator('label', { hasText: fieldLabel }) }).locator('select');
		const labels = (await select.locator('option').allTextContents()).map((text) => text.trim());
		const label = labels.find((text) => text.startsWith(prefix));
		if (!label) throw new Error(`"${fieldLabel}" has no option starting "${prefix}": ${labels.join(' | ')}`);
		await select.selectOption({ label });
	};

	it('pages 163 held changes 15 at a time, every change once, each in plain words', async () => {
		const t0 = Date.now();
		const first = await startReview();
		expect(fieldByLabel(first, 'Company').options[0]).toBe(`All companies (${SYNTHETIC + 3})`);
		expect(fieldByLabel(first, 'Reason').options).toEqual([`All reasons (${SYNTHETIC + 3})`, `Large decrease (${SYNTHETIC})`, 'A line typed by hand already bills the product (3)']);
		let page = expectPage(await submitForm(first, { 'Your name': REVIEWER }));
		const labels: string[] = [];
		const pages = Math.ceil((SYNTHETIC + 3) / PAGE_SIZE);
		for (let n = 1; n <= pages; n++) {
			expect(page.title).toBe(`Decide: page ${n} of ${pages}`);
			const fields = decisionFields(page);
			expect(fields.length).toBe(n < pages ? PAGE_SIZE : SYNTHETIC + 3 - PAGE_SIZE * (pages - 1));
			for (const field of fields) {
				expect(field.selected).toBe('Leave pending');
				expect(field.label).toMatch(/^.+ · .+ on agreement #\d+: .+\. Why: .+$/);
				expect(field.label).not.toMatch(/unmarked addition|no line → |[0-9a-f]{8}-[0-9a-f]{4}-/);
			}
			labels.push(...fields.map((field) => field.label));
			if (n === pages) break;
			page = expectPage(await submitForm(page, { Then: 'Save, then show the next page' }));
		}
		expect(new Set(labels).size).toBe(SYNTHETIC + 3);
		// The changes beside a line typed by hand offer adopt / replace / a second line, never a plain Approve.
		for (const [line, addition] of manual) {
			const label = labels.find((candidate) => candidate.includes(`on agreement #${line.agreementId}: line ${addition.id} typed by hand bills 2 seats`));
			expect(label).toBeDefined();
		}
		const done = await submitForm(page, { Then: 'Save and finish' });
		expect(done.kind).toBe('page');
		if (done.kind === 'page') expect(done.page.title).toBe('Nothing was decided');
		expect(await pending()).toHaveLength(SYNTHETIC + 3);
		timings.pagingMs = Date.now() - t0;
	});

	it('typing part of a company name narrows the review to the matching companies', async () => {
		const first = await startReview();
		const nameOf = (option: string) => option.replace(/ \(\d+\)$/, '').replace(/ \[[^\]]+\]$/, '');
		const all = fieldByLabel(first, 'Company').options.slice(1);
		const typed = nameOf(all[Math.floor(all.length / 2)]).slice(0, 4).toLowerCase();
		const matching = all.filter((candidate) => nameOf(candidate).toLowerCase().includes(typed));
		const narrowed = expectPage(await submitForm(first, { 'Find companies': typed, 'Your name': REVIEWER }));
		expect(narrowed.title).toBe('Changes waiting for approval');
		const companies = fieldByLabel(narrowed, 'Company').options;
		const total = matching.reduce((sum, candidate) => sum + Number(/\((\d+)\)$/.exec(candidate)![1]), 0);
		expect(companies).toEqual([`All companies matching "${typed}" (${total})`, ...matching]);
		expect(companies.length).toBeLessThan(all.length + 1);
		const decide = expectPage(await submitForm(narrowed, { 'Find companies': typed, Company: companies[0], 'Your name': REVIEWER }));
		const fields = decisionFields(decide);
		expect(fields).toHaveLength(Math.min(PAGE_SIZE, total));
		for (const field of fields) expect(matching.map(nameOf).some((name) => field.label.startsWith(name))).toBe(true);
		const done = await submitForm(decide, { Then: 'Save and finish' });
		expect(done.kind === 'page' && done.page.title).toBe('Nothing was decided');
	});

	it('screenshots of the review pages, each a sensible length', async () => {
		if (!browser) throw new Error(`Chromium not found at ${CHROMIUM}`);
		const page = await browser.newPage();
		await page.setViewportSize({ width: 1100, height: 900 });
		await page.goto(journey.formUrl(REVIEW));
		await shoot(page, 'review-1-start');
		await next(page, 'Changes waiting for approval');
		await shoot(page, 'review-2-choose-group');
		await page.locator('.form-group').filter({ has: page.locator('label', { hasText: 'Your name' }) }).locator('input').fill(REVIEWER);
		await next(page, 'Decide: page 1 of');
		await shoot(page, 'review-3-decide-page');
		await choose(page, 'Then', 'Save, then choose another');
		await next(page, 'Changes waiting for approval');
		await choose(page, 'Reason', 'A line typed by hand');
		await choose(page, 'How to decide', 'Adopt the line typed by hand');
		await next(page, 'Decide the whole group?');
		await shoot(page, 'review-4-confirm-group');
		await choose(page, 'Go ahead?', 'No, go back');
		await next(page, 'Changes waiting for approval');
		await choose(page, 'How to decide', 'Decide one by one');
		await choose(page, 'Reason', 'A line typed by hand');
		await next(page, 'Decide: page 1 of 1');
		await shoot(page, 'review-5-beside-manual-line');
		await next(page, 'Nothing was decided');
		await shoot(page, 'review-6-end');
		await page.close();
		for (const [name, height] of Object.entries(heights)) expect({ name, height: Math.min(height, MAX_PAGE_HEIGHT_PX) }).toEqual({ name, height });
	});

	it('rejects a whole group at once after a confirm page, and writes nothing to the PSA', async () => {
		const t0 = Date.now();
		journey.sandbox.requests.clear();
		const first = await startReview();
		const confirm = expectPage(await submitForm(first, {
			Reason: option(fieldByLabel(first, 'Reason'), 'Large decrease'),
			'How to decide': option(fieldByLabel(first, 'How to decide'), 'Reject every change'),
			'Your name': REVIEWER,
		}));
		expect(confirm.title).toBe('Decide the whole group?');
		expect(decodeHtml(confirm.html)).toContain(`${SYNTHETIC} of ${SYNTHETIC} change(s) will be decided`);
		const after = expectPage(await submitForm(confirm, { 'Go ahead?': `Yes, apply these ${SYNTHETIC} decisions` }));
		timings.groupRejectMs = Date.now() - t0;
		// Back at the groups: only the three beside a manual line wait.
		expect(after.title).toBe('Changes waiting for approval');
		expect(fieldByLabel(after, 'Reason').options).toEqual(['All reasons (3)', 'A line typed by hand already bills the product (3)']);
		const rows = await approvals();
		const synthetic = rows.filter((row) => String(row.key).startsWith('e2e-scale-'));
		expect(synthetic).toHaveLength(SYNTHETIC);
		expect(synthetic.filter((row) => row.status !== 'rejected' || row.decidedBy !== REVIEWER)).toEqual([]);
		expect(psaWrites()).toEqual([]);
		await submitForm(after, { 'Your name': REVIEWER, 'How to decide': option(fieldByLabel(after, 'How to decide'), 'Decide one by one') }).then(async (outcome) => {
			if (outcome.kind === 'page') await submitForm(outcome.page, { Then: 'Save and finish' });
		});
	});

	it('adopts the line typed by hand for a whole group: exactly one line each, the next sync writes nothing', async () => {
		journey.sandbox.requests.clear();
		const first = await startReview();
		const confirm = expectPage(await submitForm(first, {
			Reason: option(fieldByLabel(first, 'Reason'), 'A line typed by hand'),
			'How to decide': option(fieldByLabel(first, 'How to decide'), 'Adopt the line typed by hand'),
			'Your name': REVIEWER,
		}));
		const text = decodeHtml(confirm.html);
		for (const [line, addition] of manual) expect(text).toContain(`line ${addition.id} adopted: 2 → ${line.quantity} seats, still one line`);
		const done = expectPage(await submitForm(confirm, { 'Go ahead?': 'Yes, apply these 3 decisions' }));
		expect(done.title).toBe('Decisions saved');
		const summary = decodeHtml(done.html);
		expect(summary).toContain('Applied to ConnectWise (3):');
		for (const [line, addition] of manual) {
			expect(lines(line)).toEqual([expect.objectContaining({ id: addition.id, serialNumber: MANAGED, quantity: line.quantity })]);
			expect(summary).toContain(`adopted line ${addition.id}: 2 → ${line.quantity}`);
		}
		expect(await pending()).toEqual([]);
		journey.sandbox.requests.clear();
		await syncEveryone();
		expect(psaWrites()).toEqual([]);
		expect(await pending()).toEqual([]);
	});

	it('company overview: licenses beside their lines, do-not-bill from the form, Sync now for this company', async () => {
		const t0 = Date.now();
		const company = scenario.companyMap.find((row) => scenario.expected.filter((line) => line.companyId === row.companyId).length >= 2)!;
		const companyName = String(company.companyName);
		const ofCompany = scenario.expected.filter((line) => line.companyId === company.companyId);
		expect(ofCompany.length).toBeGreaterThanOrEqual(2);
		const [toMark, toBump] = ofCompany.slice(-2);
		const start = await openForm(journey.formUrl(OVERVIEW));
		let page = expectPage(await submitForm(start, { 'Company name': companyName }));
		if (page.title === 'Which company?') page = expectPage(await submitForm(page, { Company: option(fieldByLabel(page, 'Company'), `${companyName} (`) }));
		expect(page.title).toBe(`${companyName}: licenses`);
		const table = decodeHtml(page.html);
		for (const line of ofCompany) {
			const [managed] = lines(line).filter((addition) => addition.serialNumber === MANAGED);
			expect(table).toContain(`agreement #${line.agreementId}, line ${managed.id} (${line.productIdentifier})`);
		}
		expect(page.fields.map((field) => field.label).join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
		const licenseOf = (line: ExpectedLine): string => {
			const found = fieldByLabel(page, 'License').options.find((candidate) => candidate.endsWith(`→ agreement #${line.agreementId} (M365 ${line.productIdentifier})`));
			if (!found) throw new Error(`no License option for agreement #${line.agreementId} ${line.productIdentifier}: ${fieldByLabel(page, 'License').options.join(' | ')}`);
			return found;
		};

		// Do-not-bill from the form: the link row says so, the page too.
		page = expectPage(await submitForm(page, { 'What next': 'Mark the license chosen below do-not-bill', License: licenseOf(toMark) }));
		expect(page.title).toBe(`${companyName}: licenses`);
		expect(decodeHtml(page.html)).toContain('Marked do-not-bill');
		const links = await journey.n8n.getDataTableRows('m365_license_links');
		expect(links.filter((link) => link.doNotBill === true).map((link) => [link.agreementId, link.billingProfile])).toEqual([[toMark.agreementId, `M365 ${toMark.productIdentifier}`]]);

		// Sync now for this company: a seat more in Microsoft reaches the PSA line, through the core.
		const tenant = journey.sandbox.state.tenants.find((candidate) => candidate.tenantId === toBump.tenantId)!;
		const link = scenario.links.find((candidate) => candidate.tenantId === toBump.tenantId && candidate.billingProfile === `M365 ${toBump.productIdentifier}`)!;
		const sku = tenant.skus.find((candidate) => candidate.skuId === link.skuIds)!;
		sku.prepaidUnits!.enabled = (sku.prepaidUnits!.enabled ?? 0) + 1;
		journey.sandbox.requests.clear();
		const t1 = Date.now();
		page = expectPage(await submitForm(page, { 'What next': 'Sync now for this company' }));
		timings.overviewSyncMs = Date.now() - t1;
		expect(decodeHtml(page.html)).toMatch(/Sync finished: 1 line\(s\) written/);
		expect(lines(toBump).filter((addition) => addition.serialNumber === MANAGED)).toEqual([expect.objectContaining({ quantity: toBump.quantity + 1 })]);
		expect(psaWrites().every((request) => request.path.includes(`/finance/agreements/${toBump.agreementId}/`))).toBe(true);
		expect(await journey.n8n.listExecutions({ workflowId: 'm365SyncCoreWf01' })).not.toHaveLength(0);

		// Unlink: the link row goes, the PSA line stays as it is, the license shows as not linked (highlighted).
		const bumped = lines(toBump).map((addition) => JSON.stringify(addition));
		journey.sandbox.requests.clear();
		page = expectPage(await submitForm(page, { 'What next': 'Unlink the license chosen below', License: licenseOf(toBump) }));
		expect(decodeHtml(page.html)).toContain(`Unlinked: `);
		expect(decodeHtml(page.html)).toMatch(/<tr><td><em><b>[^<]+<\/b><\/em><\/td>(<td>[^<]*<\/td>)?<td>\d+<\/td><td>\d+<\/td><td>\d+<\/td><td><b>Not linked: link it in the Link licenses form/);
		expect(fieldByLabel(page, 'License').options.some((candidate) => candidate.endsWith(`→ agreement #${toBump.agreementId} (M365 ${toBump.productIdentifier})`))).toBe(false);
		expect((await journey.n8n.getDataTableRows('m365_license_links')).filter((row) => row.tenantId === toBump.tenantId && row.billingProfile === `M365 ${toBump.productIdentifier}`)).toEqual([]);
		expect(lines(toBump).map((addition) => JSON.stringify(addition))).toEqual(bumped);
		expect(psaWrites()).toEqual([]);

		if (browser) {
			const shot = await browser.newPage();
			await shot.setViewportSize({ width: 1300, height: 900 });
			await shot.goto(journey.formUrl(OVERVIEW));
			await shoot(shot, 'overview-1-find');
			await shot.locator('input[type="text"]').first().fill(companyName.slice(0, 4));
			await shot.locator('#submit-btn').click();
			await shot.waitForFunction("[...document.querySelectorAll('h1')].some((h) => /Which company\\?|: licenses|Find a company/.test(h.textContent ?? ''))", undefined, { timeout: 120000 });
			if ((await shot.locator('h1').first().textContent())?.includes('Which company?')) {
				await shoot(shot, 'overview-2-pick');
				await choose(shot, 'Company', `${companyName} (`);
				await next(shot, `${companyName}: licenses`);
			}
			await shoot(shot, 'overview-3-licenses');
			await choose(shot, 'What next', 'Edit the link');
			await choose(shot, 'License', fieldByLabel(page, 'License').options[1]);
			await next(shot, 'Edit the link');
			await shoot(shot, 'overview-4-edit-link');
			await next(shot, `${companyName}: licenses`);
			await choose(shot, 'What next', 'Close');
			await next(shot, 'Overview closed');
			await shot.close();
			expect(heights['overview-3-licenses']).toBeLessThan(MAX_PAGE_HEIGHT_PX);
		}
		const closed = await submitForm(page, { 'What next': 'Close' });
		expect(closed.kind === 'page' && closed.page.title).toBe('Overview closed');
		timings.overviewMs = Date.now() - t0;
	});

	it('a form page left open ends by itself, and so does every finished form: no run stays "Waiting"', async () => {
		const abandoned = async () => (await journey.n8n.listExecutions()).find((candidate) => candidate.id === abandonedExecution)?.status ?? 'gone';
		// n8n's wait tracker looks every minute for runs whose wait ends: allow it three rounds.
		const deadline = Date.now() + 200000;
		while (Date.now() < deadline && ((await abandoned()) !== 'success' || (await journey.n8n.listExecutions({ status: 'waiting' })).length > 0)) {
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
		expect(await abandoned()).toBe('success');
		expect(await journey.n8n.listExecutions({ status: 'waiting' })).toEqual([]);
		const executions = await journey.n8n.listExecutions();
		expect(abandonedProfiles.map((id) => executions.find((candidate) => candidate.id === id)?.status)).toEqual(['success', 'success']);
		// No profile named "undefined": the timed-out pages saved nothing.
		expect(await journey.n8n.getDataTableRows('m365_billing_profiles')).toEqual(profilesBefore);
	});
});

// An MSP moving to Autotask: one company lives in Autotask, another in ConnectWise, and the sandbox
// gives both PSAs the same company, agreement/contract and line ids. Each overview reads only its
// company's own PSA.
describe('company overview of an Autotask company, beside a ConnectWise company', () => {
	let journey: Journey;
	let scenario: Scenario;
	const started = Date.now();
	const timings: Record<string, number> = {};
	const AUTH_HEADERS = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };
	const requestsTo = (service: string) => journey.sandbox.requests.list().filter((request) => request.service === service);
	// Autotask reads are POST …/query: only creates, adjustments and changes are writes.
	const autotaskWrites = () => requestsTo('autotask').filter((record) => record.method === 'PATCH' || (record.method === 'POST' && !/\/query(\/count)?$/.test(record.endpoint)));
	const ofCompany = (companyId: number) => scenario.expected.filter((line) => line.companyId === companyId);
	/** The sync's contract services for a product on a contract, with their units today. */
	const autotaskLines = (line: ExpectedLine) => {
		const at = journey.sandbox.state.autotask;
		return at.contractServices
			.filter((service) => service.contractID === line.agreementId && service.internalDescription === MANAGED && at.services.find((candidate) => candidate.id === service.serviceID)?.sku === line.productIdentifier)
			.map((service) => ({ id: service.id, units: currentUnits(at.contractServiceUnits.filter((unit) => unit.contractServiceID === service.id), journey.sandbox.state.today).units }));
	};
	const companies = () => {
		const withLines = scenario.companyMap.map((row) => row.companyId as number).filter((id, index, all) => all.indexOf(id) === index && ofCompany(id).length > 0);
		return { autotask: withLines[0], connectWise: withLines[1] };
	};
	const nameOf = (companyId: number) => String(scenario.companyMap.find((row) => row.companyId === companyId)!.companyName);
	async function openOverview(companyId: number): Promise<FormPage> {
		const name = nameOf(companyId);
		let page = expectPage(await submitForm(await openForm(journey.formUrl(OVERVIEW)), { 'Company name': name }));
		if (page.title === 'Which company?') {
			const option = fieldByLabel(page, 'Company').options.find((candidate) => candidate.startsWith(`${name} (`));
			page = expectPage(await submitForm(page, { Company: option! }));
		}
		expect(page.title).toBe(`${name}: licenses`);
		return page;
	}
	const syncEveryone = async () => expect((await journey.n8n.callWebhook('m365-sync-now', { body: { everyone: true }, headers: AUTH_HEADERS })).status).toBe(200);

	beforeAll(async () => {
		useFormLogin(FORMS_LOGIN);
		const sandbox = await startSandbox({ tenants: 12, seed: 11 });
		const workflows = ['m365-license-sync-core.json', 'm365-sync-now.json', 'm365-company-overview.json'].map((file) => ({ ...withShortWait(loadTemplate(file)), active: true }));
		let n8n: N8nServer | undefined;
		try {
			n8n = await startN8n({ name: 'overview-autotask', credentials: credentialsFor(sandbox, workflows), workflows });
		} finally {
			if (!n8n) await sandbox.stop();
		}
		const server = n8n;
		journey = { sandbox, n8n: server, formUrl: (formPath) => `${server.baseUrl}/form/${formPath}`, stop: async () => { await server.stop(); await sandbox.stop(); } };
		scenario = buildScenario(sandbox.state, 4, sandbox.clock.now());
		await syncEveryone();
		await seedScenario(journey.n8n, scenario);
		await updateDataTableRows(journey.n8n, 'm365_company_map', { companyId: companies().autotask }, { psa: 'autotask' });
		await syncEveryone();
		timings.setupMs = Date.now() - started;
	});

	afterAll(async () => {
		useFormLogin(undefined);
		if (!journey) return;
		for (const execution of await journey.n8n.listExecutions({ status: 'error', includeData: true })) {
			const data = JSON.stringify(execution.data);
			process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
		}
		process.stdout.write(`e2e overview autotask: ${JSON.stringify({ ...timings, ...journey.n8n.timings, totalMs: Date.now() - started })}\n`);
		await journey.stop();
	});

	it('an Autotask company shows its contract services and their units, never the ConnectWise additions of the same agreement ids; Sync now for it writes only Autotask', async () => {
		const { autotask } = companies();
		const lines = ofCompany(autotask);
		const state = journey.sandbox.state;
		// ConnectWise still holds additions on the same agreement ids: give them a quantity no Autotask line has.
		for (const line of lines) for (const addition of activeAdditions(state, line.agreementId, line.productIdentifier)) addition.quantity = 999;
		journey.sandbox.requests.clear();
		const t0 = Date.now();
		let page = await openOverview(autotask);
		timings.autotaskOverviewMs = Date.now() - t0;
		let table = decodeHtml(page.html);
		expect(table).toContain('Billed in Autotask.');
		for (const line of lines) {
			const [service] = autotaskLines(line);
			expect(service).toMatchObject({ units: line.quantity });
			expect(table).toContain(`agreement #${line.agreementId}, line ${service.id} (${line.productIdentifier})</td><td>M365 ${line.productIdentifier}</td><td>${line.quantity}</td>`);
		}
		expect(table).not.toContain('<td>999</td>');
		expect(requestsTo('cw')).toEqual([]);
		expect(requestsTo('autotask').some((request) => /ContractServices\/query/.test(request.endpoint))).toBe(true);

		// Sync now for this company: a seat more in Microsoft reaches the Autotask contract service, through the core; ConnectWise is not called.
		const bump = lines[0];
		const link = scenario.links.find((candidate) => candidate.tenantId === bump.tenantId && candidate.billingProfile === `M365 ${bump.productIdentifier}`)!;
		const sku = state.tenants.find((candidate) => candidate.tenantId === bump.tenantId)!.skus.find((candidate) => candidate.skuId === link.skuIds)!;
		sku.prepaidUnits!.enabled = (sku.prepaidUnits!.enabled ?? 0) + 1;
		journey.sandbox.requests.clear();
		const t1 = Date.now();
		page = expectPage(await submitForm(page, { 'What next': 'Sync now for this company' }));
		timings.autotaskSyncMs = Date.now() - t1;
		table = decodeHtml(page.html);
		expect(table).toMatch(/Sync finished: 1 line\(s\) written/);
		const [bumped] = autotaskLines(bump);
		expect(bumped.units).toBe(bump.quantity + 1);
		expect(table).toContain(`agreement #${bump.agreementId}, line ${bumped.id} (${bump.productIdentifier})</td><td>M365 ${bump.productIdentifier}</td><td>${bump.quantity + 1}</td>`);
		expect(autotaskWrites().length).toBeGreaterThan(0);
		expect(requestsTo('cw')).toEqual([]);
		expect(activeAdditions(state, bump.agreementId, bump.productIdentifier).map((addition) => addition.quantity)).not.toContain(bump.quantity + 1);
		const closed = await submitForm(page, { 'What next': 'Close' });
		expect(closed.kind === 'page' && closed.page.title).toBe('Overview closed');
	});

	it('a ConnectWise company shows its additions, never the Autotask contract services of the same contract ids, and Autotask is not called', async () => {
		const { connectWise } = companies();
		const lines = ofCompany(connectWise);
		const at = journey.sandbox.state.autotask;
		// Autotask holds contract services on the same contract ids: give them units no ConnectWise line has.
		const contracts = new Set(lines.map((line) => line.agreementId));
		for (const unit of at.contractServiceUnits.filter((candidate) => contracts.has(candidate.contractID))) unit.units = 777;
		journey.sandbox.requests.clear();
		const page = await openOverview(connectWise);
		const table = decodeHtml(page.html);
		expect(table).toContain('Billed in ConnectWise.');
		for (const line of lines) {
			const [managed] = activeAdditions(journey.sandbox.state, line.agreementId, line.productIdentifier).filter((addition) => addition.serialNumber === MANAGED);
			expect(table).toContain(`agreement #${line.agreementId}, line ${managed.id} (${line.productIdentifier})</td><td>M365 ${line.productIdentifier}</td><td>${line.quantity}</td>`);
		}
		expect(table).not.toContain('<td>777</td>');
		expect(requestsTo('autotask')).toEqual([]);
		expect(requestsTo('cw').length).toBeGreaterThan(0);
	});
});
