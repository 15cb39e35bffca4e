/**
 * The setup journey through its n8n Forms, filled in over HTTP as a browser does, against a
 * real n8n and the sandbox: onboarding (auto-map + a person's choices), billing profiles,
 * link licenses and contact sync. Asserts what lands in the Data Tables and in the PSA.
 */
import type { Tenant } from '../../sandbox';
import { expectPage, fieldByLabel, openForm, submitForm, type FormAnswers, type FormPage } from './support/formClient';
import { startJourney, type Journey } from './support/journey';

const TEMPLATES = ['m365-onboarding.json'];

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
		journey = await startJourney({ name: 'forms', templates: TEMPLATES });
		timings.startMs = Date.now() - started;
	});

	afterAll(async () => {
		if (!journey) return;
		process.stdout.write(`e2e forms: ${JSON.stringify({ ...timings, ...journey.n8n.timings, totalMs: Date.now() - started })}\n`);
		await journey.stop();
	});

	const truth = (tenantId: string): number | null => journey.sandbox.state.groundTruth.tenantToCompany[tenantId] ?? null;
	const tenantOfLabel = (label: string): Tenant => {
		const domain = /\(([^()\s]+)\)/.exec(label)?.[1] ?? '';
		const tenant = journey.sandbox.state.tenants.find((t) => t.defaultDomain === domain || t.domains.includes(domain));
		if (!tenant) throw new Error(`no sandbox tenant for "${label}"`);
		return tenant;
	};
	const mapRows = async (): Promise<MapRow[]> => (await journey.n8n.getDataTableRows('m365_company_map')) as unknown as MapRow[];

	/** A person who knows the right company: picks it among the suggestions, else through "Other company…", else skips. */
	async function answerOnboarding(page: FormPage): Promise<{ chosen: number; viaOther: number }> {
		const answers: FormAnswers = {};
		const other: Record<string, number> = {};
		let chosen = 0;
		for (const field of page.fields.filter((f) => f.kind === 'select')) {
			const companyId = truth(tenantOfLabel(field.label).tenantId);
			const suggestion = field.options.find((option) => companyId !== null && option.includes(`#${companyId} (`));
			if (suggestion) {
				answers[field.key] = suggestion;
				chosen += 1;
			} else if (companyId !== null) {
				answers[field.key] = 'Other company…';
				other[/\(([^()\s]+)\)/.exec(field.label)![1]] = companyId;
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
		return { chosen, viaOther: Object.keys(other).length };
	}

	it('onboarding saves confident matches, then what the person chose; a second run adds nothing', async () => {
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

		const { chosen, viaOther } = await answerOnboarding(review);
		timings.onboardingMs = Date.now() - t0;
		Object.assign(timings, { autoSaved: autoSaved.length, reviewed: tenantFields.length, chosen, viaOther });
		const rows = await mapRows();
		const manual = rows.filter((row) => row.method === 'manual');
		expect(manual.length).toBe(chosen + viaOther);
		for (const row of rows) expect(row.companyId).toBe(truth(row.tenantId));
		const reviewed = new Set(tenantFields.map((f) => tenantOfLabel(f.label).tenantId));
		for (const row of manual) expect(reviewed.has(row.tenantId)).toBe(true);
		const mappable = journey.sandbox.state.tenants.filter((t) => !t.removed && truth(t.tenantId) !== null);
		expect(new Set(rows.map((row) => row.tenantId))).toEqual(new Set(mappable.map((t) => t.tenantId)));

		// Second run: every mappable tenant is mapped, so only tenants without a company are asked about.
		const again = expectPage(await submitForm(await openForm(journey.formUrl('m365-onboarding')), {}));
		for (const field of again.fields.filter((f) => f.kind === 'select')) {
			expect(truth(tenantOfLabel(field.label).tenantId)).toBeNull();
		}
		await answerOnboarding(again);
		const after = await mapRows();
		expect(after.length).toBe(rows.length);
		expect(new Set(after.map((row) => `${row.tenantId}/${row.companyId}`)).size).toBe(after.length);
	});
});
