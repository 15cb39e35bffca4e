/**
 * Billing safety of the shipped templates in a real n8n (issue #12): overlapping syncs, faults
 * and a killed n8n all end in the state one undisturbed sync reaches, every write is audited, a
 * read that failed is never data, and a link writes only to its own company's agreement.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { insertDataTableRows, seedScenario, updateDataTableRows } from './support/dataTables';
import { cwRequest } from './support/psaRequest';
import { clearDataTable, duplicateLines, faultConnectWise, prorateLines, psaLines, psaWrites, sleep, withSyncSettings } from './support/safety';
import { activeAdditions, buildScenario, MANAGED, type ExpectedLine, type Scenario } from './templates/scenario';
import { credentialsFor, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';
import { stopwatch, type SyncSummary } from './support/summary';

const AUTH = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };
/** Sync now for every customer: said explicitly (an empty request syncs nobody). */
const EVERYONE = { everyone: true };
/** Short enough that a lock left by a killed n8n expires within the test; long enough for any sync here. */
const LOCK = { lockTtlSeconds: 45, lockSettleSeconds: 1, lockPollSeconds: 1, lockWaitSeconds: 40 };

type Row = Record<string, unknown>;

const { timings, timed } = stopwatch();

describe('billing safety of the sync templates in n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let scenario: Scenario;
	/** The PSA after an undisturbed sync from the prepared state: what every disturbed run must end in. */
	let undisturbed: string[];
	let undisturbedApprovals: string[];

	const rows = async (table: string): Promise<Row[]> => await n8n.getDataTableRows(table);
	// The seeded PSA has conflicts of its own elsewhere: duplicates count only where the sync writes.
	const syncedAgreements = () => [...new Set(scenario.links.map((link) => Number(link.agreementId)))];
	/** Duplicates the sandbox seeds on purpose (a conflict the sync must report, not fix): not the sync's doing. */
	let seededDuplicates: string[] = [];
	const newDuplicates = () => duplicateLines(sandbox, syncedAgreements()).filter((line) => !seededDuplicates.includes(line));
	const managedLines = (line: ExpectedLine) => activeAdditions(sandbox.state, line.agreementId, line.productIdentifier).filter((a) => a.serialNumber === MANAGED);
	const callSyncNow = async (body: Record<string, unknown>) => await n8n.callWebhook('m365-sync-now', { body, headers: AUTH });
	const syncNow = async (body: Record<string, unknown>): Promise<SyncSummary> => {
		const response = await callSyncNow(body);
		expect(response.status).toBe(200);
		return response.body as SyncSummary;
	};
	/** The lines a run may write, the approvals it may queue and the audit rows, from the same starting point every time. */
	const preparePsa = async (): Promise<void> => {
		sandbox.reset();
		const existing = scenario.expected.flatMap((line) => managedLines(line).map((addition) => ({ line, addition })));
		const [removed, ...stale] = existing;
		sandbox.state.additions.splice(sandbox.state.additions.indexOf(removed.addition), 1);
		// Too low: an increase, with a prorate line where the agreement prorates.
		for (const { addition } of stale.slice(0, 4)) addition.quantity = Math.max(0, (addition.quantity ?? 0) - 2);
		// A hand-typed line for the held link's product: the sync must ask before adding its own.
		await cwRequest(sandbox, 'POST', `/finance/agreements/${scenario.held.agreementId}/additions`, {
			product: { id: sandbox.state.catalog.find((item) => item.identifier === scenario.held.productIdentifier)!.id },
			quantity: 1,
			billCustomer: 'Billable',
			invoiceDescription: 'typed by hand',
		});
		await clearDataTable(n8n, 'm365_approvals');
		await clearDataTable(n8n, 'm365_sync_audit');
		sandbox.requests.clear();
	};
	const approvalKeys = async (): Promise<string[]> => (await rows('m365_approvals')).map((row) => String(row.key)).sort();
	/** Every successful ConnectWise write has an audit row of this phase for its agreement (and its addition, for a change). */
	const unaudited = (audit: Row[]) =>
		psaWrites(sandbox).filter((write) => !audit.some((row) => row.agreementId === write.agreementId && (write.method !== 'PATCH' || row.additionId === write.additionId)));
	const expectConverged = async (): Promise<void> => {
		expect(newDuplicates()).toEqual([]);
		expect(psaLines(sandbox)).toEqual(undisturbed);
		const keys = await approvalKeys();
		expect(keys).toEqual([...new Set(keys)]);
		expect(keys).toEqual(undisturbedApprovals);
		expect(await rows('m365_sync_lock')).toEqual([]);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 16, seed: 11 });
		const built = buildScenario(sandbox.state, 5);
		scenario = { ...built, links: built.links.map((link) => ({ ...link, prorate: 'increases' })) };
		seededDuplicates = duplicateLines(sandbox, syncedAgreements());
		const workflows: WorkflowJson[] = [
			{ ...withSyncSettings(loadTemplate('m365-license-sync-core.json'), LOCK), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
			// Approving gives up on a busy lock quickly here, so its busy answer is tested in seconds.
			{ ...withSyncSettings(loadTemplate('m365-approve-changes.json'), { ...LOCK, lockWaitSeconds: 3 }), active: true },
		];
		n8n = await timed('n8nStart', async () => await startN8n({ name: 'safety', credentials: credentialsFor(sandbox, workflows), workflows }));
		await syncNow(EVERYONE);
		await seedScenario(n8n, scenario);
	});

	afterAll(async () => {
		if (n8n) {
			process.stdout.write(`e2e safety: ${JSON.stringify({ ...timings, server: n8n.timings, links: scenario?.links.length })}\n`);
			await n8n.stop();
		}
		await sandbox?.stop();
	});

	it('an undisturbed sync: the reference state, with prorate lines, a held change and complete audit rows', async () => {
		await preparePsa();

		const first = await timed('undisturbedSync', async () => await syncNow(EVERYONE));
		const second = await syncNow(EVERYONE);

		expect(first).toMatchObject({ status: 'ran', waitedSeconds: 0, timeZone: 'UTC' });
		expect(first.referenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(first.text).toContain(`for ${first.referenceDate} (UTC)`);
		expect(first.counts.failed).toBe(0);
		expect(first.counts.create + first.counts.update).toBeGreaterThanOrEqual(2);
		expect(second.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
		expect(prorateLines(sandbox)).toBeGreaterThan(0);
		expect(newDuplicates()).toEqual([]);
		const audit = await rows('m365_sync_audit');
		expect(audit.filter((row) => row.status !== 'applied')).toEqual([]);
		expect(audit).toHaveLength(first.counts.create + first.counts.update);
		expect(audit.every((row) => row.runId && row.key && row.lineKey && String(row.after).includes('"quantity"'))).toBe(true);
		expect(unaudited(audit)).toEqual([]);
		undisturbed = psaLines(sandbox);
		undisturbedApprovals = await approvalKeys();
		expect(undisturbedApprovals.length).toBeGreaterThanOrEqual(1);
		expect(await rows('m365_sync_lock')).toEqual([]);
	});

	it('two Sync now calls at once end as one sync would: the second waits for the lock, then finds nothing to do', async () => {
		await preparePsa();
		sandbox.faults.latency('cw', 30);

		const [a, b] = await timed('twoSyncsAtOnce', async () => await Promise.all([callSyncNow(EVERYONE), callSyncNow(EVERYONE)]));
		sandbox.faults.clear();

		const answers = [a, b].map((response) => response.body as SyncSummary);
		expect(answers.map((answer) => answer.status).sort()).toEqual(['ran', 'ran']);
		const [firstRun, secondRun] = [...answers].sort((x, y) => x.waitedSeconds - y.waitedSeconds);
		expect(firstRun.waitedSeconds).toBe(0);
		expect(secondRun.waitedSeconds).toBeGreaterThan(0);
		expect(secondRun.text).toContain('Waited');
		expect(secondRun.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
		await expectConverged();
		const audit = await rows('m365_sync_audit');
		expect(audit.filter((row) => row.status === 'applied')).toHaveLength(firstRun.counts.create + firstRun.counts.update);
		expect(unaudited(audit)).toEqual([]);
	});

	it('answers busy, reading and writing nothing, when another sync holds the lock longer than it may wait', async () => {
		// A lock row of a sync that is still running elsewhere (another worker): live, older than any new row.
		await insertDataTableRows(n8n, 'm365_sync_lock', [{ owner: 'other-worker-1', workflow: 'M365 License Sync — core', startedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 600_000).toISOString() }]);
		const before = psaLines(sandbox);
		sandbox.requests.clear();
		try {
			const response = await timed('busy', async () => await callSyncNow({ companyId: scenario.expected[0].companyId }));
			// Sync now may answer busy as 409 (the webhook's choice); the core's answer is the same.
			expect([200, 409]).toContain(response.status);
			const body = response.body as { status: string; message?: string; text?: string };
			expect(body.status).toBe('busy');
			expect(String(body.message ?? body.text)).toContain('Another sync is running (execution other-worker-1');
			expect(sandbox.requests.list().filter((record) => record.service === 'cw' || record.service === 'partnercenter')).toEqual([]);
			expect(psaLines(sandbox)).toEqual(before);
			// The busy run removed its own row, not the holder's.
			expect((await rows('m365_sync_lock')).map((row) => row.owner)).toEqual(['other-worker-1']);
		} finally {
			await clearDataTable(n8n, 'm365_sync_lock');
		}
	}, 200_000);

	it('converges to the undisturbed state at a 30 % fault rate on ConnectWise, with every write audited', async () => {
		await preparePsa();
		faultConnectWise(sandbox, 0.3, 12);

		const runs: SyncSummary[] = [];
		await timed('faultedSyncs', async () => {
			// Each run retries what failed before; at 30 % it takes 3 to 6 runs here, the bound leaves room for an unlucky draw.
			for (let run = 0; run < 8; run++) {
				const summary = await syncNow(EVERYONE);
				runs.push(summary);
				if (summary.counts.failed === 0 && summary.counts.couldNotRead === 0 && summary.counts.create + summary.counts.update === 0) break;
			}
		});
		const faulted = sandbox.requests.list().filter((record) => record.fault).length;
		sandbox.faults.clear();
		const settled = await syncNow(EVERYONE);

		expect(faulted).toBeGreaterThan(0);
		expect(settled.counts).toMatchObject({ create: 0, update: 0, failed: 0, couldNotRead: 0 });
		const audit = await rows('m365_sync_audit');
		expect(unaudited(audit)).toEqual([]);
		expect(audit.filter((row) => row.status === 'started')).toEqual([]);
		// Failed writes are audited with the error and the values they meant to write.
		for (const row of audit.filter((r) => r.status === 'failed')) {
			expect(String(row.result)).not.toBe('');
			expect(String(row.after)).toContain('"quantity"');
		}
		process.stdout.write(`e2e safety faults: ${JSON.stringify({ runs: runs.map((r) => r.counts), faulted })}\n`);
		await expectConverged();
	});

	it('converges after n8n is killed in the middle of Apply: the lock expires, leftover intents become interrupted', async () => {
		await preparePsa();
		sandbox.faults.latency((endpoint) => /^cw (POST|PATCH) /.test(endpoint), 400);
		const started = Date.now();
		const pending = callSyncNow(EVERYONE).catch((error: unknown) => error);
		while (psaWrites(sandbox).length < 2) {
			if (Date.now() - started > 120_000) throw new Error('the sync wrote nothing within 2 minutes');
			await sleep(20);
		}
		await n8n.kill();
		const killedAfter = Date.now() - started;
		await pending;
		await sleep(500);
		sandbox.faults.clear();
		const writesBeforeKill = psaWrites(sandbox);

		await timed('restart', async () => await n8n.restart());
		const leftover = await rows('m365_sync_audit');
		expect(leftover.some((row) => row.status === 'started')).toBe(true);
		expect(unaudited(leftover)).toEqual([]);
		expect((await rows('m365_sync_lock')).length).toBe(1);

		const answer = await timed('syncAfterKill', async () => {
			for (;;) {
				const response = await callSyncNow(EVERYONE);
				// Webhooks come back once n8n has re-published the workflows after the restart.
				if (response.status !== 404) return response;
				await sleep(500);
			}
		});
		expect(answer.status).toBe(200);
		const afterKill = answer.body as SyncSummary;
		expect(afterKill.status).toBe('ran');
		expect(afterKill.counts.failed).toBe(0);
		const again = await syncNow(EVERYONE);
		expect(again.counts).toMatchObject({ create: 0, update: 0, failed: 0 });

		const audit = await rows('m365_sync_audit');
		expect(audit.filter((row) => row.status === 'started')).toEqual([]);
		const interrupted = audit.filter((row) => row.status === 'interrupted');
		expect(interrupted.length).toBeGreaterThan(0);
		expect(String(interrupted[0].result)).toContain('re-read the PSA');
		expect(unaudited(audit)).toEqual([]);
		process.stdout.write(`e2e safety kill: ${JSON.stringify({ killedAfterMs: killedAfter, writesBeforeKill: writesBeforeKill.length, waitedSeconds: afterKill.waitedSeconds })}\n`);
		await expectConverged();
	}, 400_000);

	it('writes nothing for an agreement whose lines could not be read, and says why', async () => {
		const line = scenario.expected[0];
		const [managed] = managedLines(line);
		managed.quantity = Math.max(0, (managed.quantity ?? 0) - 1);
		const approvalsBefore = await rows('m365_approvals');
		const before = psaLines(sandbox);
		sandbox.requests.clear();
		sandbox.faults.serverError('cw GET /finance/agreements/{id}/additions', { count: 1000 });

		const summary = await syncNow({ companyId: line.companyId });
		sandbox.faults.clear();

		expect(psaWrites(sandbox)).toEqual([]);
		expect(psaLines(sandbox)).toEqual(before);
		expect(summary.couldNotRead).toEqual(expect.arrayContaining([expect.objectContaining({ agreementId: line.agreementId, error: expect.stringMatching(/503|unavailable/i) })]));
		expect(summary.text).toContain(`could not read lines of agreement ${line.agreementId}`);
		expect(summary.counts.create + summary.counts.update + summary.counts.needsApproval).toBe(0);
		// License Reconcile reports each link of that agreement as readFailed (contract C1).
		expect(summary.notSynced).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'readFailed', agreementId: line.agreementId })]));
		expect(await rows('m365_approvals')).toEqual(approvalsBefore);
	});

	it('creates and supersedes no approval when Partner Center cannot be read', async () => {
		const approvalsBefore = await rows('m365_approvals');
		expect(approvalsBefore.some((row) => row.status === 'pending' && row.tenantId === scenario.held.tenantId)).toBe(true);
		const before = psaLines(sandbox);

		sandbox.faults.serverError('partnercenter GET /v1/customers/{id}/subscribedskus', { count: 1000 });
		sandbox.requests.clear();
		const oneTenant = await syncNow({ tenantId: scenario.held.tenantId });
		const everyone = await syncNow(EVERYONE);
		sandbox.faults.clear();

		expect(psaWrites(sandbox)).toEqual([]);
		expect(psaLines(sandbox)).toEqual(before);
		expect(oneTenant.couldNotRead).toEqual([expect.objectContaining({ tenantId: scenario.held.tenantId, error: expect.any(String) })]);
		expect(everyone.couldNotRead.length).toBeGreaterThanOrEqual(new Set(scenario.links.map((link) => link.tenantId)).size);
		for (const summary of [oneTenant, everyone]) {
			expect(summary.counts).toMatchObject({ create: 0, update: 0, needsApproval: 0 });
			expect(summary.notSynced.filter((item) => item.action === 'readFailed').length).toBeGreaterThan(0);
		}
		expect(await rows('m365_approvals')).toEqual(approvalsBefore);
	});

	describe('companies', () => {
		const otherCompanyAgreement = (line: ExpectedLine) => {
			const mapped = new Set(scenario.companyMap.map((row) => row.companyId));
			const agreement = sandbox.state.agreements.find((a) => a.type?.id === 1 && a.agreementStatus === 'Active' && !mapped.has(a.company!.id) && !sandbox.state.additions.some((addition) => addition.agreementId === a.id && !addition.cancelledDate && (addition.serialNumber?.startsWith(MANAGED) || addition.product?.identifier === line.productIdentifier)));
			if (!agreement) throw new Error('seed 11 has no agreement of an unmapped company to use: choose another seed');
			return { agreementId: agreement.id, companyId: agreement.company!.id, companyName: agreement.company!.name! };
		};
		const linkOf = (line: ExpectedLine) => scenario.links.find((link) => link.tenantId === line.tenantId && link.agreementId === line.agreementId && link.billingProfile === `M365 ${line.productIdentifier}`)!;
		const additionsOf = (agreementId: number) => JSON.stringify(sandbox.state.additions.filter((a) => a.agreementId === agreementId));

		it("never writes a link to another company's agreement: Not Synced, both companies named", async () => {
			const line = scenario.expected[0];
			const other = otherCompanyAgreement(line);
			const before = additionsOf(other.agreementId);
			await insertDataTableRows(n8n, 'm365_license_links', [{ ...linkOf(line), agreementId: other.agreementId }]);

			try {
				const summary = await syncNow(EVERYONE);

				expect(additionsOf(other.agreementId)).toBe(before);
				const refused = summary.notSynced.find((item) => item.agreementId === other.agreementId);
				expect(refused).toBeDefined();
				const reason = refused!.reasons.join(' ');
				expect(reason).toContain(String(other.companyId));
				expect(reason).toContain(String(line.companyId));
				expect(summary.changes.filter((change) => change.agreementId === other.agreementId)).toEqual([]);
			} finally {
				await n8n.api.call('DELETE', `/data-tables/${await tableIdOf('m365_license_links')}/rows/delete?filter=${encodeURIComponent(JSON.stringify({ type: 'and', filters: [{ columnName: 'agreementId', condition: 'eq', value: other.agreementId }] }))}`);
			}
		});

		it('with one tenant mapped to two companies, Sync now for one company touches only its agreements; a link naming no company is not synced', async () => {
			const line = scenario.expected[0];
			const other = otherCompanyAgreement(line);
			const ownAgreements = [...new Set(scenario.expected.filter((l) => l.companyId === line.companyId).map((l) => l.agreementId))];
			await insertDataTableRows(n8n, 'm365_company_map', [{ tenantId: line.tenantId, companyId: other.companyId, companyName: other.companyName, method: 'manual' }]);
			await updateDataTableRows(n8n, 'm365_license_links', { tenantId: line.tenantId }, { companyId: line.companyId });
			await insertDataTableRows(n8n, 'm365_license_links', [{ ...linkOf(line), agreementId: other.agreementId, companyId: other.companyId }]);
			const otherBefore = additionsOf(other.agreementId);

			const forOwn = await syncNow({ companyId: line.companyId });

			expect(additionsOf(other.agreementId)).toBe(otherBefore);
			expect(forOwn.changes.filter((change) => change.agreementId === other.agreementId)).toEqual([]);
			const ownBefore = ownAgreements.map(additionsOf);

			const forOther = await syncNow({ companyId: other.companyId });

			expect(ownAgreements.map(additionsOf)).toEqual(ownBefore);
			expect(forOther.changes).toEqual([expect.objectContaining({ action: 'create', applied: true, agreementId: other.agreementId, product: line.productIdentifier })]);
			expect(activeAdditions(sandbox.state, other.agreementId, line.productIdentifier).filter((a) => a.serialNumber === MANAGED)).toHaveLength(1);

			// The same tenant's link without a company: never a guess between the two.
			await updateDataTableRows(n8n, 'm365_license_links', { tenantId: line.tenantId, agreementId: other.agreementId }, { companyId: null });
			const ambiguous = await syncNow({ companyId: other.companyId });
			expect(ambiguous.changes).toEqual([]);
			expect(ambiguous.notSynced).toEqual(expect.arrayContaining([expect.objectContaining({ agreementId: other.agreementId, reasons: [expect.stringMatching(new RegExp(`mapped to companies .*${other.companyId}.*the link names none`))] })]));
		});
	});

	it('approving takes the same lock: busy while a sync runs, then applied with a complete audit row', async () => {
		await preparePsa();
		await syncNow(EVERYONE);
		const held = (await rows('m365_approvals')).find((row) => row.status === 'pending' && row.agreementId === scenario.held.agreementId)!;
		expect(held).toBeDefined();
		const before = psaLines(sandbox);
		await insertDataTableRows(n8n, 'm365_sync_lock', [{ owner: 'daily-sync-7', workflow: 'M365 License Sync — core', startedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 600_000).toISOString() }]);

		const busy = await n8n.callWebhook('m365-approve-changes', { body: { addSecond: [held.key], decidedBy: 'e2e' }, headers: AUTH });
		await clearDataTable(n8n, 'm365_sync_lock');

		expect([200, 409]).toContain(busy.status);
		expect(busy.body).toMatchObject({ status: 'busy', applied: [], runningSync: { execution: 'daily-sync-7' } });
		expect(psaLines(sandbox)).toEqual(before);
		expect((await rows('m365_approvals')).find((row) => row.key === held.key)).toMatchObject({ status: 'pending' });

		const approved = await n8n.callWebhook('m365-approve-changes', { body: { addSecond: [held.key], decidedBy: 'e2e' }, headers: AUTH });

		expect(approved.body).toMatchObject({ status: 'ran', applied: [expect.objectContaining({ key: held.key, applied: true })] });
		const audit = (await rows('m365_sync_audit')).filter((row) => row.key === held.key);
		expect(audit).toEqual([expect.objectContaining({ status: 'applied', action: 'create', runId: expect.any(String), reason: expect.stringContaining('approved by e2e'), after: expect.stringContaining('"quantity"') })]);
		expect(unaudited(await rows('m365_sync_audit'))).toEqual([]);
		expect(await rows('m365_sync_lock')).toEqual([]);
	});

	async function tableIdOf(table: string): Promise<string> {
		const tables = await n8n.api.listAll<{ id: string; name: string }>('/data-tables', { filter: JSON.stringify({ name: table }) });
		return tables.find((candidate) => candidate.name === table)!.id;
	}
});
