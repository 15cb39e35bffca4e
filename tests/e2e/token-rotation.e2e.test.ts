/**
 * The partner user's refresh token rotates (each lives 90 days; using it does not extend it), and
 * a real n8n keeps the newest one in its database by itself: the sandbox clock moves through day
 * 0, 60, 120 and 200 with a real sync (Sync now → core template) at each step, n8n is restarted
 * before day 120 and day 200 (a new process knows only what the database holds), and nobody edits
 * the credential. The refresh token the credential was created with is refused by day 200.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { DAY_MS } from '../../sandbox/server/clock';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { seedScenario } from './support/dataTables';
import { buildScenario, type Scenario } from './templates/scenario';
import { CORE_ID, credentialsFor, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';

interface Summary {
	counts: Record<'tenants' | 'links' | 'failed', number>;
	notSynced: Array<{ action: string; reasons: string[] }>;
	failed: Array<{ reasons: string[] }>;
}

const LICENSES = 'partnercenter GET /v1/customers/{id}/subscribedskus';

describe('refresh-token rotation in a real n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	let scenario: Scenario;
	const started = Date.now();
	const steps: Array<Record<string, unknown>> = [];

	const syncNow = async (): Promise<Summary> => {
		const response = await n8n.callWebhook('m365-sync-now', { body: { everyone: true }, headers: { [WEBHOOK_HEADER]: WEBHOOK_SECRET } });
		expect(response.status).toBe(200);
		return response.body as Summary;
	};

	const redeem = async (refreshToken: string): Promise<number> => {
		const { partnerTenantId, clientId, clientSecret } = sandbox.credentials.microsoft;
		const response = await fetch(`${sandbox.urls.login}/${partnerTenantId}/oauth2/v2.0/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret, scope: 'https://api.partnercenter.microsoft.com/.default' }),
		});
		return response.status;
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 16, seed: 11 });
		// Tenants whose GDAP relationship (with a license role) outlives the test's 200 days.
		const horizon = Date.now() + 240 * DAY_MS;
		const longGdap = new Set(
			sandbox.state.gdapRelationships.filter((r) => r.status === 'active' && Date.parse(r.endDateTime ?? '') > horizon).map((r) => r.customer?.tenantId),
		);
		scenario = buildScenario({ ...sandbox.state, tenants: sandbox.state.tenants.filter((tenant) => longGdap.has(tenant.tenantId)) }, 3);
		const workflows: WorkflowJson[] = [
			{ ...loadTemplate('m365-license-sync-core.json'), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
		];
		n8n = await startN8n({ name: 'token-rotation', credentials: credentialsFor(sandbox, workflows), workflows });
		// The first run creates the Data Tables; the configuration goes in as onboarding would write it.
		await syncNow();
		await seedScenario(n8n, scenario);
	});

	afterAll(async () => {
		process.stdout.write(`e2e token rotation: ${JSON.stringify({ wallMs: Date.now() - started, steps })}\n`);
		await n8n?.stop();
		await sandbox?.stop();
	});

	it('syncs on day 0, 60, 120 and 200 across restarts; n8n alone keeps the newest refresh token', async () => {
		const original = sandbox.credentials.microsoft.refreshToken;
		const tenants = scenario.companyMap.map((row) => String(row.tenantId));
		expect(tenants.length).toBeGreaterThanOrEqual(2);
		const sync = loadTemplate('m365-sync-now.json');
		let today = 0;
		for (const day of [0, 60, 120, 200]) {
			sandbox.clock.advanceDays(day - today);
			today = day;
			const restarted = day >= 120;
			const restartStarted = Date.now();
			if (restarted) await n8n.restart([CORE_ID, String(sync.id)]);
			const restartMs = Date.now() - restartStarted;
			sandbox.requests.clear();
			const redeemedBefore = sandbox.refreshTokenRedemptions().length;

			const syncStarted = Date.now();
			const summary = await syncNow();

			const readFailures = summary.notSynced.filter((item) => item.action === 'readFailed');
			expect({ day, failed: summary.counts.failed, readFailures, failures: summary.failed }).toEqual({ day, failed: 0, readFailures: [], failures: [] });
			expect(summary.counts.tenants).toBe(tenants.length);
			// Every tenant's license counts were read in this step.
			const reads = sandbox.requests.list().filter((record) => record.endpoint === LICENSES && record.status === 200);
			for (const tenantId of tenants) expect({ day, tenantId, read: reads.some((record) => record.path.includes(tenantId)) }).toEqual({ day, tenantId, read: true });
			// Whatever n8n redeemed in this step was issued within the last 90 days: the newest token, found in its database.
			const redeemed = sandbox.refreshTokenRedemptions().slice(redeemedBefore);
			expect(redeemed.length).toBeGreaterThanOrEqual(1);
			const now = sandbox.clock.now();
			expect(redeemed.every((r) => now - r.issuedAt < 90 * DAY_MS)).toBe(true);
			steps.push({ day, restarted, restartMs: restarted ? restartMs : undefined, syncMs: Date.now() - syncStarted, redemptions: redeemed.length, oldestRedeemedDays: Math.round((now - Math.min(...redeemed.map((r) => r.issuedAt))) / DAY_MS) });
		}
		// Nobody edited the credential: it was created with `original`, which died on day 90.
		expect(await redeem(original)).toBe(400);
	});
});
