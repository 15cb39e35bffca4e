/**
 * No secret leaves n8n's encrypted credentials: after real syncs, Sync now calls (refused ones
 * too), wrong header secrets and form logins, the n8n database (every table, as text), every
 * file of n8n's user folder and n8n's log hold none of the secret values this run used.
 */
import path from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { OWNER } from './n8nClient';
import { seedScenario } from './support/dataTables';
import { openForm, submitForm, useFormLogin, type FormOutcome } from './support/formClient';
import { databaseText, findSecrets, folderFiles, type Secret } from './support/secretScan';
import { callSyncNow } from './support/syncNowCall';
import { buildScenario, type Scenario } from './templates/scenario';
import { credentialsFor, FORMS_LOGIN, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';

const TEMPLATES = ['m365-license-sync-core.json', 'm365-sync-now.json', 'm365-approve-changes.json', 'm365-review-changes.json'];
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('secrets stay out of n8n\'s executions, database and logs', () => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let scenario: Scenario;
	let secrets: Secret[];
	const timings: Record<string, number> = {};

	beforeAll(async () => {
		const started = Date.now();
		sandbox = await startSandbox({ tenants: 12, seed: 11 });
		scenario = buildScenario(sandbox.state, 4);
		const workflows: WorkflowJson[] = TEMPLATES.map((file) => ({ ...loadTemplate(file), active: true }));
		n8n = await startN8n({ name: 'secrets', credentials: credentialsFor(sandbox, workflows), workflows });
		timings.startMs = Date.now() - started;
		const { microsoft, connectWise } = sandbox.credentials;
		secrets = [
			{ label: 'ConnectWise private key', value: connectWise.privateKey },
			{ label: 'ConnectWise Basic auth header', value: basic(`${connectWise.companyId}+${connectWise.publicKey}`, connectWise.privateKey) },
			{ label: 'Microsoft client secret', value: microsoft.clientSecret },
			{ label: 'Microsoft refresh token', value: microsoft.refreshToken },
			{ label: 'Sync now header secret', value: WEBHOOK_SECRET },
			{ label: 'forms login password', value: FORMS_LOGIN.password },
			{ label: 'forms login Basic auth header', value: basic(FORMS_LOGIN.user, FORMS_LOGIN.password) },
			{ label: 'n8n owner password', value: OWNER.password },
		];
	});

	afterAll(async () => {
		if (n8n) {
			process.stdout.write(`e2e secrets: ${JSON.stringify(timings)}\n`);
			await n8n.stop();
		}
		await sandbox?.stop();
	});

	it('syncs, refuses, and logs in to forms (what the scan looks at afterwards)', async () => {
		const t0 = Date.now();
		expect((await callSyncNow(n8n, { json: { everyone: true } })).status).toBe(200);
		await seedScenario(n8n, scenario);
		expect((await callSyncNow(n8n, { json: { everyone: true, dryRun: true } })).status).toBe(200);
		const sync = await callSyncNow(n8n, { json: { everyone: true } });
		expect(sync.status).toBe(200);
		expect((sync.body as { counts: { create: number; update: number; unchanged: number } }).counts.create + (sync.body as { counts: { update: number } }).counts.update).toBeGreaterThan(0);
		expect((await callSyncNow(n8n, { json: { companyId: scenario.companyMap[0].companyId } })).status).toBe(200);
		expect((await callSyncNow(n8n, { json: {} })).status).toBe(400);
		expect((await callSyncNow(n8n, { json: { companyId: 987654 } })).status).toBe(404);
		expect((await callSyncNow(n8n, { raw: 'companyId=250', contentType: 'text/plain' })).status).toBe(415);
		expect((await callSyncNow(n8n, { json: { everyone: true }, secret: `${WEBHOOK_SECRET}-wrong` })).status).toBe(403);
		// Approve changes takes the same header secret: listing what waits, and a wrong secret.
		expect((await n8n.callWebhook('m365-approve-changes', { body: {}, headers: { [WEBHOOK_HEADER]: WEBHOOK_SECRET } })).status).toBe(200);
		expect((await n8n.callWebhook('m365-approve-changes', { body: {}, headers: { [WEBHOOK_HEADER]: `${WEBHOOK_SECRET}-wrong` } })).status).toBe(403);

		const formUrl = `${n8n.baseUrl}/form/m365-review-changes`;
		useFormLogin({ user: FORMS_LOGIN.user, password: `${FORMS_LOGIN.password}-wrong` });
		await expect(openForm(formUrl)).rejects.toThrow(/answered 401/);
		useFormLogin(FORMS_LOGIN);
		let outcome: FormOutcome = await submitForm(await openForm(formUrl));
		// Pages with something to answer; an end page (no fields) is resumed by the client when shown.
		for (let page = 0; outcome.kind === 'page' && outcome.page.fields.length > 0 && page < 3; page++) outcome = await submitForm(outcome.page);
		const ended = outcome.kind === 'done' ? outcome.status === 'success' : outcome.page.fields.length === 0;
		expect({ ended, shown: outcome.kind === 'done' ? outcome.status : outcome.page.title }).toMatchObject({ ended: true });
		timings.runsMs = Date.now() - t0;
	});

	it('finds none of the run\'s secrets in the database, the user folder or the log', async () => {
		const executions = await n8n.listExecutions();
		expect(executions.length).toBeGreaterThanOrEqual(8);
		expect(executions.filter((execution) => !execution.stoppedAt)).toEqual([]);
		const t0 = Date.now();
		const database = path.join(n8n.userFolder, '.n8n', 'database.sqlite');
		const tables = databaseText(database);
		const files = folderFiles(n8n.userFolder, [path.join(n8n.userFolder, '.n8n', 'nodes')]);
		const log = [{ where: 'the n8n log', text: n8n.logs() }];
		timings.scanMs = Date.now() - t0;

		// The scan reads what it should: configuration rows and saved executions are there as text.
		const companyName = String(scenario.companyMap[0].companyName);
		expect(findSecrets([{ label: 'a company name', value: companyName }], tables).some((found) => /table data_table_user_/.test(found))).toBe(true);
		expect(tables.some((place) => place.where.startsWith('table execution_data') && place.text.includes('m365-license-sync'))).toBe(true);
		expect(files.some((place) => place.where.startsWith('file .n8n/database.sqlite'))).toBe(true);

		expect(findSecrets(secrets, [...tables, ...files, ...log])).toEqual([]);
	});
});
