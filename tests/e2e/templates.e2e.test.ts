/**
 * The shipped sync templates in a real n8n against the sandbox: Sync now (one company, all,
 * dry run), audit rows, held changes applied only once approved, idempotent re-runs, and a
 * webhook that refuses a wrong secret.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { deleteDataTableRows, insertDataTableRows, seedScenario, updateDataTableRows } from './support/dataTables';
import { cwRequest } from './support/psaRequest';
import { activeAdditions, buildScenario, MANAGED, type ExpectedLine, type Scenario } from './templates/scenario';
import { CORE_ID, credentialsFor, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';
import { stopwatch, type SyncSummary } from './support/summary';

const AUTH = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };


const { timings, timed } = stopwatch();

describe('sync templates in n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let scenario: Scenario;
	let written = 0;

	const managedLines = (line: ExpectedLine) => activeAdditions(sandbox.state, line.agreementId, line.productIdentifier).filter((a) => a.serialNumber === MANAGED);
	const psaSnapshot = () => JSON.stringify(sandbox.state.additions);
	const syncNow = async (body: Record<string, unknown>): Promise<SyncSummary> => {
		const response = await n8n.callWebhook('m365-sync-now', { body, headers: AUTH });
		expect(response.status).toBe(200);
		return response.body as SyncSummary;
	};
	const rows = async (table: string) => await n8n.getDataTableRows(table);

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 16, seed: 11 });
		scenario = buildScenario(sandbox.state, 5);
		const workflows: WorkflowJson[] = [
			{ ...loadTemplate('m365-license-sync-core.json'), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
			{ ...loadTemplate('m365-approve-changes.json'), active: true },
			loadTemplate('m365-daily-license-sync.json'),
		];
		n8n = await timed('n8nStart', async () => await startN8n({ name: 'templates', credentials: credentialsFor(sandbox, workflows), workflows }));
	});

	afterAll(async () => {
		if (n8n) {
			process.stdout.write(`e2e templates: ${JSON.stringify({ ...timings, server: n8n.timings, memoryMb: n8n.memoryMb(), links: scenario?.links.length })}\n`);
			await n8n.stop();
		}
		await sandbox?.stop();
	});

	it('refuses Sync now without the right header secret and changes nothing', async () => {
		const before = psaSnapshot();

		const wrong = await n8n.callWebhook('m365-sync-now', { body: { everyone: true }, headers: { [WEBHOOK_HEADER]: 'not-the-secret' } });
		const missing = await n8n.callWebhook('m365-sync-now', { body: { everyone: true } });

		expect([401, 403]).toContain(wrong.status);
		expect([401, 403]).toContain(missing.status);
		expect(await n8n.listExecutions({ workflowId: CORE_ID })).toHaveLength(0);
		expect(psaSnapshot()).toBe(before);
	});

	it('creates its Data Tables on the first run and reports an empty configuration', async () => {
		const summary = await timed('firstRunEmpty', async () => await syncNow({ everyone: true }));

		expect(summary.counts).toMatchObject({ tenants: 0, links: 0, create: 0, update: 0, needsApproval: 0, failed: 0 });
		for (const table of ['m365_company_map', 'm365_billing_profiles', 'm365_license_links', 'm365_approvals', 'm365_sync_audit']) {
			expect(await rows(table)).toEqual([]);
		}
	});

	it('plans without writing on a dry run', async () => {
		await seedScenario(n8n, scenario);
		// A manual (unmarked) line for the held link's product: the sync must not add a second line unasked.
		await cwRequest(sandbox, 'POST', `/finance/agreements/${scenario.held.agreementId}/additions`, {
			product: { id: sandbox.state.catalog.find((item) => item.identifier === scenario.held.productIdentifier)!.id },
			quantity: 1,
			billCustomer: 'Billable',
			invoiceDescription: 'typed by hand',
		});
		// Seeded lines are often already right: make one too low (an update) and remove one (a create).
		const existing = scenario.expected.flatMap((line) => managedLines(line).map((addition) => ({ line, addition })));
		expect(existing.length).toBeGreaterThanOrEqual(2);
		const [stale, removed] = existing;
		await cwRequest(sandbox, 'PATCH', `/finance/agreements/${stale.line.agreementId}/additions/${stale.addition.id}`, [{ op: 'replace', path: 'quantity', value: Math.max(0, stale.line.quantity - 2) }]);
		await cwRequest(sandbox, 'DELETE', `/finance/agreements/${removed.line.agreementId}/additions/${removed.addition.id}`);
		const before = psaSnapshot();

		const summary = await timed('dryRunAll', async () => await syncNow({ everyone: true, dryRun: true }));

		expect(summary.dryRun).toBe(true);
		expect(summary.counts.failed).toBe(0);
		expect(summary.counts.create).toBeGreaterThanOrEqual(1);
		expect(summary.counts.update).toBeGreaterThanOrEqual(1);
		expect(summary.changes.every((change) => !change.applied)).toBe(true);
		expect(psaSnapshot()).toBe(before);
		expect(await rows('m365_sync_audit')).toEqual([]);
		expect(await rows('m365_approvals')).toEqual([]);
	});

	it('syncs one company only when Sync now names it', async () => {
		const company = scenario.expected[0].companyId;
		const others = scenario.expected.filter((line) => line.companyId !== company);
		const othersBefore = others.map((line) => JSON.stringify(activeAdditions(sandbox.state, line.agreementId, line.productIdentifier)));

		const summary = await timed('syncOneCompany', async () => await syncNow({ companyId: company }));
		written += summary.counts.create + summary.counts.update;

		expect(summary.counts.failed).toBe(0);
		for (const line of scenario.expected.filter((l) => l.companyId === company)) expectLine(line);
		expect(others.map((line) => JSON.stringify(activeAdditions(sandbox.state, line.agreementId, line.productIdentifier)))).toEqual(othersBefore);
	});

	it('syncs every linked licence, writes audit rows and holds the risky change for approval', async () => {
		const summary = await timed('syncAll', async () => await syncNow({ everyone: true }));
		written += summary.counts.create + summary.counts.update;
		expect(written).toBeGreaterThanOrEqual(2);

		expect(summary.counts.failed).toBe(0);
		for (const line of scenario.expected) expectLine(line);
		expect(managedLines(scenario.held)).toEqual([]);
		expect(summary.needsApproval).toEqual(
			expect.arrayContaining([expect.objectContaining({ agreementId: scenario.held.agreementId, product: scenario.held.productIdentifier, action: 'create', after: scenario.held.quantity })]),
		);

		// The text for e-mail / Teams says where a person approves the held change.
		expect(summary.text).toContain(`Approve or reject them in the form ${n8n.baseUrl}/form/m365-review-changes`);

		const audit = await rows('m365_sync_audit');
		const applied = summary.changes.filter((change) => change.applied);
		expect(audit.length).toBeGreaterThanOrEqual(applied.length);
		for (const change of applied) {
			expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: change.action, agreementId: change.agreementId, product: change.product, key: expect.any(String) })]));
		}
		expect(audit.every((row) => typeof row.after === 'string' && (row.after as string).includes('"quantity"'))).toBe(true);
		const companyOf = (tenantId: unknown) => scenario.companyMap.find((row) => row.tenantId === tenantId)?.companyId;
		expect(audit.filter((row) => row.companyId !== companyOf(row.tenantId))).toEqual([]);

		const approvals = await rows('m365_approvals');
		expect(approvals).toEqual(
			expect.arrayContaining([expect.objectContaining({ status: 'pending', agreementId: scenario.held.agreementId, product: scenario.held.productIdentifier, proposedAction: 'create', companyId: scenario.held.companyId })]),
		);
	});

	it('writes nothing when the sync runs again straight away', async () => {
		const psaBefore = psaSnapshot();
		const auditBefore = (await rows('m365_sync_audit')).length;
		const approvalsBefore = (await rows('m365_approvals')).length;

		const summary = await timed('secondSyncAll', async () => await syncNow({ everyone: true }));

		expect(summary.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
		expect(psaSnapshot()).toBe(psaBefore);
		expect(await rows('m365_sync_audit')).toHaveLength(auditBefore);
		expect(await rows('m365_approvals')).toHaveLength(approvalsBefore);
	});

	it('supersedes a line\'s older pending request with the newer one, also when a crash left both pending, and leaves lines it did not plan alone', async () => {
		const held = (await rows('m365_approvals')).find((row) => row.status === 'pending' && row.agreementId === scenario.held.agreementId && row.product === scenario.held.productIdentifier)!;
		const key = String(held.key);
		const columns = Object.fromEntries(Object.entries(held).filter(([column]) => !['id', 'createdAt', 'updatedAt'].includes(column)));
		const copy = (extra: Record<string, unknown>) => ({ ...columns, ...extra });
		// The line's request as an earlier run planned it (another key), and a pending request of a line this run does not plan.
		await updateDataTableRows(n8n, 'm365_approvals', { key }, { key: `${key}-older` });
		await insertDataTableRows(n8n, 'm365_approvals', [copy({ key: 'e2e-not-planned', lineKey: 'e2e-line-not-in-this-run', product: 'e2e-not-planned' })]);

		await syncNow({ everyone: true });

		let approvals = await rows('m365_approvals');
		expect(approvals.filter((row) => row.key === key)).toEqual([expect.objectContaining({ status: 'pending', lineKey: held.lineKey, plan: held.plan })]);
		expect(approvals.find((row) => row.key === `${key}-older`)).toMatchObject({ status: 'superseded', result: `replaced by ${key}`, decidedAt: expect.anything() });
		expect(approvals.find((row) => row.key === 'e2e-not-planned')).toMatchObject({ status: 'pending' });
		// The newer request was saved before the older one was superseded: a crash in between loses no request.
		const newest = (await n8n.listExecutions({ workflowId: CORE_ID })).sort((a, b) => Number(b.id) - Number(a.id))[0];
		type Runs = Record<string, Array<{ startTime: number; executionTime: number }>>;
		const execution = await n8n.api.call<{ data: { resultData: { runData: Runs } } }>('GET', `/executions/${newest.id}?includeData=true`);
		const runs = execution.data.resultData.runData;
		const saved = runs['Save approvals'][0];
		expect(saved.startTime + saved.executionTime).toBeLessThanOrEqual(runs['Older requests to supersede'][0].startTime);
		expect(runs['Supersede older requests']).toHaveLength(1);

		// A run that crashed after saving the newer request and before superseding: the next run finishes it and writes nothing twice.
		await insertDataTableRows(n8n, 'm365_approvals', [copy({ key: `${key}-crash` })]);
		const count = (await rows('m365_approvals')).length;

		await syncNow({ everyone: true });

		approvals = await rows('m365_approvals');
		expect(approvals).toHaveLength(count);
		expect(approvals.filter((row) => row.key === key)).toEqual([expect.objectContaining({ status: 'pending' })]);
		expect(approvals.find((row) => row.key === `${key}-crash`)).toMatchObject({ status: 'superseded', result: `replaced by ${key}` });
		await deleteDataTableRows(n8n, 'm365_approvals', { key: 'e2e-not-planned' });
	});

	it('applies a held change once it is approved, and leaves the others pending', async () => {
		const pending = (await rows('m365_approvals')).filter((row) => row.status === 'pending');
		const held = pending.find((row) => row.agreementId === scenario.held.agreementId && row.product === scenario.held.productIdentifier)!;
		const listed = await n8n.callWebhook('m365-approve-changes', { body: {}, headers: AUTH });
		expect(listed.status).toBe(200);
		expect((listed.body as { pending: Array<{ key: string }> }).pending.map((row) => row.key)).toContain(held.key);
		const refused = await n8n.callWebhook('m365-approve-changes', { body: { approve: [held.key] }, headers: { [WEBHOOK_HEADER]: 'nope' } });
		expect([401, 403]).toContain(refused.status);
		expect(managedLines(scenario.held)).toEqual([]);

		const answer = await timed('approve', async () => await n8n.callWebhook('m365-approve-changes', { body: { addSecond: [held.key], decidedBy: 'e2e' }, headers: AUTH }));

		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ applied: [expect.objectContaining({ key: held.key, action: 'create', applied: true, after: scenario.held.quantity })], failed: [] });
		expectLine(scenario.held);
		const approvals = await rows('m365_approvals');
		expect(approvals.find((row) => row.key === held.key)).toMatchObject({ status: 'applied', decidedBy: 'e2e' });
		expect(approvals.filter((row) => row.status === 'pending').map((row) => row.key).sort()).toEqual(pending.filter((row) => row.key !== held.key).map((row) => row.key).sort());
		expect(await rows('m365_sync_audit')).toEqual(expect.arrayContaining([expect.objectContaining({ key: held.key, action: 'create' })]));

		const after = await syncNow({ everyone: true });
		expect(after.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
	});

	it('reads usernames and subscriptions only for tenants whose links use them, and bills by them', async () => {
		const activeGdap = new Set(sandbox.state.gdapRelationships.filter((r) => r.status === 'active').map((r) => r.customer?.tenantId));
		const tenantOf = (line: ExpectedLine) => sandbox.state.tenants.find((tenant) => tenant.tenantId === line.tenantId)!;
		const skuOf = (line: ExpectedLine) => scenario.links.find((link) => link.tenantId === line.tenantId && link.agreementId === line.agreementId && link.billingProfile === `M365 ${line.productIdentifier}`)!.skuIds as string;
		const holders = (line: ExpectedLine) => tenantOf(line).users
			.filter((user) => user.assignedLicenses?.some((assigned) => assigned.skuId === skuOf(line)))
			.map((user) => user.userPrincipalName!)
			.sort((a, b) => a.localeCompare(b));
		const termSums = (line: ExpectedLine) => {
			const sums = new Map<string, number>();
			for (const subscription of tenantOf(line).subscriptions) {
				if (subscription.skuId !== skuOf(line) || subscription.status !== 'active') continue;
				sums.set(subscription.termDuration, (sums.get(subscription.termDuration) ?? 0) + subscription.quantity);
			}
			return sums;
		};
		const named = scenario.expected.find((line) => activeGdap.has(line.tenantId) && holders(line).length > 0);
		const termed = scenario.expected.find((line) => line.tenantId !== named?.tenantId && termSums(line).size > 0);
		if (!named || !termed) throw new Error('seed 11 has no line for usernames or for a term: choose another seed');
		const [term, termQuantity] = [...termSums(termed)].sort((a, b) => b[1] - a[1])[0];
		await updateDataTableRows(n8n, 'm365_license_links', { tenantId: named.tenantId, skuIds: skuOf(named) }, { showUsernames: true });
		await updateDataTableRows(n8n, 'm365_license_links', { tenantId: termed.tenantId, skuIds: skuOf(termed) }, { term });
		sandbox.requests.clear();

		const summary = await timed('syncWithUsernamesAndTerm', async () => await syncNow({ everyone: true }));

		expect(summary.counts.failed).toBe(0);
		const graphUsers = sandbox.requests.list().filter((record) => record.endpoint === 'graph GET /v1.0/users');
		const subscriptionReads = sandbox.requests.list().filter((record) => record.endpoint === 'partnercenter GET /v1/customers/{id}/subscriptions');
		expect(new Set(graphUsers.map((record) => record.tenantId))).toEqual(new Set([named.tenantId]));
		expect(subscriptionReads.map((record) => record.path.includes(termed.tenantId))).toEqual([true]);
		const [line] = managedLines(named);
		expect(line.invoiceDescription).toContain(named.invoiceDescription);
		for (const upn of holders(named)) expect(line.invoiceDescription).toContain(upn);
		expect(summary.notSynced.filter((item) => item.reasons.some((reason) => /subscriptions|usernames/.test(reason)))).toEqual([]);
		// A smaller term quantity may be a decrease the guards hold back; either way it is what the sync proposes.
		const heldTerm = summary.needsApproval.find((item) => item.agreementId === termed.agreementId && item.product === termed.productIdentifier);
		expect(heldTerm?.after ?? managedLines(termed)[0].quantity).toBe(termQuantity);

		const again = await syncNow({ everyone: true });
		expect(again.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
	});

	function expectLine(line: ExpectedLine): void {
		const managed = managedLines(line);
		expect(managed).toHaveLength(1);
		expect(managed[0]).toMatchObject({ quantity: line.quantity, invoiceDescription: line.invoiceDescription, billCustomer: 'Billable' });
	}
});
