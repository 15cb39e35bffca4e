/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's packages, on loopback: each test
 * starts its own servers in a temp folder on free ports and stops them after. When a server is
 * missing and the user is root with apt-get, Debian's package is installed; otherwise one line
 * says what to install.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'fs';
import { connect } from 'net';
import os from 'os';
import path from 'path';

import { freePort } from '../n8nProcess';

export interface QueueServices {
	postgres: { host: string; port: number; user: string; password: string; database: string };
	redis: { host: string; port: number };
	/** The environment every n8n process of the instance (main and workers) needs for queue mode. */
	n8nEnv: Record<string, string>;
	/** Runs SQL in the n8n database as the superuser (e.g. to install a fault for a test); answers psql's output. */
	sql(statement: string): string;
	stop(): Promise<void>;
}

const POSTGRES_USER = 'n8n';
const POSTGRES_PASSWORD = 'n8n-e2e-postgres';
const POSTGRES_DB = 'n8n';

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
const hasCommand = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** The newest installed PostgreSQL's bin folder (Debian keeps them under /usr/lib/postgresql/<major>/bin). */
function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? path.join(root, majors[0], 'bin') : undefined;
}

function redisBin(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((candidate) => existsSync(candidate));
}

/** Installs what is missing with apt-get (root only), else throws naming the packages. */
export function ensureQueueServiceBinaries(): { postgres: string; redis: string } {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(redisBin() ? [] : ['redis-server'])];
	if (missing.length > 0) {
		if (!isRoot() || !hasCommand('apt-get')) {
			throw new Error(`Queue-mode e2e tests need PostgreSQL and Redis: install Debian's packages (sudo apt-get install ${missing.join(' ')}).`);
		}
		const apt = (args: string[]): void => {
			execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		};
		apt(['update', '-qq']);
		apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
	}
	const postgres = postgresBin();
	const redis = redisBin();
	if (!postgres || !redis) throw new Error(`apt-get ran but ${postgres ? 'redis-server' : 'PostgreSQL'} is still missing: install it by hand.`);
	return { postgres, redis };
}

/** PostgreSQL refuses to run as root: as root, its files and process belong to the `postgres` user Debian's package creates. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function waitForPort(port: number, child: ChildProcess, name: string, logFile: string, timeoutMs = 30000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	return new Promise((resolve, reject) => {
		const attempt = (): void => {
			if (child.exitCode !== null) {
				reject(new Error(`${name} exited with code ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`));
				return;
			}
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) reject(new Error(`${name} did not listen on ${port} within ${timeoutMs} ms; see ${logFile}`));
				else setTimeout(attempt, 100);
			});
		};
		attempt();
	});
}

function spawnLogged(command: string, args: string[], logFile: string): ChildProcess {
	const log = openSync(logFile, 'a');
	const child = spawn(command, args, { stdio: ['ignore', log, log], detached: true });
	closeSync(log);
	const orphanGuard = (): void => {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};
	process.once('exit', orphanGuard);
	child.once('exit', () => process.removeListener('exit', orphanGuard));
	return child;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
			resolve();
		}, graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		try {
			if (child.pid) process.kill(-child.pid, signal);
		} catch {
			clearTimeout(timer);
			resolve();
		}
	});
}

export async function startQueueServices(): Promise<QueueServices> {
	const bins = ensureQueueServiceBinaries();
	const tempDir = mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	const dataDir = path.join(tempDir, 'postgres');
	const socketDir = tempDir;
	if (isRoot()) {
		const { uid, gid } = userIds('postgres');
		chownSync(tempDir, uid, gid);
	}
	const run = (command: string, args: string[]): string => {
		const [file, argv] = asPostgresUser(command, args);
		return execFileSync(file, argv, { encoding: 'utf8', cwd: tempDir, stdio: ['ignore', 'pipe', 'pipe'] });
	};

	// Trust on loopback only: a throwaway cluster that lives as long as the test.
	run(path.join(bins.postgres, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
	const postgresPort = await freePort();
	const postgresLog = path.join(tempDir, 'postgres.log');
	const [pgFile, pgArgs] = asPostgresUser(path.join(bins.postgres, 'postgres'), [
		'-D', dataDir, '-p', String(postgresPort), '-h', '127.0.0.1', '-k', socketDir,
		// Test data only: skip fsync; allow the connections of a main, two workers and their pools.
		'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100',
	]);
	const postgres = spawnLogged(pgFile, pgArgs, postgresLog);

	const redisPort = await freePort();
	const redisLog = path.join(tempDir, 'redis.log');
	const redis = spawnLogged(bins.redis, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tempDir], redisLog);

	const stop = async (): Promise<void> => {
		// Fast shutdown: disconnects clients, no checkpoint worth waiting for.
		await Promise.all([stopChild(postgres, 'SIGINT'), stopChild(redis, 'SIGTERM')]);
		rmSync(tempDir, { recursive: true, force: true });
	};
	const ready = await (async (): Promise<QueueServices> => {
		await Promise.all([waitForPort(postgresPort, postgres, 'postgres', postgresLog), waitForPort(redisPort, redis, 'redis-server', redisLog)]);
		const psql = (database: string, statement: string): string =>
			execFileSync('psql', ['-h', '127.0.0.1', '-p', String(postgresPort), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', statement], { encoding: 'utf8' });
		// Postgres accepts TCP a moment before it accepts logins.
		let refused: Error | undefined = new Error('not tried');
		for (let attempt = 0; attempt <= 50 && refused; attempt++) {
			if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
			refused = undefined;
			try {
				psql('postgres', 'select 1');
			} catch (error) {
				refused = error as Error;
			}
		}
		if (refused) throw new Error(`postgres on port ${postgresPort} refused logins: ${refused.message}`);
		psql('postgres', `create user ${POSTGRES_USER} with password '${POSTGRES_PASSWORD}'`);
		psql('postgres', `create database ${POSTGRES_DB} owner ${POSTGRES_USER}`);
		return {
			postgres: { host: '127.0.0.1', port: postgresPort, user: POSTGRES_USER, password: POSTGRES_PASSWORD, database: POSTGRES_DB },
			redis: { host: '127.0.0.1', port: redisPort },
			n8nEnv: {
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgresPort),
				DB_POSTGRESDB_USER: POSTGRES_USER,
				DB_POSTGRESDB_PASSWORD: POSTGRES_PASSWORD,
				DB_POSTGRESDB_DATABASE: POSTGRES_DB,
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
			},
			sql: (statement) => psql(POSTGRES_DB, statement),
			stop,
		};
	})().catch((error: Error) => error);
	if (!(ready instanceof Error)) return ready;
	await stop();
	throw new Error(`PostgreSQL / Redis for queue mode did not start: ${ready.message}`);
}

function userIds(name: string): { uid: number; gid: number } {
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith(`${name}:`));
	if (!line) throw new Error(`no "${name}" user: install Debian's postgresql package (it creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}
