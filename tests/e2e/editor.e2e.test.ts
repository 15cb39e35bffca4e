/**
 * The n8n editor in headless Chromium (Debian's `chromium`, driven by playwright-core): our
 * nodes render with their own icons on every shipped template (n8n draws a letter or "?"
 * placeholder for a node type it does not know), and the onboarding form, behind its Basic Auth
 * login, shows one dropdown per tenant. Screenshots go to test-artifacts/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { REPO_ROOT } from './communityPackage';
import { NODE_TYPE_PREFIX } from './harness';
import { OWNER } from './n8nClient';
import { insertDataTableRows } from './support/dataTables';
import { startJourney, type Journey } from './support/journey';
import { FORMS_LOGIN, loadTemplate } from './templates/templates';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');
// Every shipped template; the core first, because n8n publishes a caller only after the sub-workflow it calls.
const TEMPLATES = [
	'm365-license-sync-core.json',
	'm365-daily-license-sync.json',
	'm365-sync-now.json',
	'm365-approve-changes.json',
	'm365-review-changes.json',
	'm365-company-overview.json',
	'm365-onboarding.json',
	'm365-link-licenses.json',
	'm365-contact-sync.json',
	'm365-billing-profiles.json',
];

interface NodeLook {
	name: string;
	type: string;
	iconLoaded: boolean;
	placeholder: boolean;
}

/** What each canvas node of a package type shows as its icon. */
async function ourNodes(page: Page): Promise<NodeLook[]> {
	return await page.$$eval(`[data-test-id="canvas-node"][data-node-type^="${NODE_TYPE_PREFIX}."]`, (nodes) =>
		nodes.map((node) => {
			const icon = node.querySelector('.n8n-node-icon');
			const image = icon?.querySelector('img');
			return {
				name: node.getAttribute('data-node-name') ?? '',
				type: node.getAttribute('data-node-type') ?? '',
				iconLoaded: !!image && image.complete && image.naturalWidth > 0,
				// n8n's IconContent draws a div with a "nodeIconPlaceholder" CSS-module class for unknown types.
				placeholder: !!icon && [...icon.querySelectorAll('div')].some((div) => /nodeIconPlaceholder/.test(div.className)),
			};
		}));
}

describe('n8n editor in Chromium', () => {
	let journey: Journey;
	let browser: BrowserContext;
	let userDataDir: string;
	const started = Date.now();
	const timings: Record<string, number> = {};

	beforeAll(async () => {
		if (!existsSync(CHROMIUM)) {
			throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
		}
		mkdirSync(SCREENSHOTS, { recursive: true });
		journey = await startJourney({ name: 'editor', templates: TEMPLATES, tenants: 24, seed: 7 });
		userDataDir = mkdtempSync(path.join(os.tmpdir(), 'chromium-e2e-'));
		const launched = Date.now();
		// A fresh profile folder each run (playwright passes it as --user-data-dir).
		browser = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			// What the person types when the browser asks for the forms' login.
			httpCredentials: { username: FORMS_LOGIN.user, password: FORMS_LOGIN.password, origin: new URL(journey.n8n.baseUrl).origin },
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		timings.browserLaunchMs = Date.now() - launched;
	});

	/** Submits a form's start page, as a person clicking its button, and waits for the next page. */
	const submitStartPage = async (page: Page): Promise<void> => {
		await page.locator('#submit-btn').click();
		await page.waitForURL(/\/form-waiting\//, { timeout: 60000 });
	};
	const startForm = async (page: Page, formPath: string): Promise<void> => {
		await page.goto(journey.formUrl(formPath));
		await submitStartPage(page);
	};

	afterAll(async () => {
		await browser?.close();
		if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
		process.stdout.write(`e2e editor: ${JSON.stringify({ ...timings, totalMs: Date.now() - started })}\n`);
		await journey?.stop();
	});

	it('signs in and shows every template with our nodes and their icons (no unknown-node placeholders)', async () => {
		const page = await browser.newPage();
		await page.setViewportSize({ width: 1600, height: 900 });
		await page.goto(`${journey.n8n.baseUrl}/signin`);
		const form = page.locator('[data-test-id="signin-form"]');
		await form.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER.email);
		await form.locator('input[type="password"]').fill(OWNER.password);
		await form.locator('input[type="password"]').press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });

		for (const file of TEMPLATES) {
			const t0 = Date.now();
			const template = loadTemplate(file);
			const packageNodes = (template.nodes as Array<{ type: string }>).filter((node) => node.type.startsWith(`${NODE_TYPE_PREFIX}.`)).length;
			await page.goto(`${journey.n8n.baseUrl}/workflow/${String(template.id)}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
			// Icons are files served by n8n: wait until each has loaded (or failed).
			await page.waitForFunction('[...document.querySelectorAll(\'[data-test-id="canvas-node"] .n8n-node-icon img\')].every((img) => img.complete)', undefined, { timeout: 30000 });
			await page.getByRole('button', { name: /zoom to fit/i }).click().catch(() => undefined);
			await page.waitForTimeout(500);
			const nodes = await ourNodes(page);
			await page.screenshot({ path: path.join(SCREENSHOTS, `editor-${file.replace(/\.json$/, '')}.png`) });
			timings[`${file}Ms`] = Date.now() - t0;
			expect(nodes).toHaveLength(packageNodes);
			expect(nodes.filter((node) => !node.iconLoaded || node.placeholder)).toEqual([]);
			const placeholders = await page.$$eval('[data-test-id="canvas-node"] .n8n-node-icon div', (divs) => divs.filter((div) => /nodeIconPlaceholder/.test(div.className)).length);
			expect(placeholders).toBe(0);
		}
		await page.close();
	});

	it('opens the onboarding form and shows a page of dropdowns, one per tenant', async () => {
		const page = await browser.newPage();
		await page.setViewportSize({ width: 1000, height: 1200 });
		await page.goto(journey.formUrl('m365-onboarding'));
		await page.screenshot({ path: path.join(SCREENSHOTS, 'form-onboarding-start.png') });
		await submitStartPage(page);
		await page.locator('select').first().waitFor({ timeout: 30000 });
		await expect(page.locator('h1').first().textContent()).resolves.toContain('Choose the company for each tenant');
		const dropdowns = await page.$$eval('select', (selects) => selects.map((select) => ({
			label: (select.closest('.form-group')?.querySelector('label')?.textContent ?? '').trim(),
			options: [...select.querySelectorAll('option')].map((option) => option.getAttribute('value') ?? '').filter((value) => value !== ''),
		})));
		await page.screenshot({ path: path.join(SCREENSHOTS, 'form-onboarding-review.png'), fullPage: true });
		const tenants = dropdowns.filter((dropdown) => dropdown.label !== 'On this page');
		expect(tenants.length).toBeGreaterThan(0);
		expect(tenants.length).toBeLessThanOrEqual(20);
		for (const dropdown of tenants) {
			expect(dropdown.label).toMatch(/\(.+\)/);
			expect(dropdown.options.slice(-2)).toEqual(['Find another company…', 'Skip for now']);
		}
		await page.close();
	});

	it('opens the review form with one decision dropdown per held-back change', async () => {
		const page = await browser.newPage();
		await page.setViewportSize({ width: 1000, height: 900 });
		// The first visit creates the approvals table (nothing waits yet).
		await startForm(page, 'm365-review-changes');
		await expect(page.locator('h1').first().textContent()).resolves.toContain('Nothing waits for approval');
		// Two changes the sync held back, as it writes them.
		const [first, second] = journey.sandbox.state.tenants;
		const held = (tenantId: string, product: string, currentQuantity: number, quantity: number, reason: string) => ({
			key: `e2e-${product}`, lineKey: `${tenantId}|${product}`, status: 'pending', proposedAction: 'update', tenantId, agreementId: 506, product,
			currentQuantity, quantity, reason, plan: '{}', requestedAt: new Date().toISOString(),
		});
		await insertDataTableRows(journey.n8n, 'm365_company_map', [first, second].map((tenant, index) => ({
			tenantId: tenant.tenantId, tenantName: tenant.name, companyId: 250 + index, companyName: `${tenant.name} (PSA)`, method: 'manual', score: 1,
		})));
		await insertDataTableRows(journey.n8n, 'm365_approvals', [
			held(first.tenantId, 'M365-BP', 40, 12, 'decrease of 28 is more than 10 licenses'),
			held(second.tenantId, 'M365-E3', 9, 0, 'count fell to zero'),
		]);

		await startForm(page, 'm365-review-changes');
		// The first page picks a group (all companies, all reasons, one by one) and takes the name.
		await page.locator('select').first().waitFor({ timeout: 30000 });
		// By its label: the first text box on the page is Find companies.
		await page.locator('.form-group').filter({ has: page.locator('label', { hasText: 'Your name' }) }).locator('input').fill('Jane Doe');
		await page.locator('#submit-btn').click();
		await page.waitForFunction("[...document.querySelectorAll('h1')].some((h) => (h.textContent ?? '').includes('Decide: page 1 of 1'))", undefined, { timeout: 60000 });
		const dropdowns = await page.$$eval('select:not([name="then"])', (selects) => selects.filter((select) => !(select.closest('.form-group')?.querySelector('label')?.textContent ?? '').includes('Then')).map((select) => ({
			label: (select.closest('.form-group')?.querySelector('label')?.textContent ?? '').trim(),
			// n8n's own empty "Select an option ..." entry has no value.
			options: [...select.querySelectorAll('option')].filter((option) => option.value !== '').map((option) => option.textContent?.trim() ?? ''),
		})));
		await page.screenshot({ path: path.join(SCREENSHOTS, 'form-review-changes.png'), fullPage: true });
		expect(dropdowns).toHaveLength(2);
		expect(dropdowns[0].label).toContain(first.name);
		expect(dropdowns.map((dropdown) => dropdown.label).join('\n')).toMatch(/M365-BP[\s\S]*40 → 12 seats[\s\S]*decrease of 28/);
		for (const dropdown of dropdowns) expect(dropdown.options).toEqual(['Leave pending', 'Approve', 'Reject']);
		await page.close();
	});
});
