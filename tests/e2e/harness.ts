/**
 * End-to-end harness: a real n8n 2.41.1 server (SQLite, loopback, temp user folder) with the
 * built package installed as a user's Community Nodes install would, an owner, and an API key.
 */
import { ChildProcess, execFileSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';

import { ensureRuntime, type N8nRuntime } from '../../scripts/n8n-runtime';
import { installCommunityPackage, packageRootUnderTest, packBuiltPackage, REPO_ROOT } from './communityPackage';
import { PublicApi, setupOwnerAndApiKey, waitForPublication } from './n8nClient';
import { freePort, killProcessTree, n8nEnv, runN8nCli, spawnN8n, stopProcessTree, waitUntilReady } from './n8nProcess';

/** Prefix of our node types in workflows: `<package name>.<nodeName>`, as users get them. */
export const NODE_TYPE_PREFIX = 'n8n-nodes-m365-license-sync';

/** A workflow as n8n exports it (only the fields the harness looks at are typed). */
export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface CredentialJson {
	/** Kept when imported before start (CLI); assigned by n8n when imported through the API. */
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface StartOptions {
	/** Names the log copied to test-artifacts/e2e/<name>.log on stop. */
	name?: string;
	/** Imported with `n8n import:credentials` before start: ids are kept. */
	credentials?: CredentialJson[];
	/** Imported with `n8n import:workflow` before start (ids kept); `active: true` ones are published once the server is up. */
	workflows?: WorkflowJson[];
	/** Extra environment for n8n, e.g. N8N_DATA_TABLES_MAX_SIZE_BYTES. */
	env?: Record<string, string>;
	/** Package folder to pack and install; default E2E_PACKAGE_ROOT or the repository (its built dist/). */
	packageRoot?: string;
	/** Default 180 s: a loaded CI machine starts n8n slowly. */
	startTimeoutMs?: number;
	/**
	 * Queue mode: also start `n8n worker --concurrency=<concurrency>` processes once the main
	 * serves, each with its own user folder and the package installed there (as on separate
	 * machines). `env` must then carry the queue settings (EXECUTIONS_MODE, Postgres, Redis).
	 */
	workers?: { count: number; concurrency: number };
}

/** One `n8n worker` process of a queue-mode server. */
export interface N8nWorker {
	name: string;
	logFile: string;
	logs(): string;
	/** Executions this worker ran, from its log ("Worker started execution <id>"). */
	executionIds(): string[];
	memoryMb(): number;
}

export interface WebhookResponse {
	status: number;
	headers: Headers;
	/** Parsed JSON when the answer is JSON, else the text. */
	body: unknown;
}

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	finished: boolean;
	mode: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: unknown;
}

export interface Timings {
	runtimeMs: number;
	packageInstallMs: number;
	cliImportMs: number;
	startMs: number;
	ownerSetupMs: number;
}

export interface N8nServer {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	apiKey: string;
	/** Internal REST API cookie of the owner (for /rest endpoints the public API lacks). */
	ownerCookie: string;
	api: PublicApi;
	timings: Timings;
	/** The queue-mode workers (none without `workers`). */
	workers: N8nWorker[];
	/** Creates credentials through the public API; answers their new ids. */
	importCredentials(credentials: CredentialJson[]): Promise<Array<{ id: string; name: string; type: string }>>;
	/** Creates a workflow through the public API and publishes it (unless `publish: false`). */
	importWorkflow(workflow: WorkflowJson, options?: { publish?: boolean }): Promise<{ id: string }>;
	/** Publishes (n8n 1.x: activates) a workflow and waits until its triggers are registered. */
	publishWorkflow(id: string): Promise<void>;
	/** Calls a production webhook (`/webhook/<path>`); never throws on an HTTP error status. */
	callWebhook(webhookPath: string, request?: { method?: string; headers?: Record<string, string>; body?: unknown; query?: Record<string, string> }): Promise<WebhookResponse>;
	listExecutions(filter?: { workflowId?: string; status?: string; includeData?: boolean }): Promise<Execution[]>;
	/** Waits until the workflow has at least `count` finished executions (success or error). */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	/** All rows of the Data Table with this name (throws when there is none). */
	getDataTableRows(name: string): Promise<Array<Record<string, unknown>>>;
	/** Node type names n8n has loaded (e.g. to check ours are there). */
	loadedNodeTypes(): Promise<string[]>;
	/** Credential type names n8n has loaded. */
	loadedCredentialTypes(): Promise<string[]>;
	/** Resident memory of n8n and its task runners, in MB. */
	memoryMb(): number;
	/**
	 * Stops n8n (if a kill has not already) and starts it again on the same user folder, database,
	 * port and API key; waits until it serves and the given published workflows are registered.
	 */
	restart(publishedWorkflowIds?: string[]): Promise<void>;
	logs(): string;
	/** Ends n8n and its child processes, keeps the log under test-artifacts/e2e, removes temp dirs. */
	stop(): Promise<void>;
	/** SIGKILLs n8n and its task runners at once, as a crash or an OOM kill would (the data stays). */
	kill(): Promise<void>;
}

/** Start-up failed; the message ends with the last lines of n8n's log. */
export class N8nStartError extends Error {}

function since(started: number): number {
	return Date.now() - started;
}

/** The fields n8n's public API accepts when creating a workflow (it rejects any others). */
function creatableWorkflow(workflow: WorkflowJson): Record<string, unknown> {
	const { name, nodes, connections, settings, staticData, pinData } = workflow;
	return { name, nodes, connections, settings: settings ?? {}, ...(staticData ? { staticData } : {}), ...(pinData ? { pinData } : {}) };
}

async function importBeforeStart(options: StartOptions, runCli: (args: string[]) => Promise<string>, tempDir: string): Promise<void> {
	if (options.credentials?.length) {
		const file = path.join(tempDir, 'credentials.json');
		writeFileSync(file, JSON.stringify(options.credentials));
		await runCli(['import:credentials', `--input=${file}`]);
	}
	if (options.workflows?.length) {
		const dir = path.join(tempDir, 'workflows');
		mkdirSync(dir);
		options.workflows.forEach((workflow, index) => writeFileSync(path.join(dir, `${index}.json`), JSON.stringify({ ...workflow, active: false })));
		await runCli(['import:workflow', '--separate', `--input=${dir}`]);
	}
}

/** The editor's type lists, served from the files n8n writes once it has loaded all packages. */
async function typeNames(baseUrl: string, kind: 'nodes' | 'credentials', cookie: string): Promise<string[]> {
	const response = await fetch(`${baseUrl}/types/${kind}.json`, { headers: { cookie } });
	if (!response.ok) throw new Error(`GET /types/${kind}.json answered ${response.status}`);
	const types = (await response.json()) as Array<{ name: string }>;
	return types.map((type) => type.name);
}

function groupMemoryMb(pid: number | undefined): number {
	if (!pid) return 0;
	try {
		const output = execFileSync('ps', ['-o', 'rss=', '-g', String(pid)], { encoding: 'utf8' });
		return Math.round(output.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024);
	} catch {
		return 0;
	}
}

interface RunningWorker {
	name: string;
	child: ChildProcess;
	logFile: string;
	healthUrl: string;
}

/** `n8n worker` with its own user folder (the package installed from the same tarball), task-runner broker and health port. */
async function spawnWorker(runtime: N8nRuntime, tarball: string, tempDir: string, name: string, concurrency: number, extraEnv: Record<string, string> | undefined): Promise<RunningWorker> {
	const userFolder = path.join(tempDir, name);
	mkdirSync(userFolder);
	installCommunityPackage(tarball, userFolder);
	const healthPort = await freePort();
	const env = n8nEnv({
		userFolder,
		port: await freePort(),
		brokerPort: await freePort(),
		runtime,
		extraEnv: { ...extraEnv, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
	});
	const logFile = path.join(tempDir, `${name}.log`);
	const child = spawnN8n(runtime, env, logFile, ['worker', `--concurrency=${concurrency}`]);
	return { name, child, logFile, healthUrl: `http://127.0.0.1:${healthPort}/healthz/readiness` };
}

/** A worker is ready when its health server says its database and Redis connections are up. */
async function waitUntilWorkerReady(worker: RunningWorker, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (worker.child.exitCode !== null) throw new Error(`n8n ${worker.name} exited with code ${worker.child.exitCode} during start-up; see ${worker.logFile}`);
		try {
			if ((await fetch(worker.healthUrl)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n ${worker.name} was not ready after ${timeoutMs} ms; see ${worker.logFile}`);
}

export async function startN8n(options: StartOptions = {}): Promise<N8nServer> {
	let started = Date.now();
	const runtime = ensureRuntime();
	const runtimeMs = since(started);

	const tempDir = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const userFolder = path.join(tempDir, 'user');
	const logFile = path.join(tempDir, 'n8n.log');
	mkdirSync(userFolder);

	started = Date.now();
	let tarball: string | undefined;
	try {
		tarball = packBuiltPackage(options.packageRoot ?? packageRootUnderTest(), tempDir);
		installCommunityPackage(tarball, userFolder);
	} finally {
		if (!existsSync(path.join(userFolder, '.n8n', 'nodes', 'package.json'))) rmSync(tempDir, { recursive: true, force: true });
	}
	const packageInstallMs = since(started);

	const port = await freePort();
	const env = n8nEnv({ userFolder, port, brokerPort: await freePort(), runtime, extraEnv: options.env });
	const baseUrl = `http://127.0.0.1:${port}`;

	started = Date.now();
	await importBeforeStart(options, (args) => runN8nCli(runtime, args, env), tempDir);
	const cliImportMs = since(started);

	started = Date.now();
	let child = spawnN8n(runtime, env, logFile);
	const logs = (): string => readFileSync(logFile, 'utf8');
	const workers: RunningWorker[] = [];
	const stop = async (): Promise<void> => {
		await Promise.all(workers.map(async (worker) => await stopProcessTree(worker.child)));
		await stopProcessTree(child);
		const artifacts = path.join(REPO_ROOT, 'test-artifacts', 'e2e');
		mkdirSync(artifacts, { recursive: true });
		copyFileSync(logFile, path.join(artifacts, `${options.name ?? 'n8n'}.log`));
		for (const worker of workers) copyFileSync(worker.logFile, path.join(artifacts, `${options.name ?? 'n8n'}-${worker.name}.log`));
		rmSync(tempDir, { recursive: true, force: true });
	};

	const connect = async (): Promise<N8nServer> => {
		await waitUntilReady(baseUrl, child, options.startTimeoutMs ?? 180000, logFile);
		// Workers after the main: it has run the database migrations they rely on. They share the
		// main's public webhook URL, as every process of a real instance must (resume and batch URLs).
		for (let index = 0; index < (options.workers?.count ?? 0); index++) {
			workers.push(await spawnWorker(runtime, tarball!, tempDir, `worker-${index + 1}`, options.workers!.concurrency, { ...options.env, N8N_WEBHOOK_URL: String(env.N8N_WEBHOOK_URL) }));
		}
		await Promise.all(workers.map(async (worker) => await waitUntilWorkerReady(worker, options.startTimeoutMs ?? 180000)));
		const startMs = since(started);
		started = Date.now();
		const { apiKey, cookie } = await setupOwnerAndApiKey(baseUrl);
		const api = new PublicApi(baseUrl, apiKey);
		const publishWorkflow = async (id: string): Promise<void> => {
			await api.call('POST', `/workflows/${id}/publish`, {});
			await waitForPublication(baseUrl, cookie, id);
		};
		for (const workflow of options.workflows ?? []) {
			if (workflow.active && workflow.id) await publishWorkflow(workflow.id);
		}
		const ownerSetupMs = since(started);

		const listExecutions = async (filter: { workflowId?: string; status?: string; includeData?: boolean } = {}): Promise<Execution[]> => {
			const query: Record<string, string> = {};
			if (filter.workflowId) query.workflowId = filter.workflowId;
			if (filter.status) query.status = filter.status;
			if (filter.includeData) query.includeData = 'true';
			return await api.listAll<Execution>('/executions', query);
		};

		return {
			baseUrl,
			port,
			userFolder,
			logFile,
			apiKey,
			ownerCookie: cookie,
			api,
			timings: { runtimeMs, packageInstallMs, cliImportMs, startMs, ownerSetupMs },
			workers: workers.map(({ name, logFile: workerLog, child: workerChild }) => ({
				name,
				logFile: workerLog,
				logs: () => readFileSync(workerLog, 'utf8'),
				executionIds: () => [...readFileSync(workerLog, 'utf8').matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]),
				memoryMb: () => groupMemoryMb(workerChild.pid),
			})),
			async importCredentials(credentials) {
				const created = [];
				for (const { name, type, data } of credentials) {
					created.push(await api.call<{ id: string; name: string; type: string }>('POST', '/credentials', { name, type, data }));
				}
				return created.map(({ id, name, type }) => ({ id, name, type }));
			},
			async importWorkflow(workflow, importOptions = {}) {
				const { id } = await api.call<{ id: string }>('POST', '/workflows', creatableWorkflow(workflow));
				if (importOptions.publish ?? true) await publishWorkflow(id);
				return { id };
			},
			publishWorkflow,
			async callWebhook(webhookPath, webhookRequest = {}) {
				const query = webhookRequest.query ? `?${new URLSearchParams(webhookRequest.query).toString()}` : '';
				const hasBody = webhookRequest.body !== undefined;
				const response = await fetch(`${baseUrl}/webhook/${webhookPath.replace(/^\//, '')}${query}`, {
					method: webhookRequest.method ?? 'POST',
					headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...webhookRequest.headers },
					body: hasBody ? JSON.stringify(webhookRequest.body) : undefined,
				});
				const text = await response.text();
				let body: unknown = text;
				try {
					body = text ? (JSON.parse(text) as unknown) : undefined;
				} catch {
					// Not JSON: keep the text.
				}
				return { status: response.status, headers: response.headers, body };
			},
			listExecutions,
			async waitForExecutions(workflowId, count, timeoutMs = 60000) {
				const deadline = Date.now() + timeoutMs;
				for (;;) {
					const executions = await listExecutions({ workflowId });
					const done = executions.filter((execution) => execution.stoppedAt);
					if (done.length >= count) return done;
					if (Date.now() > deadline) {
						throw new Error(`workflow ${workflowId}: ${done.length} of ${count} executions finished after ${timeoutMs} ms`);
					}
					await new Promise((resolve) => setTimeout(resolve, 250));
				}
			},
			async getDataTableRows(name) {
				const tables = await api.listAll<{ id: string; name: string }>('/data-tables', { filter: JSON.stringify({ name }) });
				const table = tables.find((candidate) => candidate.name === name);
				if (!table) throw new Error(`no Data Table named "${name}"`);
				return await api.listAll<Record<string, unknown>>(`/data-tables/${table.id}/rows`);
			},
			loadedNodeTypes: async () => await typeNames(baseUrl, 'nodes', cookie),
			loadedCredentialTypes: async () => await typeNames(baseUrl, 'credentials', cookie),
			memoryMb: () => groupMemoryMb(child.pid),
			async restart(publishedWorkflowIds = []) {
				await stopProcessTree(child);
				child = spawnN8n(runtime, env, logFile);
				await waitUntilReady(baseUrl, child, options.startTimeoutMs ?? 180000, logFile);
				for (const id of publishedWorkflowIds) await waitForPublication(baseUrl, cookie, id);
			},
			logs,
			stop,
			async kill() {
				await killProcessTree(child);
			},
		};
	};

	const server = await connect().catch((error: Error) => error);
	if (!(server instanceof Error)) return server;
	const tail = logs().split('\n').slice(-40).join('\n');
	await stop();
	throw new N8nStartError(`${server.message}\n--- n8n log (last lines) ---\n${tail}`);
}
