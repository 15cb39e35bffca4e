/**
 * Sandbox speed: requests per second on loopback without latency, and data generation time.
 * The server runs in its own process (the compiled CLI beside this compiled file in .build/),
 * as it does for the demo and the e2e tests, so the load client does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { generateState } from '../sandbox/data/generate';

const CLI = path.join(__dirname, '..', 'sandbox', 'cli.js');

/** Starts the compiled sandbox CLI and reads its printed base URL and ConnectWise keys. */
async function startServerProcess(): Promise<{ child: ChildProcess; base: string; keys: Record<string, string> }> {
	const child = spawn(process.execPath, [CLI, '--tenants', '200', '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	await new Promise<void>((resolve, reject) => {
		child.on('exit', (code) => reject(new Error(`sandbox CLI exited with ${code}`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('Ctrl-C')) resolve();
		});
	});
	// Both credentials print a "Client ID": read the ConnectWise block for its keys.
	const connectWise = out.slice(out.indexOf('ConnectWise PSA API credential'));
	const field = (label: string, text = out) => new RegExp(`${label}\\s+(\\S+)`).exec(text)?.[1] ?? '';
	return { child, base: field('base'), keys: { companyId: field('Company ID', connectWise), publicKey: field('Public key', connectWise), privateKey: field('Private key', connectWise), clientId: field('Client ID', connectWise) } };
}

const REQUESTS = 4000;
const CONCURRENCY = 16;

function request(agent: http.Agent, url: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers }, (response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			})
			.on('error', reject);
	});
}

test('sandbox throughput and generation time', async () => {
	const started = performance.now();
	generateState({ tenants: 5000, seed: 7, today: '2026-03-15' });
	const generationMs = performance.now() - started;

	const server = await startServerProcess();
	const { companyId, publicKey, privateKey, clientId } = server.keys;
	const headers = { authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`, clientId };
	const api = `${server.base}/cw/v4_6_release/apis/3.0`;
	const urls = [
		`${api}/company/companies?pageSize=25`,
		`${api}/finance/agreements?pageSize=25&conditions=${encodeURIComponent('agreementStatus="Active"')}`,
		`${api}/company/companies/count?conditions=${encodeURIComponent('name like "S%"')}`,
	];
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	let next = 0;
	let failures = 0;
	const begin = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < REQUESTS) {
				const url = urls[next++ % urls.length];
				if ((await request(agent, url, headers)) !== 200) failures++;
			}
		}),
	);
	const seconds = (performance.now() - begin) / 1000;
	agent.destroy();
	server.child.kill('SIGTERM');
	process.stdout.write(
		[
			'',
			`sandbox: ${Math.round(REQUESTS / seconds)} requests/s on loopback (${REQUESTS} ConnectWise GETs, ${CONCURRENCY} concurrent, ${failures} non-200; target ≥ 2,000/s)`,
			`sandbox: generated 5,000 tenants in ${(generationMs / 1000).toFixed(2)} s (target < 5 s)`,
			'',
		].join('\n'),
	);
	expect(failures).toBe(0);
});
