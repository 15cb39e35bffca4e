// The editor e2e test drives a real Chromium (tests/e2e/editor.e2e.test.ts). Run by
// `npm run test:e2e` (and so `npm test`) so a fresh machine either gets Debian's package or
// stops here with one line naming what to install.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');

const DEFAULT_PATH = '/usr/bin/chromium';
const wanted = process.env.CHROMIUM_PATH || DEFAULT_PATH;

function fail(line) {
	process.stderr.write(`${line}\n`);
	process.exit(1);
}

function hasAptGet() {
	return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

if (fs.existsSync(wanted)) process.exit(0);
if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH is ${wanted}, which does not exist: point it at a Chromium or Chrome binary.`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !hasAptGet()) {
	fail(`The e2e tests need Chromium at ${DEFAULT_PATH}: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`);
}

process.stdout.write(`Installing Debian's chromium for the editor e2e test (apt-get, a minute or two)...\n`);
const apt = (args) => execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// A CI warm-up may be installing it at the same moment: apt's list lock does not wait, so retry.
let failure;
for (let attempt = 1; attempt <= 4 && !fs.existsSync(DEFAULT_PATH); attempt++) {
	try {
		apt(['update', '-qq']);
		apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
		failure = undefined;
	} catch (error) {
		failure = error;
		sleep(30000);
	}
}
if (failure && !fs.existsSync(DEFAULT_PATH)) {
	fail(`Installing chromium with apt-get failed (${failure.message.split('\n')[0]}): install it by hand (apt-get install chromium) or set CHROMIUM_PATH.`);
}
if (!fs.existsSync(DEFAULT_PATH)) fail(`apt-get installed chromium but ${DEFAULT_PATH} is missing: set CHROMIUM_PATH to its binary.`);
process.stdout.write(`chromium installed at ${DEFAULT_PATH}\n`);
