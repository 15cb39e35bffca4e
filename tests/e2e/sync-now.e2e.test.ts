/**
 * Sync now fails closed: every request it does not understand is answered with its 4xx and a
 * message, and nothing runs (no core execution, no sandbox request, Data Tables unchanged).
 * Explicit requests run: everyone, one known company, a dry run that writes nothing; a busy
 * core is answered with 409. Companies whose company-map row says `psa: autotask` are read and
 * billed in Autotask, the others stay in ConnectWise (a mixed install), and a second run writes
 * nothing in either.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { currentUnits } from '../../nodes/AutotaskPsa/shapes/records';
import { SKUS } from '../../sandbox/data/skus';
import { deleteDataTableRows, seedScenario, updateDataTableRows } from './support/dataTables';
import { expectPage, fieldByLabel, openForm, submitForm, useFormLogin, type FormAnswers } from './support/formClient';
import { callSyncNow, dataTablesSnapshot, type SyncNowCall } from './support/syncNowCall';
import { buildScenario, MANAGED, type Scenario } from './templates/scenario';
import { CORE_ID, credentialsFor, FORMS_LOGIN, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';

const UNKNOWN_TENANT = '0badc0de-0000-4000-8000-00000000f00d';

interface Summary {
	dryRun: boolean;
	counts: Record<string, number>;
	changes: Array<{ applied: boolean; agreementId: number }>;
}

describe('Sync now request checking in n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let scenario: Scenario;
	const timings: Record<string, number> = {};
	const psaSnapshot = () => JSON.stringify(sandbox.state.additions);
	const coreRuns = async () => (await n8n.listExecutions({ workflowId: CORE_ID })).length;

	beforeAll(async () => {
		const started = Date.now();
		sandbox = await startSandbox({ tenants: 12, seed: 11 });
		scenario = buildScenario(sandbox.state, 4);
		const workflows: WorkflowJson[] = [
			{ ...loadTemplate('m365-license-sync-core.json'), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
			{ ...loadTemplate('m365-approve-changes.json'), active: true },
			{ ...loadTemplate('m365-onboarding.json'), active: true },
		];
		n8n = await startN8n({ name: 'sync-now', credentials: credentialsFor(sandbox, workflows), workflows });
		timings.startMs = Date.now() - started;
	});

	afterAll(async () => {
		if (n8n) {
			process.stdout.write(`e2e sync-now: ${JSON.stringify(timings)}\n`);
			await n8n.stop();
		}
		await sandbox?.stop();
	});

	it('runs for everyone only when asked explicitly, and creates the tables on the first run', async () => {
		const t0 = Date.now();
		const answer = await callSyncNow(n8n, { json: { everyone: true } });
		timings.firstEveryoneMs = Date.now() - t0;
		expect(answer.status).toBe(200);
		expect((answer.body as Summary).counts).toMatchObject({ tenants: 0, links: 0, create: 0, update: 0 });
		await seedScenario(n8n, scenario);
	});

	const company = () => scenario.companyMap[0].companyId as number;
	const refusals: Array<{ name: string; call: () => SyncNowCall; status: number; message: RegExp }> = [
		{ name: 'no body at all', call: () => ({}), status: 400, message: /Say what to sync|must be a JSON object/ },
		{ name: 'empty object', call: () => ({ json: {} }), status: 400, message: /Say what to sync/ },
		{ name: 'null', call: () => ({ json: null }), status: 400, message: /must be a JSON object/ },
		{ name: 'an array', call: () => ({ json: [{ everyone: true }] }), status: 400, message: /must be a JSON object, got a list/ },
		{ name: 'text', call: () => ({ raw: 'sync everyone please', contentType: 'text/plain' }), status: 415, message: /Send the request as JSON/ },
		{ name: 'companyId null', call: () => ({ json: { companyId: null } }), status: 400, message: /companyId must be a positive whole number.*got null/ },
		{ name: 'companyId malformed', call: () => ({ json: { companyId: 'Contoso' } }), status: 400, message: /companyId must be a positive whole number.*"Contoso"/ },
		{ name: 'tenantId malformed', call: () => ({ json: { tenantId: 'contoso.onmicrosoft.com' } }), status: 400, message: /tenantId must be a tenant GUID/ },
		{ name: 'two scopes', call: () => ({ json: { companyId: company(), everyone: true } }), status: 400, message: /exactly one of companyId, tenantId and everyone/ },
		{ name: 'everyone false', call: () => ({ json: { everyone: false } }), status: 400, message: /everyone must be true/ },
		{ name: 'dryRun "yes"', call: () => ({ json: { companyId: company(), dryRun: 'yes' } }), status: 400, message: /dryRun must be true or false, got "yes"/ },
		{ name: 'dryRun 1', call: () => ({ json: { everyone: true, dryRun: 1 } }), status: 400, message: /dryRun must be true or false, got 1/ },
		{ name: 'dryRun "TRUE"', call: () => ({ json: { everyone: true, dryRun: 'TRUE' } }), status: 400, message: /dryRun must be true or false, got "TRUE"/ },
		{ name: 'misspelt dryRun', call: () => ({ json: { everyone: true, dryrun: true } }), status: 400, message: /Unknown field "dryrun"/ },
		{ name: 'query parameters', call: () => ({ json: { everyone: true }, query: { companyId: String(company()) } }), status: 400, message: /Query parameters are not read/ },
		{ name: 'unknown company', call: () => ({ json: { companyId: 987654 } }), status: 404, message: /Company 987654 is not in the company map/ },
		{ name: 'unknown tenant', call: () => ({ json: { tenantId: UNKNOWN_TENANT } }), status: 404, message: new RegExp(`Tenant ${UNKNOWN_TENANT} is not in the company map`) },
		{ name: 'wrong header secret', call: () => ({ json: { everyone: true }, secret: 'not-the-secret' }), status: 403, message: /Authorization data is wrong/ },
		{ name: 'no header secret', call: () => ({ json: { everyone: true }, secret: null }), status: 403, message: /Authorization data is wrong/ },
	];

	it('refuses every request it does not understand with its status and a message, and runs nothing', async () => {
		const psaBefore = psaSnapshot();
		const tablesBefore = await dataTablesSnapshot(n8n);
		const coreBefore = await coreRuns();
		sandbox.requests.clear();
		const t0 = Date.now();

		const answers = [];
		for (const refusal of refusals) answers.push({ name: refusal.name, ...(await callSyncNow(n8n, refusal.call())) });
		timings.refusalsMs = Date.now() - t0;

		expect(answers.map(({ name, status }) => ({ name, status }))).toEqual(refusals.map(({ name, status }) => ({ name, status })));
		answers.forEach((answer, index) => {
			expect({ name: answer.name, message: (answer.body as { message?: string })?.message }).toEqual({ name: answer.name, message: expect.stringMatching(refusals[index].message) });
		});
		expect(sandbox.requests.list()).toEqual([]);
		expect(psaSnapshot()).toBe(psaBefore);
		expect(await dataTablesSnapshot(n8n)).toBe(tablesBefore);
		expect(await coreRuns()).toBe(coreBefore);
	});

	it('dryRun "true" for a known company plans and writes nothing', async () => {
		const psaBefore = psaSnapshot();
		const tablesBefore = await dataTablesSnapshot(n8n);
		sandbox.requests.clear();

		const answer = await callSyncNow(n8n, { json: { companyId: String(company()), dryRun: 'true' } });

		expect(answer.status).toBe(200);
		const summary = answer.body as Summary;
		expect(summary.dryRun).toBe(true);
		expect(summary.counts.links).toBeGreaterThan(0);
		expect(summary.changes.every((change) => !change.applied)).toBe(true);
		expect(sandbox.requests.list().filter((record) => record.method !== 'GET' && record.service === 'cw')).toEqual([]);
		expect(psaSnapshot()).toBe(psaBefore);
		expect(await dataTablesSnapshot(n8n)).toBe(tablesBefore);
	});

	it('a known company runs and writes only that company\'s agreements', async () => {
		const ownAgreements = new Set(scenario.links.filter((link) => scenario.companyMap.find((row) => row.tenantId === link.tenantId)?.companyId === company()).map((link) => link.agreementId));
		sandbox.requests.clear();
		const t0 = Date.now();

		const answer = await callSyncNow(n8n, { json: { companyId: company() } });
		timings.oneCompanyMs = Date.now() - t0;

		expect(answer.status).toBe(200);
		const summary = answer.body as Summary;
		expect(summary.dryRun).toBe(false);
		expect(summary.counts.failed).toBe(0);
		expect(summary.counts.links).toBe(scenario.links.filter((link) => ownAgreements.has(link.agreementId)).length);
		const writes = sandbox.requests.list().filter((record) => record.method !== 'GET' && record.service === 'cw');
		expect(writes.filter((record) => ![...ownAgreements].some((id) => record.path.includes(`/agreements/${String(id)}/`)))).toEqual([]);
	});

	it('a known tenant and everyone run', async () => {
		const tenant = await callSyncNow(n8n, { json: { tenantId: (scenario.companyMap[1].tenantId as string).toUpperCase() } });
		expect(tenant.status).toBe(200);
		expect((tenant.body as Summary).counts.tenants).toBe(1);

		const everyone = await callSyncNow(n8n, { json: { everyone: true } });
		expect(everyone.status).toBe(200);
		expect((everyone.body as Summary).counts).toMatchObject({ tenants: scenario.companyMap.length, links: scenario.links.length, failed: 0 });
	});

	describe('companies in Autotask (the company map\'s psa column)', () => {
		const autotaskCompanies = () => scenario.companyMap.slice(0, 2).map((row) => row.companyId as number);
		const linesOf = (companies: number[]) => [...scenario.expected, scenario.held].filter((line) => companies.includes(line.companyId));
		const cwWrites = () => sandbox.requests.list().filter((record) => record.service === 'cw' && record.method !== 'GET');
		// Autotask reads are POST …/query: only creates, adjustments and changes are writes.
		const autotaskWrites = () => sandbox.requests.list().filter((record) => record.service === 'autotask' && (record.method === 'PATCH' || (record.method === 'POST' && !/\/query(\/count)?$/.test(record.endpoint))));
		/** The sync's contract service for a product on a contract, with its units today. */
		const autotaskLine = (contractId: number, productIdentifier: string) => {
			const at = sandbox.state.autotask;
			const services = at.contractServices.filter((line) => line.contractID === contractId && line.internalDescription === MANAGED && at.services.find((service) => service.id === line.serviceID)?.sku === productIdentifier);
			return services.map((line) => ({ units: currentUnits(at.contractServiceUnits.filter((unit) => unit.contractServiceID === line.id), sandbox.state.today).units, invoiceDescription: line.invoiceDescription }));
		};
		const autotaskSnapshot = () => JSON.stringify([sandbox.state.autotask.contractServices, sandbox.state.autotask.contractServiceUnits]);

		beforeAll(async () => {
			for (const companyId of autotaskCompanies()) await updateDataTableRows(n8n, 'm365_company_map', { companyId }, { psa: 'autotask' });
		});

		it('Sync now for an Autotask company reads and writes only Autotask, only that company\'s contracts', async () => {
			const [companyId] = autotaskCompanies();
			const otherContracts = JSON.stringify(sandbox.state.autotask.contractServices.filter((line) => !linesOf([companyId]).some((own) => own.agreementId === line.contractID)));
			sandbox.requests.clear();
			const t0 = Date.now();

			const answer = await callSyncNow(n8n, { json: { companyId } });
			timings.autotaskCompanyMs = Date.now() - t0;

			expect(answer.status).toBe(200);
			const summary = answer.body as Summary;
			expect(summary.counts).toMatchObject({ failed: 0, couldNotRead: 0 });
			expect(summary.counts.create + summary.counts.update).toBeGreaterThan(0);
			expect(sandbox.requests.list().filter((record) => record.service === 'cw')).toEqual([]);
			expect(autotaskWrites().length).toBeGreaterThan(0);
			for (const line of linesOf([companyId])) {
				expect({ ...line, lines: autotaskLine(line.agreementId, line.productIdentifier) }).toEqual({ ...line, lines: [{ units: line.quantity, invoiceDescription: line.invoiceDescription }] });
			}
			expect(JSON.stringify(sandbox.state.autotask.contractServices.filter((line) => !linesOf([companyId]).some((own) => own.agreementId === line.contractID)))).toBe(otherContracts);
		});

		it('the daily sync (everyone) bills each company in its own PSA, and a second run writes nothing in either', async () => {
			const cwBefore = psaSnapshot();
			sandbox.requests.clear();
			const t0 = Date.now();

			const first = await callSyncNow(n8n, { json: { everyone: true } });
			timings.mixedEveryoneMs = Date.now() - t0;

			expect(first.status).toBe(200);
			expect((first.body as Summary).counts).toMatchObject({ tenants: scenario.companyMap.length, links: scenario.links.length, failed: 0, couldNotRead: 0 });
			// ConnectWise was already up to date for its companies; the Autotask companies' agreements are not even read there.
			expect(cwWrites()).toEqual([]);
			expect(psaSnapshot()).toBe(cwBefore);
			const autotaskAgreements = new Set(linesOf(autotaskCompanies()).map((line) => line.agreementId));
			expect(sandbox.requests.list().filter((record) => record.service === 'cw' && [...autotaskAgreements].some((id) => record.path.includes(`/agreements/${String(id)}`)))).toEqual([]);
			for (const line of linesOf(autotaskCompanies())) {
				expect({ ...line, lines: autotaskLine(line.agreementId, line.productIdentifier) }).toEqual({ ...line, lines: [{ units: line.quantity, invoiceDescription: line.invoiceDescription }] });
			}

			const autotaskBefore = autotaskSnapshot();
			sandbox.requests.clear();
			const t1 = Date.now();
			const second = await callSyncNow(n8n, { json: { everyone: true } });
			timings.mixedSecondMs = Date.now() - t1;

			expect(second.status).toBe(200);
			expect((second.body as Summary).counts).toMatchObject({ create: 0, update: 0, failed: 0, couldNotRead: 0 });
			expect(cwWrites()).toEqual([]);
			expect(autotaskWrites()).toEqual([]);
			expect(autotaskSnapshot()).toBe(autotaskBefore);
		});

		it('a held decrease of an Autotask company is approved into Autotask, not ConnectWise', async () => {
			const line = linesOf(autotaskCompanies()).find((candidate) => candidate.quantity >= 4)!;
			expect(line).toBeDefined();
			// The customer drops to half its seats: more than License Reconcile's 25 % decrease limit, so the change is held.
			const tenant = sandbox.state.tenants.find((candidate) => candidate.tenantId === line.tenantId)!;
			const sku = tenant.skus.find((candidate) => SKUS.find((known) => known.skuId === candidate.skuId)?.catalogIdentifier === line.productIdentifier)!;
			const target = Math.floor(line.quantity / 2);
			sku.prepaidUnits = { ...sku.prepaidUnits, enabled: target, warning: 0 };

			const sync = await callSyncNow(n8n, { json: { companyId: line.companyId } });
			const held = (sync.body as { needsApproval: Array<{ key: string; agreementId: number; after: number }> }).needsApproval.find((item) => item.agreementId === line.agreementId);
			expect(held).toMatchObject({ after: target });
			expect(autotaskLine(line.agreementId, line.productIdentifier)).toEqual([expect.objectContaining({ units: line.quantity })]);
			sandbox.requests.clear();

			const approved = await n8n.callWebhook('m365-approve-changes', { body: { approve: [held!.key], decidedBy: 'e2e' }, headers: { [WEBHOOK_HEADER]: WEBHOOK_SECRET } });

			expect(approved.body).toMatchObject({ status: 'ran', applied: [expect.objectContaining({ key: held!.key, applied: true, before: line.quantity, after: target })], failed: [] });
			expect(autotaskLine(line.agreementId, line.productIdentifier)).toEqual([expect.objectContaining({ units: target })]);
			expect(cwWrites()).toEqual([]);
		});

		it('onboarding on Autotask saves its rows with psa autotask (the search finds Autotask companies), shows tenants mapped in ConnectWise as such and leaves them alone, and Sync now then bills the company in Autotask', async () => {
			// A ConnectWise company's tenant is unmapped, then onboarded again on Autotask (same company ids in the sandbox).
			const row = scenario.companyMap[2];
			const companyId = row.companyId as number;
			const tenant = sandbox.state.tenants.find((candidate) => candidate.tenantId === row.tenantId)!;
			await deleteDataTableRows(n8n, 'm365_company_map', { tenantId: tenant.tenantId });
			const cwRow = scenario.companyMap[3];
			await updateDataTableRows(n8n, 'm365_company_map', { tenantId: cwRow.tenantId as string }, { psa: 'connectwise' });
			// In Autotask the company has a name ConnectWise does not know, and nothing to match it by: a person finds it by searching.
			const atCompany = sandbox.state.autotask.companies.find((candidate) => candidate.id === companyId)!;
			atCompany.companyName = `Zephyrine Billing ${companyId}`;
			atCompany.webAddress = null;
			atCompany.userDefinedFields = [];
			for (const contact of sandbox.state.autotask.contacts.filter((candidate) => candidate.companyID === companyId)) contact.emailAddress = `person${contact.id}@zephyrine-billing.invalid`;
			const before = await n8n.getDataTableRows('m365_company_map');
			sandbox.requests.clear();
			useFormLogin(FORMS_LOGIN);
			const t0 = Date.now();

			const start = await openForm(`${n8n.baseUrl}/form/m365-onboarding`);
			const psaField = fieldByLabel(start, 'PSA your customers are billed in');
			expect(psaField).toMatchObject({ options: ['ConnectWise PSA', 'Autotask PSA'], selected: 'ConnectWise PSA' });
			let page = expectPage(await submitForm(start, { [psaField.key]: 'Autotask PSA', [fieldByLabel(start, 'Already mapped tenants').key]: ['Show already mapped tenants'] }));
			const labels: string[] = [];
			let searched = false;
			while (page.title !== 'Customers added') {
				const answers: FormAnswers = {};
				if (page.title === 'Choose the company for each tenant') {
					const action = fieldByLabel(page, 'On this page');
					for (const field of page.fields.filter((f) => f.kind === 'select' && f !== action)) {
						labels.push(field.label);
						for (const option of field.options) expect(option.startsWith('Sandbox MSP ')).toBe(false);
						answers[field.key] = field.label.startsWith(`${tenant.name} (`) ? 'Find another company…' : 'Skip for now';
					}
					answers[action.key] = 'Save the choices below and finish (skip the remaining tenants)';
				} else if (page.title === 'Find a company') {
					for (const field of page.fields.filter((f) => f.kind === 'input')) answers[field.key] = 'zephyrine';
				} else {
					expect(page.title).toBe('Pick the company');
					for (const field of page.fields.filter((f) => f.kind === 'select')) {
						expect(field.options).toContain(`${atCompany.companyName} (${atCompany.companyNumber})`);
						answers[field.key] = `${atCompany.companyName} (${atCompany.companyNumber})`;
						searched = true;
					}
				}
				page = expectPage(await submitForm(page, answers));
			}
			timings.autotaskOnboardingMs = Date.now() - t0;
			expect(searched).toBe(true);
			// A tenant mapped in ConnectWise is listed as such, not offered as new.
			const cwCompany = sandbox.state.companies.find((candidate) => candidate.id === cwRow.companyId)!;
			expect(labels.filter((label) => label.includes(`already mapped to ${cwCompany.name} in ConnectWise`))).toHaveLength(1);

			// Companies came from Autotask only; every row saved says autotask and is the tenant's company.
			expect(sandbox.requests.list().filter((record) => record.service === 'autotask' && /Companies\/query/i.test(`${record.endpoint} ${record.path}`)).length).toBeGreaterThan(0);
			expect(sandbox.requests.list().filter((record) => record.service === 'cw')).toEqual([]);
			const after = await n8n.getDataTableRows('m365_company_map');
			const added = after.filter((candidate) => !before.some((old) => old.id === candidate.id));
			for (const saved of added) {
				expect({ tenantId: saved.tenantId, psa: saved.psa, companyId: saved.companyId }).toEqual({ tenantId: saved.tenantId, psa: 'autotask', companyId: sandbox.state.groundTruth.tenantToCompany[saved.tenantId as string] });
			}
			expect(added.filter((saved) => saved.tenantId === tenant.tenantId)).toEqual([expect.objectContaining({ companyId, companyName: atCompany.companyName, method: 'manual', psa: 'autotask' })]);
			// Tenants mapped before (in either PSA) are not mapped again, and their rows are as they were.
			expect(added.filter((saved) => before.some((old) => old.tenantId === saved.tenantId))).toEqual([]);
			expect(after.filter((candidate) => before.some((old) => old.id === candidate.id))).toEqual(before);
			Object.assign(timings, { autotaskOnboarded: added.length });

			sandbox.requests.clear();
			const answer = await callSyncNow(n8n, { json: { companyId } });
			expect(answer.status).toBe(200);
			expect((answer.body as Summary).counts).toMatchObject({ failed: 0, couldNotRead: 0 });
			expect(sandbox.requests.list().filter((record) => record.service === 'cw')).toEqual([]);
			expect(autotaskWrites().length).toBeGreaterThan(0);
			for (const line of scenario.expected.filter((expected) => expected.companyId === companyId)) {
				expect({ ...line, lines: autotaskLine(line.agreementId, line.productIdentifier) }).toEqual({ ...line, lines: [{ units: line.quantity, invoiceDescription: line.invoiceDescription }] });
			}
			useFormLogin(undefined);
		});
	});

	it('answers 409 with the message when the core is busy (another sync holds the lock)', async () => {
		// The core answers `status: 'busy'` while another sync holds its lock; a stand-in that is
		// always busy makes the answer certain without racing two syncs.
		const core = loadTemplate('m365-license-sync-core.json');
		const trigger = (core.nodes as Array<{ type: string }>).find((node) => node.type === 'n8n-nodes-base.executeWorkflowTrigger')!;
		const busy = {
			parameters: { mode: 'raw', jsonOutput: '={{ { status: "busy", message: "Another sync (e2e) holds the lock since 10:02." } }}', options: {} },
			id: 'e2e-busy', name: 'Busy', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [300, 0],
		};
		const name = (trigger as unknown as { name: string }).name;
		await n8n.api.call('PUT', `/workflows/${CORE_ID}`, { name: core.name, nodes: [trigger, busy], connections: { [name]: { main: [[{ node: 'Busy', type: 'main', index: 0 }]] } }, settings: core.settings });
		await n8n.publishWorkflow(CORE_ID);
		const psaBefore = psaSnapshot();

		const answer = await callSyncNow(n8n, { json: { everyone: true } });

		expect(answer.status).toBe(409);
		expect(answer.body).toEqual({ status: 'busy', message: 'Another sync (e2e) holds the lock since 10:02.' });
		expect(psaSnapshot()).toBe(psaBefore);
	});
});
