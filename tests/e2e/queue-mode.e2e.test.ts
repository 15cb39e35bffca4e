/**
 * n8n queue mode (issue #17): a main and two workers sharing PostgreSQL (Data Tables included)
 * and Redis, the package installed on each. The sync run by the workers ends in the PSA state a
 * single n8n process reaches from the same seed, and syncs on different workers share the lock
 * (README "One sync at a time"), even when Postgres makes a lock row visible late.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { seedScenario } from './support/dataTables';
import { cwRequest } from './support/psaRequest';
import { dataTableSqlName, delayNextInsertCommit, removeInsertDelay, startQueueModeN8n, type QueueModeN8n } from './support/queueMode';
import { clearDataTable, duplicateLines, prorateLines, psaLines, psaWrites, sleep, withSyncSettings } from './support/safety';
import { buildScenario, type Scenario } from './templates/scenario';
import { credentialsFor, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';
import { stopwatch, type SyncSummary } from './support/summary';

const TENANTS = 200;
const SEED = 7;
const EVERYONE = { everyone: true };
const AUTH = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };
/** Polls every second so a waiting sync notices the release quickly; waits long enough for any sync here. */
const LOCK = { lockSettleSeconds: 1, lockPollSeconds: 1, lockWaitSeconds: 90 };
const SYNC_NOW_ID = loadTemplate('m365-sync-now.json').id as string;


const { timings, timed } = stopwatch();

describe('queue mode: a main and two workers on Postgres and Redis', () => {
	let sandbox: Sandbox;
	let scenario: Scenario;
	let workflows: WorkflowJson[];
	let queue: QueueModeN8n;
	let n8n: N8nServer;
	/** Duplicate lines the seeded PSA has on synced agreements before any sync (products nobody links): a sync must add none. */
	let seededDuplicates: string[] = [];
	/** What one sync in a single n8n process (SQLite, regular mode) leaves from the prepared PSA. */
	const reference = { lines: [] as string[], approvals: [] as string[], counts: {} as SyncSummary['counts'] };

	const syncNow = async (server: N8nServer): Promise<SyncSummary> => {
		const response = await server.callWebhook('m365-sync-now', { body: EVERYONE, headers: AUTH });
		if (response.status !== 200) throw new Error(`Sync now answered ${response.status}: ${JSON.stringify(response.body)}`);
		return response.body as SyncSummary;
	};
	const approvalKeys = async (server: N8nServer): Promise<string[]> => (await server.getDataTableRows('m365_approvals')).map((row) => String(row.key)).sort();
	const syncedAgreements = (): number[] => [...new Set(scenario.links.map((link) => Number(link.agreementId)))];
	/** The seeded PSA plus a hand-typed line for the held link's product (the sync must ask before adding its own); no approvals or audit rows yet. */
	const preparePsa = async (server: N8nServer): Promise<void> => {
		sandbox.reset();
		await cwRequest(sandbox, 'POST', `/finance/agreements/${scenario.held.agreementId}/additions`, {
			product: { id: sandbox.state.catalog.find((item) => item.identifier === scenario.held.productIdentifier)!.id },
			quantity: 1,
			billCustomer: 'Billable',
			invoiceDescription: 'typed by hand',
		});
		await clearDataTable(server, 'm365_approvals');
		await clearDataTable(server, 'm365_sync_audit');
		sandbox.requests.clear();
		seededDuplicates = duplicateLines(sandbox, syncedAgreements());
	};
	/** The Sync now executions, newest last, each with the worker whose log says it ran it. */
	const syncNowRuns = async (): Promise<Array<{ id: string; worker: string | undefined }>> => {
		const executions = await n8n.listExecutions({ workflowId: SYNC_NOW_ID });
		return executions
			.map((execution) => execution.id)
			.sort((a, b) => Number(a) - Number(b))
			.map((id) => ({ id, worker: n8n.workers.find((worker) => worker.executionIds().includes(id))?.name }));
	};
	const expectSameStateAsOneSync = async (): Promise<void> => {
		expect(duplicateLines(sandbox, syncedAgreements())).toEqual(seededDuplicates);
		expect(psaLines(sandbox)).toEqual(reference.lines);
		const keys = await approvalKeys(n8n);
		expect(keys).toEqual(reference.approvals);
		expect(await n8n.getDataTableRows('m365_sync_lock')).toEqual([]);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: TENANTS, seed: SEED });
		const built = buildScenario(sandbox.state, TENANTS);
		// Prorated increases: the runs also write prorate lines, which must not be doubled either.
		scenario = { ...built, links: built.links.map((link) => ({ ...link, prorate: 'increases' })) };
		workflows = [
			{ ...withSyncSettings(loadTemplate('m365-license-sync-core.json'), LOCK), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
		];
		const credentials = credentialsFor(sandbox, workflows);

		// The reference: the same templates, configuration and PSA in one regular n8n process.
		const single = await timed('singleProcessStart', async () => await startN8n({ name: 'queue-mode-reference', credentials, workflows }));
		try {
			await syncNow(single);
			await seedScenario(single, scenario);
			await preparePsa(single);
			reference.counts = (await timed('singleProcessSync', async () => await syncNow(single))).counts;
			reference.lines = psaLines(sandbox);
			reference.approvals = await approvalKeys(single);
		} finally {
			await single.stop();
		}

		queue = await timed('queueModeStart', async () => await startQueueModeN8n({ name: 'queue-mode', credentials, workflows, workers: { count: 2, concurrency: 1 } }));
		n8n = queue.n8n;
	});

	afterAll(async () => {
		const memory = n8n ? { mainMb: n8n.memoryMb(), workersMb: n8n.workers.map((worker) => worker.memoryMb()) } : {};
		process.stdout.write(`e2e queue-mode: ${JSON.stringify({ ...timings, ...memory, server: n8n?.timings, tenants: TENANTS, links: scenario?.links.length })}\n`);
		await queue?.stop();
		await sandbox?.stop();
	});

	it('the workers run the sync to the PSA state of a single n8n process on the same seed; a second run writes nothing', async () => {
		expect(reference.counts.failed).toBe(0);
		expect(reference.counts.create + reference.counts.update).toBeGreaterThan(20);
		expect(reference.counts.needsApproval).toBeGreaterThanOrEqual(1);

		// The first run creates the Data Tables in Postgres; then the same configuration goes in.
		await syncNow(n8n);
		await seedScenario(n8n, scenario);
		await preparePsa(n8n);
		const first = await timed('queueModeSync', async () => await syncNow(n8n));
		sandbox.requests.clear();
		const second = await timed('queueModeSecondSync', async () => await syncNow(n8n));

		expect(first.counts).toEqual(reference.counts);
		expect(prorateLines(sandbox)).toBeGreaterThan(0);
		await expectSameStateAsOneSync();
		// Tenants the seed cannot read (no GDAP role) stay unread, never written.
		expect(second.counts).toMatchObject({ create: 0, update: 0, failed: 0, couldNotRead: reference.counts.couldNotRead });
		expect(psaWrites(sandbox)).toEqual([]);
		expect(await approvalKeys(n8n)).toEqual(reference.approvals);
		// Every run was a worker's: the main only received the webhooks.
		const runs = await syncNowRuns();
		expect(runs).toHaveLength(3);
		expect(runs.filter((run) => !run.worker)).toEqual([]);
	});

	it('two Sync now calls at once run on the two workers and end as one sync would: the second waits for the lock', async () => {
		await preparePsa(n8n);
		sandbox.faults.latency('*', 30);

		const answers = await timed('twoSyncsAtOnce', async () => await Promise.all([syncNow(n8n), syncNow(n8n)]));
		sandbox.faults.clear();

		const [firstRun, secondRun] = [...answers].sort((x, y) => x.waitedSeconds - y.waitedSeconds);
		expect(firstRun).toMatchObject({ status: 'ran', waitedSeconds: 0 });
		expect(firstRun.counts).toEqual(reference.counts);
		// The second waited until the first released the lock, then found nothing left to write.
		expect(secondRun.status).toBe('ran');
		expect(secondRun.waitedSeconds).toBeGreaterThan(0);
		expect(secondRun.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
		await expectSameStateAsOneSync();
		const [a, b] = (await syncNowRuns()).slice(-2);
		expect([a.worker, b.worker].sort()).toEqual(['worker-1', 'worker-2']);
	});

	it('only one sync runs when Postgres makes a lock row visible after a later one (its commit stalled after the id was taken)', async () => {
		await preparePsa(n8n);
		// Slow enough that the later call still holds the lock when the stalled row shows (3 s):
		// at 30 ms the whole sync can end before then, and the two never meet.
		sandbox.faults.latency('*', 150);
		const lockTable = await dataTableSqlName(n8n, 'm365_sync_lock');
		// The first call's lock row gets the lower id but becomes visible 3 s later, after the
		// second call has inserted, settled (1 s) and read the table.
		delayNextInsertCommit(queue.services, lockTable, 3);
		try {
			const answers = await timed('stalledLockInsert', async () => {
				const first = syncNow(n8n);
				await sleep(400);
				return await Promise.all([first, syncNow(n8n)]);
			});
			sandbox.faults.clear();

			const [firstRun, secondRun] = [...answers].sort((x, y) => x.waitedSeconds - y.waitedSeconds);
			expect(answers.map((answer) => answer.status)).toEqual(['ran', 'ran']);
			expect(firstRun.waitedSeconds).toBe(0);
			expect(secondRun.waitedSeconds).toBeGreaterThan(0);
			expect(secondRun.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
			await expectSameStateAsOneSync();
		} finally {
			removeInsertDelay(queue.services, lockTable);
		}
	});
});
