#!/usr/bin/env node
// The npm registry mirror these machines use lacks some platform-only optional packages
// (e.g. @unrs/resolver-binding-darwin-x64). `npm install` then leaves them out of
// package-lock.json, and `npm ci` refuses a lock that misses declared dependencies.
// This adds the missing optional entries (version, os, cpu, libc from the package name) so
// the lock is complete: other platforms fetch them as usual, this one skips them.
// Run after any `npm install` that changes the lock: node scripts/complete-lockfile.js
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 's390x', 'riscv64', 'mips64el', 'wasm32'];

function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((p) => OS.includes(p));
	const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('arm') ? 'arm' : undefined);
	const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.some((p) => p.startsWith('gnu')) && os === 'linux' ? 'glibc' : undefined;
	return { os, cpu, libc };
}

/** Where npm would look up `dep` from the package at `location`: nearest node_modules upward. */
function resolves(location, dep) {
	let base = location;
	for (;;) {
		const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
		if (packages[candidate]) return true;
		if (!base) return false;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut < 0 ? '' : base.slice(0, cut);
	}
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
	for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
		if (resolves(location, dep)) continue;
		const { os, cpu, libc } = platformOf(dep);
		if (!os) continue; // only platform binaries are missing from the mirror
		packages[`node_modules/${dep}`] = {
			version,
			...(cpu ? { cpu: [cpu] } : {}),
			...(meta.dev ? { dev: true } : {}),
			...(libc ? { libc: [libc] } : {}),
			optional: true,
			os: [os],
		};
		added++;
	}
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
process.stdout.write(`complete-lockfile: added ${added} optional platform entries\n`);
