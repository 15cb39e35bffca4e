/*
 * The daily sync split into batches on n8n queue mode (issue #17): the same data synced by one
 * worker and by two workers (Postgres + Redis on loopback, the e2e harness), wall time of Sync now
 * for everyone from the same PSA, plus the same instance without batches (one execution) for
 * comparison. BENCH_QUEUE_TENANTS (default 1,000), BENCH_QUEUE_BATCH_SIZE (default 100),
 * BENCH_QUEUE_CONCURRENCY per worker (default 4), BENCH_QUEUE_LATENCY_MS per API call (default 30).
 * Opt-in (starts Postgres, Redis and n8n twice; minutes): `npm run bench -- queue`.
 */
import os from 'node:os';

import { startSandbox, type Sandbox } from '../sandbox';
import type { N8nServer, WorkflowJson } from '../tests/e2e/harness';
import { seedScenario } from '../tests/e2e/support/dataTables';
import { startQueueModeN8n, type QueueModeN8n } from '../tests/e2e/support/queueMode';
import { withSyncSettings } from '../tests/e2e/support/safety';
import { buildScenario } from '../tests/e2e/templates/scenario';
import { CORE_ID, credentialsFor, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from '../tests/e2e/templates/templates';
import { postJson } from './support/longPost';

const TENANTS = Number(process.env.BENCH_QUEUE_TENANTS ?? 1000);
const BATCH_SIZE = Number(process.env.BENCH_QUEUE_BATCH_SIZE ?? 100);
const CONCURRENCY = Number(process.env.BENCH_QUEUE_CONCURRENCY ?? 4);
const LATENCY_MS = Number(process.env.BENCH_QUEUE_LATENCY_MS ?? 30);
const SEED = 7;
const TIMEOUT_MS = 30 * 60 * 1000;
const SETTINGS = { lockSettleSeconds: 1, lockPollSeconds: 1, batchPollSeconds: 1, batchWaitSeconds: 1500 };

const selected = process.argv.slice(2).some((filter) => 'queue.bench.js'.includes(filter));

interface Answer {
	status: string;
	counts: Record<string, number>;
	batches?: Array<{ status: string }>;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function syncAll(n8n: N8nServer): Promise<{ wallMs: number; answer: Answer }> {
	const started = performance.now();
	const response = await postJson(`${n8n.baseUrl}/webhook/m365-sync-now`, { everyone: true }, { [WEBHOOK_HEADER]: WEBHOOK_SECRET }, TIMEOUT_MS);
	const wallMs = performance.now() - started;
	const answer = response.body as Answer;
	if (response.status !== 200 || !answer?.counts) throw new Error(`Sync now answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
	return { wallMs, answer };
}

async function setBatchSize(n8n: N8nServer, batchSize: number): Promise<void> {
	const core = withSyncSettings(loadTemplate('m365-license-sync-core.json'), { ...SETTINGS, batchSize });
	await n8n.api.call('PUT', `/workflows/${CORE_ID}`, { name: core.name, nodes: core.nodes, connections: core.connections, settings: core.settings });
	await n8n.publishWorkflow(CORE_ID);
}

/** One queue-mode instance with `workers` workers: a sync without batches, then with batches, each from the seeded PSA. */
async function measure(sandbox: Sandbox, workers: number, withoutBatches: boolean): Promise<string[]> {
	const scenario = buildScenario(sandbox.state, TENANTS);
	const workflows: WorkflowJson[] = [
		{ ...withSyncSettings(loadTemplate('m365-license-sync-core.json'), { ...SETTINGS, batchSize: BATCH_SIZE }), active: true },
		{ ...loadTemplate('m365-sync-now.json'), active: true },
		{ ...loadTemplate('m365-sync-batch.json'), active: true },
	];
	let queue: QueueModeN8n | undefined;
	const lines: string[] = [];
	try {
		queue = await startQueueModeN8n({ name: `bench-queue-${workers}`, credentials: credentialsFor(sandbox, workflows), workflows, workers: { count: workers, concurrency: CONCURRENCY } });
		const n8n = queue.n8n;
		await syncAll(n8n);
		await seedScenario(n8n, scenario);
		const runs: Array<[string, number]> = withoutBatches ? [['without batches (one execution)', 0], [`batches of ${BATCH_SIZE}`, BATCH_SIZE]] : [[`batches of ${BATCH_SIZE}`, BATCH_SIZE]];
		for (const [label, batchSize] of runs) {
			await setBatchSize(n8n, batchSize);
			sandbox.reset();
			const { wallMs, answer } = await syncAll(n8n);
			const done = (answer.batches ?? []).filter((batch) => batch.status === 'done').length;
			lines.push(
				`${workers} worker${workers > 1 ? 's' : ''} × concurrency ${CONCURRENCY}, ${label}: ${seconds(wallMs)} wall; ` +
					`${answer.counts.create} created, ${answer.counts.update} updated, ${answer.counts.unchanged} unchanged` +
					(answer.batches ? `; ${done} of ${answer.batches.length} batches done` : '') +
					` (load average ${os.loadavg()[0].toFixed(1)})`,
			);
			process.stdout.write(`${lines[lines.length - 1]}\n`);
		}
		lines.push(`  memory after: main ${n8n.memoryMb()} MB, workers ${n8n.workers.map((worker) => `${worker.memoryMb()} MB`).join(', ')}`);
	} finally {
		await queue?.stop();
	}
	return lines;
}

if (!selected) {
	test('queue mode (skipped)', () => {
		process.stdout.write('skipped: run `npm run bench -- queue` (starts Postgres, Redis and n8n in queue mode twice; minutes)\n');
	});
} else {
	test(`queue mode: ${TENANTS} tenants, 1 and 2 workers, ${LATENCY_MS} ms latency per call`, async () => {
		const cpus = os.cpus();
		process.stdout.write(`machine: ${cpus.length} CPUs (${cpus[0]?.model ?? '?'}), load average ${os.loadavg().map((n) => n.toFixed(2)).join(' / ')}\n`);
		const sandbox = await startSandbox({ tenants: TENANTS, seed: SEED, latencyMs: LATENCY_MS });
		try {
			const lines = [...(await measure(sandbox, 1, true)), ...(await measure(sandbox, 2, false))];
			process.stdout.write(`\n${lines.join('\n')}\n`);
		} finally {
			await sandbox.stop();
		}
	});
}
