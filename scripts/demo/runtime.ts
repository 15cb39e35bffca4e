/**
 * Installs the pinned n8n runtime if needed, in a child process so the demo can say how long it
 * has been going: the first install takes minutes and npm prints nothing meanwhile.
 */
import { spawn } from 'child_process';
import path from 'path';

import { ensureRuntime, type N8nRuntime } from '../n8n-runtime';
import { REPO_ROOT } from '../../tests/e2e/communityPackage';

const TICK_MS = 30000;

export async function prepareRuntime(log: (line: string) => void): Promise<N8nRuntime> {
	const started = Date.now();
	const installer = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'n8n-runtime.js')], { stdio: ['ignore', 'ignore', 'pipe'] });
	const tick = setInterval(() => {
		const elapsed = Math.round((Date.now() - started) / 1000);
		log(`  still working (${Math.floor(elapsed / 60)} min ${elapsed % 60} s so far)`);
	}, TICK_MS);
	let pending = '';
	installer.stderr.setEncoding('utf8');
	installer.stderr.on('data', (chunk: string) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) if (line.trim()) log(`  ${line.replace(/^\[n8n-runtime\] /, '')}`);
	});
	const code = await new Promise<number | null>((resolve, reject) => {
		installer.once('error', reject);
		installer.once('close', resolve);
	}).finally(() => clearInterval(tick));
	if (pending.trim()) log(`  ${pending.trim()}`);
	if (code !== 0) throw new Error(`installing the n8n runtime failed (exit code ${code}); see the lines above`);
	// Installed now: this only reads the marker.
	return ensureRuntime();
}
