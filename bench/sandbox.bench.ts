/** Sandbox speed: requests per second on loopback without latency, and data generation time. */
import http from 'node:http';
import { startSandbox } from '../sandbox';
import { generateState } from '../sandbox/data/generate';

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

	const sandbox = await startSandbox({ tenants: 200, seed: 7 });
	const { companyId, publicKey, privateKey, clientId } = sandbox.credentials.connectWise;
	const headers = { authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`, clientId };
	const agreement = sandbox.state.agreements[0].id;
	const urls = [
		`${sandbox.urls.connectWise}/v4_6_release/apis/3.0/company/companies?pageSize=25`,
		`${sandbox.urls.connectWise}/v4_6_release/apis/3.0/finance/agreements/${agreement}/additions`,
		`${sandbox.urls.connectWise}/v4_6_release/apis/3.0/company/companies/count?conditions=${encodeURIComponent('name like "S%"')}`,
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
	await sandbox.stop();
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
