#!/usr/bin/env node
// Installs a pinned n8n with its own Node 24 into a cache folder outside the repo, so the
// end-to-end tests and the demo run the server users run without touching our dependency tree.
// Plain CommonJS on purpose: it must run on the system Node 20 before anything is built.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const N8N_VERSION = '2.41.1';
// The `node@24` npm package only fetches its binary from a preinstall script, which
// --ignore-scripts skips; the platform package it would fetch carries the binary itself.
const NODE_VERSION = '24.21.0';
const MARKER = '.runtime-installed.json';

function defaultDir() {
	return path.join(os.homedir(), '.cache', 'n8n-m365-license-sync', `n8n-${N8N_VERSION}`);
}

function runtimeDir() {
	return process.env.N8N_RUNTIME_DIR ? path.resolve(process.env.N8N_RUNTIME_DIR) : defaultDir();
}

function nodePackageName() {
	const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
	const platform = { linux: 'linux', darwin: 'darwin' }[process.platform];
	if (!arch || !platform) {
		throw new Error(`no Node 24 binary package for ${process.platform}/${process.arch}`);
	}
	return `node-${platform}-${arch}`;
}

function paths(dir) {
	const nodeHome = path.join(dir, 'node_modules', nodePackageName());
	return {
		dir,
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, MARKER),
	};
}

function wanted() {
	return { n8n: N8N_VERSION, node: NODE_VERSION, nodePackage: nodePackageName() };
}

function isInstalled(p) {
	try {
		const marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
		const want = wanted();
		return (
			marker.n8n === want.n8n &&
			marker.node === want.node &&
			marker.nodePackage === want.nodePackage &&
			fs.existsSync(p.nodeBin) &&
			fs.existsSync(p.n8nBin)
		);
	} catch {
		return false;
	}
}

function run(cmd, args, options, log) {
	log(`$ ${cmd} ${args.join(' ')}`);
	const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
	if (result.status !== 0) {
		const output = `${result.stdout || ''}${result.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
		const reason = result.error ? result.error.message : `exit code ${result.status}`;
		throw new Error(`${cmd} ${args.join(' ')} failed (${reason})\n${output}`);
	}
	return result.stdout;
}

function npmInstall(p, log) {
	const pkg = {
		name: 'n8n-runtime',
		private: true,
		dependencies: { n8n: N8N_VERSION, [nodePackageName()]: NODE_VERSION },
	};
	fs.writeFileSync(path.join(p.dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	// n8n's Kafka client tries to download a native library in its install script, which has
	// no network here; sqlite3 is the only native module n8n needs with SQLite.
	run(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--omit=dev',
			'--loglevel=error',
		],
		{ cwd: p.dir },
		log,
	);
}

function rebuildSqlite(p, log) {
	const env = {
		...process.env,
		// Node 24's headers come with its binary package: no header download needed.
		npm_config_nodedir: p.nodeHome,
		// node-gyp compiles SQLite on every core it is given.
		JOBS: 'max',
		PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
	};
	// Prebuilt binaries cannot be downloaded here: build from source straight away.
	run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--build-from-source', '--loglevel=error'], { cwd: p.dir, env }, log);
	run(p.nodeBin, ['-e', "require('sqlite3'); process.stdout.write('sqlite3 ok')"], { cwd: path.join(p.dir, 'node_modules', 'n8n') }, log);
}

const LOCK_STALE_MS = 30 * 60 * 1000;

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One installer at a time per folder: parallel test runs on a cold cache wait for the first. */
function withInstallLock(p, log, install) {
	const lock = `${p.dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (let waited = false; ; waited = true) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waited) log(`another process is installing into ${p.dir}; waiting for it`);
			sleepSync(2000);
			if (isInstalled(p)) return;
		}
	}
	try {
		if (!isInstalled(p)) install();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Makes sure the pinned n8n and Node 24 are installed; instant when the marker says so.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ nodeBin: string, n8nBin: string, dir: string }}
 */
function ensureRuntime(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[n8n-runtime] ${line}\n`));
	const p = paths(runtimeDir());
	if (isInstalled(p)) {
		return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, dir: p.dir };
	}
	withInstallLock(p, log, () => {
		const started = Date.now();
		log(`installing n8n ${N8N_VERSION} and Node ${NODE_VERSION} into ${p.dir} (5-10 minutes and ~3 GB, once)`);
		fs.mkdirSync(p.dir, { recursive: true });
		fs.rmSync(p.marker, { force: true });
		npmInstall(p, log);
		log(`packages installed after ${Math.round((Date.now() - started) / 1000)} s; building sqlite3 for Node 24`);
		rebuildSqlite(p, log);
		const version = run(p.nodeBin, [p.n8nBin, '--version'], { cwd: p.dir, env: { ...process.env, N8N_DIAGNOSTICS_ENABLED: 'false' } }, log).trim();
		if (!version.split('\n').some((line) => line.trim() === N8N_VERSION)) {
			throw new Error(`n8n --version printed "${version}", expected ${N8N_VERSION}`);
		}
		fs.writeFileSync(p.marker, `${JSON.stringify({ ...wanted(), installedAt: new Date().toISOString() }, null, 2)}\n`);
		log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
	});
	return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, dir: p.dir };
}

module.exports = { ensureRuntime, runtimeDir, N8N_VERSION, NODE_VERSION };

if (require.main === module) {
	try {
		const runtime = ensureRuntime();
		process.stdout.write(`${JSON.stringify(runtime)}\n`);
	} catch (error) {
		process.stderr.write(`[n8n-runtime] failed: ${error.message}\n`);
		process.exit(1);
	}
}
