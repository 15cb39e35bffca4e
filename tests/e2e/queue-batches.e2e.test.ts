/**
 * A sync split into batches of tenants (issue #17): with `batchSize` in the core's Sync settings the
 * run holds the lock, starts one execution per batch through the M365 Sync batch webhook, waits for
 * them through m365_sync_batches and answers one summary. In one regular n8n process the batches are
 * executions of that process; in queue mode (a main and two workers on Postgres and Redis) the
 * workers share them. Both end in the PSA state of the same sync without batches.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { seedScenario } from './support/dataTables';
import { cwRequest } from './support/psaRequest';
import { startQueueModeN8n, type QueueModeN8n } from './support/queueMode';
import { clearDataTable, duplicateLines, prorateLines, psaLines, psaWrites, withSyncSettings } from './support/safety';
import { buildScenario, type Scenario } from './templates/scenario';
import { credentialsFor, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';
import { stopwatch, type SyncSummary } from './support/summary';

const TENANTS = 300;
const SEED = 13;
const AUTH = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };
const LOCK = { lockSettleSeconds: 1, lockPollSeconds: 1, lockWaitSeconds: 90 };
/** A few batches for the configured tenants; the parent looks every second. */
const BATCHES = { batchSize: 45, batchPollSeconds: 1, batchWaitSeconds: 300 };
const CORE = loadTemplate('m365-license-sync-core.json');
const CORE_ID = CORE.id as string;
const BATCH_ID = loadTemplate('m365-sync-batch.json').id as string;
const SYNC_NOW_ID = loadTemplate('m365-sync-now.json').id as string;

type BatchedSummary = Omit<SyncSummary, 'status' | 'counts'> & {
	status: 'ran' | 'incomplete' | 'busy';
	counts: SyncSummary['counts'] & { couldNotSync?: number };
	couldNotSync: Array<{ tenantId: string; batchNo: number; reason: string }>;
	batches: Array<{ batchNo: number; tenants: number; status: string; executionId: string | null; error: string | null }>;
	outcome: { status: string; changes: number; held: number; notSynced: number; failed: number };
};

const { timings, timed } = stopwatch();

/** The daily sync template with a plain webhook instead of its 06:00 schedule, to run it now. */
function dailyStartedByWebhook(): WorkflowJson {
	const daily = loadTemplate('m365-daily-license-sync.json');
	const nodes = daily.nodes as Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; webhookId?: string }>;
	const trigger = nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger')!;
	Object.assign(trigger, { type: 'n8n-nodes-base.webhook', typeVersion: 2, parameters: { httpMethod: 'POST', path: 'e2e-daily-sync', responseMode: 'onReceived', options: {} }, webhookId: 'e2e-daily-sync' });
	return { ...daily, name: 'e2e daily sync (webhook)' };
}

describe('a sync in batches of tenants, in one n8n process and on queue-mode workers', () => {
	let sandbox: Sandbox;
	let scenario: Scenario;
	let queue: QueueModeN8n;
	let n8n: N8nServer;
	let seededDuplicates: string[] = [];
	/** One sync without batches in a regular n8n process, from the prepared PSA. */
	const reference = { lines: [] as string[], approvals: [] as string[], counts: {} as SyncSummary['counts'] };
	/** The same sync with batches in the same regular process. */
	const singleProcessBatched = { lines: [] as string[], approvals: [] as string[], summary: undefined as BatchedSummary | undefined };

	/** Sync now calls on the queue-mode instance so far: each is one execution. */
	let syncNowCalls = 0;
	const syncNow = async (server: N8nServer): Promise<BatchedSummary> => {
		if (server === n8n) syncNowCalls++;
		const response = await server.callWebhook('m365-sync-now', { body: { everyone: true }, headers: AUTH });
		if (response.status !== 200) throw new Error(`Sync now answered ${response.status}: ${JSON.stringify(response.body)}`);
		return response.body as BatchedSummary;
	};
	const approvalKeys = async (server: N8nServer): Promise<string[]> => (await server.getDataTableRows('m365_approvals')).map((row) => String(row.key)).sort();
	const syncedAgreements = (): number[] => [...new Set(scenario.links.map((link) => Number(link.agreementId)))];
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
	/** The custom execution data of Sync now's newest execution (saved just after it answered). */
	const latestCustomData = async (workflowId: string): Promise<Record<string, string> | undefined> => {
		const finished = await n8n.waitForExecutions(workflowId, syncNowCalls);
		const [newest] = finished.sort((a, b) => Number(b.id) - Number(a.id));
		return (await n8n.api.call<{ customData?: Record<string, string> }>('GET', `/executions/${newest.id}?includeData=true`)).customData;
	};
	/** Changes the core's Sync settings on a running server and publishes it again. */
	const setSyncSettings = async (server: N8nServer, values: Record<string, number | string>): Promise<void> => {
		const core = withSyncSettings(CORE, { ...LOCK, ...values });
		await server.api.call('PUT', `/workflows/${CORE_ID}`, { name: core.name, nodes: core.nodes, connections: core.connections, settings: core.settings });
		await server.publishWorkflow(CORE_ID);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: TENANTS, seed: SEED });
		const built = buildScenario(sandbox.state, TENANTS);
		scenario = { ...built, links: built.links.map((link) => ({ ...link, prorate: 'increases' })) };
		const workflows: WorkflowJson[] = [
			{ ...withSyncSettings(CORE, LOCK), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
			{ ...loadTemplate('m365-sync-batch.json'), active: true },
		];
		const credentials = credentialsFor(sandbox, workflows);

		// The queue-mode instance starts meanwhile (it touches no sandbox data until it syncs).
		const queueStart = Date.now();
		const queueStarting = startQueueModeN8n({
			name: 'queue-batches',
			credentials,
			workflows: [{ ...withSyncSettings(CORE, { ...LOCK, ...BATCHES }), active: true }, workflows[1], workflows[2]],
			// A run waiting for its batches keeps its worker slot: each worker needs more than one.
			workers: { count: 2, concurrency: 3 },
		});
		queueStarting.catch(() => undefined);
		let referenceDone = false;
		const single = await timed('singleProcessStart', async () => await startN8n({ name: 'queue-batches-reference', credentials, workflows }));
		try {
			await syncNow(single);
			await seedScenario(single, scenario);
			await preparePsa(single);
			reference.counts = (await timed('singleProcessSync', async () => await syncNow(single))).counts;
			reference.lines = psaLines(sandbox);
			reference.approvals = await approvalKeys(single);

			// The same process with batches (webhook executions of the same process).
			await setSyncSettings(single, BATCHES);
			await preparePsa(single);
			singleProcessBatched.summary = await timed('singleProcessBatchedSync', async () => await syncNow(single));
			singleProcessBatched.lines = psaLines(sandbox);
			singleProcessBatched.approvals = await approvalKeys(single);
			referenceDone = true;
		} finally {
			await single.stop();
			// Nothing to test on the queue-mode instance without the reference: stop it too.
			if (!referenceDone) await (await queueStarting.catch(() => undefined))?.stop();
		}

		queue = await queueStarting;
		timings.queueModeReadyAfter = Date.now() - queueStart;
		n8n = queue.n8n;
	});

	afterAll(async () => {
		const memory = n8n ? { mainMb: n8n.memoryMb(), workersMb: n8n.workers.map((worker) => worker.memoryMb()) } : {};
		process.stdout.write(`e2e queue-batches: ${JSON.stringify({ ...timings, ...memory, tenants: TENANTS, links: scenario?.links.length })}\n`);
		await queue?.stop();
		await sandbox?.stop();
	});

	it('in one regular n8n process, the batched sync ends in the state of the sync without batches', () => {
		const summary = singleProcessBatched.summary!;
		expect(reference.counts.failed).toBe(0);
		expect(reference.counts.create + reference.counts.update).toBeGreaterThan(20);
		expect(summary.status).toBe('ran');
		expect(summary.batches.length).toBeGreaterThanOrEqual(3);
		expect(summary.batches.every((batch) => batch.status === 'done')).toBe(true);
		expect(summary.counts).toEqual({ ...reference.counts, couldNotSync: 0 });
		expect(singleProcessBatched.lines).toEqual(reference.lines);
		expect(singleProcessBatched.approvals).toEqual(reference.approvals);
		expect(summary.outcome.status).toBe(reference.counts.couldNotRead > 0 ? 'failures' : 'heldForApproval');
	});

	it('on two queue-mode workers, the batches run on both and end in the same state; a second run writes nothing', async () => {
		await syncNow(n8n);
		await seedScenario(n8n, scenario);
		await preparePsa(n8n);
		const batchRunsBefore = (await n8n.listExecutions({ workflowId: BATCH_ID })).length;
		const first = await timed('queueModeBatchedSync', async () => await syncNow(n8n));
		sandbox.requests.clear();
		const second = await timed('queueModeSecondBatchedSync', async () => await syncNow(n8n));

		expect(first.status).toBe('ran');
		expect(first.counts).toEqual({ ...reference.counts, couldNotSync: 0 });
		expect(prorateLines(sandbox)).toBeGreaterThan(0);
		expect(duplicateLines(sandbox, syncedAgreements())).toEqual(seededDuplicates);
		expect(psaLines(sandbox)).toEqual(reference.lines);
		expect(await approvalKeys(n8n)).toEqual(reference.approvals);
		expect(second.counts).toMatchObject({ create: 0, update: 0, failed: 0, couldNotSync: 0, couldNotRead: reference.counts.couldNotRead });
		expect(psaWrites(sandbox)).toEqual([]);
		// Every audit row of the batches is there, under the batch that wrote it.
		const audit = await n8n.getDataTableRows('m365_sync_audit');
		expect(audit.filter((row) => row.status === 'applied')).toHaveLength(reference.counts.create + reference.counts.update);
		expect(new Set(audit.map((row) => String(row.runId))).size).toBeGreaterThan(1);

		// The batches were executions of their own, done by both workers; none is left behind.
		const batchRuns = (await n8n.listExecutions({ workflowId: BATCH_ID })).sort((a, b) => Number(a.id) - Number(b.id)).slice(batchRunsBefore);
		expect(batchRuns).toHaveLength(first.batches.length + second.batches.length);
		expect(batchRuns.filter((run) => run.status !== 'success')).toEqual([]);
		const workerOf = (id: string): string | undefined => n8n.workers.find((worker) => worker.executionIds().includes(id))?.name;
		expect([...new Set(batchRuns.slice(0, first.batches.length).map((run) => workerOf(run.id)))].sort()).toEqual(['worker-1', 'worker-2']);
		expect(await n8n.getDataTableRows('m365_sync_batches')).toEqual([]);
		expect(await n8n.getDataTableRows('m365_sync_lock')).toEqual([]);
		// The executions list shows each Sync now's outcome (n8n custom execution data).
		expect(await latestCustomData(SYNC_NOW_ID)).toEqual({
			status: second.outcome.status, changes: '0', held: String(second.outcome.held), notSynced: String(second.outcome.notSynced), failed: String(second.outcome.failed),
		});
		expect(first.outcome).toMatchObject({ changes: reference.counts.create + reference.counts.update, held: reference.counts.needsApproval });
	});

	it('a batch that cannot be started makes the run incomplete: its tenants "could not sync", nothing is written for them', async () => {
		await preparePsa(n8n);
		// No batch webhook answers there: every start fails at once.
		await setSyncSettings(n8n, { ...BATCHES, batchWebhookUrl: `${n8n.baseUrl}/webhook/m365-no-such-batch` });
		try {
			const run = await timed('unstartableBatches', async () => await syncNow(n8n));
			expect(run.status).toBe('incomplete');
			expect(run.counts).toMatchObject({ create: 0, update: 0, });
			expect(run.counts.couldNotSync).toBeGreaterThanOrEqual(reference.counts.tenants);
			expect(run.batches.every((batch) => batch.status === 'notStarted')).toBe(true);
			expect(run.text).toMatch(/tenants could not sync/);
			expect(run.outcome.status).toBe('failures');
			expect(await latestCustomData(SYNC_NOW_ID)).toMatchObject({ status: 'failures', changes: '0' });
			expect(psaWrites(sandbox)).toEqual([]);
			expect(await n8n.getDataTableRows('m365_sync_lock')).toEqual([]);

			// The daily sync (its schedule swapped for a webhook): it records the outcome, then ends as failed.
			const daily = await n8n.importWorkflow(dailyStartedByWebhook());
			expect((await n8n.callWebhook('e2e-daily-sync', { body: {} })).status).toBe(200);
			const [dailyRun] = await n8n.waitForExecutions(daily.id, 1, 120000);
			expect(dailyRun.status).toBe('error');
			const details = await n8n.api.call<{ customData?: Record<string, string>; data?: unknown }>('GET', `/executions/${dailyRun.id}?includeData=true`);
			expect(details.customData).toMatchObject({ status: 'failures', changes: '0' });
			expect(JSON.stringify(details.data)).toMatch(/The daily license sync had failures \(sync incomplete: 0 changes/);
			expect(psaWrites(sandbox)).toEqual([]);
		} finally {
			await setSyncSettings(n8n, BATCHES);
		}
	});
});
