/*
 * Licenses for 2,000 tenants against the sandbox with 40 ms latency per call, through the
 * node in n8n-core. Prints wall time, API calls by endpoint and license calls per tenant.
 * Asserts nothing about timings.
 */
import { startSandbox } from '../sandbox';
import { MicrosoftPartnerCenter } from '../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { forgetTokenProviders } from '../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { runNode } from '../tests/nodes/harness';
import { partnerCenterCredential } from '../tests/unit/partner-center/sandboxCredential';

const TENANTS = 2000;
const LATENCY_MS = 40;

test('Microsoft Partner Center: licenses for 2,000 tenants', async () => {
	const sandbox = await startSandbox({ tenants: TENANTS, seed: 5, latencyMs: LATENCY_MS });
	const node = new MicrosoftPartnerCenter();
	const inputs = sandbox.state.tenants.map((t) => ({ json: { tenantId: t.tenantId, name: t.name } }));
	const lines = [`Partner Center licenses: ${TENANTS} tenants, ${LATENCY_MS} ms latency per call`];
	const runs: Array<{ label: string; source: string; concurrency?: number; gdapOnly?: boolean }> = [
		{ label: 'partnerCenter, default concurrency (16)', source: 'partnerCenter' },
		{ label: 'partnerCenter, concurrency 8', source: 'partnerCenter', concurrency: 8 },
		{ label: 'partnerCenter, concurrency 32', source: 'partnerCenter', concurrency: 32 },
		{ label: 'graph (GDAP, tenants with active GDAP), concurrency 16', source: 'graph', concurrency: 16, gdapOnly: true },
	];
	try {
		const active = new Set(sandbox.state.gdapRelationships.filter((r) => r.status === 'active').map((r) => r.customer?.tenantId));
		for (const { label, source, concurrency, gdapOnly } of runs) {
			const items = gdapOnly ? inputs.filter((item) => active.has(item.json.tenantId)) : inputs;
			sandbox.requests.clear();
			forgetTokenProviders();
			const started = process.hrtime.bigint();
			const result = await runNode({
				node,
				parameters: { authentication: 'refreshToken', resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source, options: concurrency ? { concurrency } : {} },
				inputs: [items],
				credentials: { microsoftPartnerCenterApi: partnerCenterCredential(sandbox) },
			});
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			const counts = sandbox.requests.countsByEndpoint();
			const total = Object.values(counts).reduce((a, b) => a + b, 0);
			const licenseCalls = Object.entries(counts).filter(([key]) => /subscribedskus/i.test(key)).reduce((a, [, n]) => a + n, 0);
			const produced = result.outputs[0]?.length ?? 0;
			lines.push(
				`  ${label}: ${items.length} tenants, ${(wallMs / 1000).toFixed(2)} s wall, ${produced} license items${result.error ? `, ERROR ${result.error.message}` : ''}`,
				`    API calls ${total} (${(total / items.length).toFixed(3)} per tenant); license calls ${licenseCalls} (${(licenseCalls / items.length).toFixed(3)} per tenant)`,
				...Object.entries(counts).sort().map(([key, n]) => `    ${key}: ${n}`),
			);
		}
	} finally {
		await sandbox.stop();
	}
	process.stdout.write(lines.join('\n') + '\n');
});
