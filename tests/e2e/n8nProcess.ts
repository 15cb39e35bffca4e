import { ChildProcess, execFile, spawn } from 'child_process';
import { closeSync, openSync } from 'fs';
import { createServer } from 'net';
import path from 'path';

import type { N8nRuntime } from '../../scripts/n8n-runtime';

/** Fixed so credentials imported by one run decrypt in the next and in `n8n` CLI calls. */
export const E2E_ENCRYPTION_KEY = 'm365-license-sync-e2e-encryption-key';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	runtime: N8nRuntime;
	extraEnv?: Record<string, string>;
}

/** The environment of every n8n process of one test server: `start` and CLI commands alike. */
export function n8nEnv({ userFolder, port, brokerPort, runtime, extraEnv }: N8nEnvOptions): NodeJS.ProcessEnv {
	// Jest sets NODE_ENV=test, under which n8n refuses to load nodes and exits silently.
	const inherited = Object.entries(process.env).filter(([key]) => !/^(N8N_|JEST_|NODE_OPTIONS$|NODE_ENV$)/.test(key));
	return {
		...Object.fromEntries(inherited),
		NODE_ENV: 'production',
		// Task runners and anything n8n spawns with `node` must get Node 24 too.
		PATH: `${path.dirname(runtime.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_USER_MANAGEMENT_JWT_SECRET: 'm365-license-sync-e2e-jwt-secret',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		// No network here: nothing that phones home or fetches templates, news or updates.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		// Modules the tests never use: less start-up work, and no calls to n8n's servers.
		N8N_DISABLED_MODULES: 'mcp-registry,mcp,insights,chat-hub,workflow-builder,instance-ai,agents,agent-evals,quick-connect',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...extraEnv,
	};
}

/** Runs an `n8n` CLI command (import, publish...) to completion with the server's environment. */
export function runN8nCli(runtime: N8nRuntime, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(runtime.nodeBin, [runtime.n8nBin, ...args], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`n8n ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`.trim()));
				return;
			}
			resolve(stdout);
		});
	});
}

/** Starts `n8n start` (or e.g. `worker --concurrency=2`) in its own process group (so stop can end its task runners too). */
export function spawnN8n(runtime: N8nRuntime, env: NodeJS.ProcessEnv, logFile: string, args: string[] = ['start']): ChildProcess {
	const log = openSync(logFile, 'a');
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], { env, detached: true, stdio: ['ignore', log, log] });
	closeSync(log);
	// A detached server would outlive a test run that is interrupted before stop().
	const orphanGuard = (): void => killGroup(child, 'SIGKILL');
	process.once('exit', orphanGuard);
	child.once('exit', () => process.removeListener('exit', orphanGuard));
	return child;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid) process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** Kills n8n and its process group at once (SIGKILL: no graceful shutdown), as a crash would. */
export async function killProcessTree(child: ChildProcess): Promise<void> {
	killGroup(child, 'SIGKILL');
	await exited(child, 10000);
}

/** Asks n8n to shut down, then kills whatever of its process group is left. */
export async function stopProcessTree(child: ChildProcess, graceMs = 10000): Promise<void> {
	killGroup(child, 'SIGTERM');
	if (!(await exited(child, graceMs))) {
		killGroup(child, 'SIGKILL');
		await exited(child, 5000);
	}
	// Task runners may outlive the main process for a moment.
	killGroup(child, 'SIGKILL');
}

/** Polls until n8n serves its REST API (health alone answers before routes are registered). */
export async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`n8n exited with code ${child.exitCode} during start-up; see ${logFile}`);
		}
		try {
			const [health, settings] = await Promise.all([
				fetch(`${baseUrl}/healthz/readiness`),
				fetch(`${baseUrl}/rest/settings`),
			]);
			if (health.ok && settings.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n was not ready after ${timeoutMs} ms; see ${logFile}`);
}
