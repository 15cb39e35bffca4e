/**
 * One demo run: sandbox, n8n with the package and the templates, onboarding, configuration,
 * the daily sync and an immediate second sync, then the report. The caller decides when to stop.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startN8n, type N8nServer, type WorkflowJson } from '../../tests/e2e/harness';
import { OWNER } from '../../tests/e2e/n8nClient';
import { insertDataTableRows } from '../../tests/e2e/support/dataTables';
import { credentialsFor, FORMS_LOGIN, loadTemplate, WEBHOOK_HEADER, WEBHOOK_SECRET } from '../../tests/e2e/templates/templates';
import { demoConfiguration, type CompanyMapRow } from './configuration';
import { runOnboarding } from './onboarding';
import { formatReport } from './report';
import { PSA_NAMES, psaWrites, type DemoPsa } from './psa';
import { prepareRuntime } from './runtime';
import type { SyncSummary } from './summary';

export interface DemoOptions {
	tenants: number;
	seed: number;
	/** The PSA the customers are billed in (the sandbox has both, with the same companies and agreement/contract ids). */
	psa: DemoPsa;
	/** Progress lines. */
	log(line: string): void;
}

export interface DemoSession {
	sandbox: Sandbox;
	n8n: N8nServer;
	report: string;
	/** How to reach what is left running. */
	access: string;
	stop(): Promise<void>;
}

/** Published so their webhook / form triggers answer; the others are imported to explore. */
const TEMPLATES: Array<{ file: string; publish: boolean }> = [
	{ file: 'm365-license-sync-core.json', publish: true },
	{ file: 'm365-sync-now.json', publish: true },
	{ file: 'm365-approve-changes.json', publish: true },
	{ file: 'm365-review-changes.json', publish: true },
	{ file: 'm365-company-overview.json', publish: true },
	{ file: 'm365-onboarding.json', publish: true },
	{ file: 'm365-billing-profiles.json', publish: true },
	{ file: 'm365-link-licenses.json', publish: true },
	{ file: 'm365-contact-sync.json', publish: true },
	{ file: 'm365-daily-license-sync.json', publish: false },
];

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function syncNow(n8n: N8nServer, body: Record<string, unknown>): Promise<SyncSummary> {
	const response = await n8n.callWebhook('m365-sync-now', { body, headers: { [WEBHOOK_HEADER]: WEBHOOK_SECRET } });
	if (response.status !== 200) throw new Error(`Sync now answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
	return response.body as SyncSummary;
}

export async function startDemo(options: DemoOptions): Promise<DemoSession> {
	const { log } = options;
	let step = Date.now();
	log('Preparing the n8n runtime (pinned n8n + Node 24; the first time this installs for several minutes)');
	await prepareRuntime(log);
	log(`  ready (${seconds(step)})`);

	step = Date.now();
	log(`Starting the sandbox: Microsoft login, Partner Center, Graph, ConnectWise PSA and Autotask PSA with ${options.tenants} tenants (seed ${options.seed})`);
	const sandbox = await startSandbox({ tenants: options.tenants, seed: options.seed });
	log(`  ${sandbox.urls.base} (${seconds(step)})`);

	const started = await startN8nAndRun(sandbox, options).catch((error: Error) => error);
	if (started instanceof Error) {
		await sandbox.stop();
		throw started;
	}
	const { n8n, report } = started;
	return {
		sandbox,
		n8n,
		report,
		access: accessText(n8n),
		async stop() {
			await n8n.stop();
			await sandbox.stop();
		},
	};
}

async function startN8nAndRun(sandbox: Sandbox, options: DemoOptions): Promise<{ n8n: N8nServer; report: string }> {
	const step = Date.now();
	options.log('Starting n8n with the package installed as a community node, the credentials and the templates');
	const workflows: WorkflowJson[] = TEMPLATES.map(({ file, publish }) => ({ ...loadTemplate(file), active: publish }));
	const n8n = await startN8n({ name: 'demo', credentials: credentialsFor(sandbox, workflows), workflows });
	const { packageInstallMs, cliImportMs, startMs, ownerSetupMs } = n8n.timings;
	const part = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
	options.log(`  ${n8n.baseUrl} (${seconds(step)}: package install ${part(packageInstallMs)}, imports ${part(cliImportMs)}, start ${part(startMs)}, owner + publish ${part(ownerSetupMs)})`);
	const report = await runScenario(sandbox, n8n, options).catch((error: Error) => error);
	if (report instanceof Error) {
		await n8n.stop();
		throw report;
	}
	return { n8n, report };
}

async function runScenario(sandbox: Sandbox, n8n: N8nServer, options: DemoOptions): Promise<string> {
	const { log, psa } = options;
	let step = Date.now();
	// A dry run with nothing configured yet: the core creates its Data Tables (the company map with its psa column) and writes nothing.
	await syncNow(n8n, { everyone: true, dryRun: true });
	log(`Onboarding: Tenant Auto-Map matches Partner Center customers to ${PSA_NAMES[psa]} companies (onboarding workflow)`);
	const needsReview = await runOnboarding(`${n8n.baseUrl}/form/m365-onboarding`, PSA_NAMES[psa]);
	const companyMap = (await n8n.getDataTableRows('m365_company_map')) as unknown as CompanyMapRow[];
	log(`  ${companyMap.length} mapped, ${needsReview.length} need review (${seconds(step)})`);
	// Each row says the PSA it was onboarded on: the sync bills that company there.
	const inPsa = (companyMap as Array<{ psa?: string | null }>).filter((row) => row.psa === psa).length;
	if (inPsa !== companyMap.length) throw new Error(`${inPsa} of ${companyMap.length} company-map rows say psa ${psa}`);

	step = Date.now();
	log('Setting up billing profiles and license links for the mapped customers');
	const configuration = demoConfiguration(sandbox.state, companyMap);
	await insertDataTableRows(n8n, 'm365_billing_profiles', configuration.billingProfiles as unknown as Array<Record<string, unknown>>);
	await insertDataTableRows(n8n, 'm365_license_links', configuration.links as unknown as Array<Record<string, unknown>>);
	log(`  ${configuration.billingProfiles.length} billing profiles, ${configuration.links.length} links (${seconds(step)})`);

	step = Date.now();
	log(`Running the daily sync on ${PSA_NAMES[psa]} (through the Sync now webhook)`);
	sandbox.requests.clear();
	const sync = await syncNow(n8n, { everyone: true });
	const syncMs = Date.now() - step;
	log(`  done (${seconds(step)}; writes: ${psaWrites(sandbox, 'autotask')} to Autotask PSA, ${psaWrites(sandbox, 'connectwise')} to ConnectWise PSA)`);

	step = Date.now();
	log('Running it again: a second sync must find nothing to write');
	sandbox.requests.clear();
	const secondSync = await syncNow(n8n, { everyone: true });
	const secondSyncWrites = psaWrites(sandbox, 'connectwise') + psaWrites(sandbox, 'autotask');
	log(`  done (${seconds(step)})`);

	const tenantNames = new Map(sandbox.state.tenants.map((tenant) => [tenant.tenantId, tenant.name]));
	const companyNames = new Map(sandbox.state.companies.map((company) => [company.id, company.name ?? `company ${company.id}`]));
	return formatReport({
		tenants: sandbox.state.tenants.length,
		seed: options.seed,
		psa: PSA_NAMES[psa],
		mapped: companyMap.length,
		needsReview,
		links: configuration.links.length,
		linkedTenants: new Set(configuration.links.map((link) => link.tenantId)).size,
		billingProfiles: configuration.billingProfiles.length,
		withoutAgreement: configuration.withoutAgreement.length,
		sync,
		syncMs,
		secondSync,
		secondSyncWrites,
		tenantName: (tenantId) => (tenantId ? tenantNames.get(tenantId) ?? tenantId : 'unknown tenant'),
		companyName: (companyId) => (companyId === null ? null : companyNames.get(Number(companyId)) ?? null),
	});
}

function accessText(n8n: N8nServer): string {
	return [
		`n8n editor       ${n8n.baseUrl}`,
		`  owner login    ${OWNER.email} / ${OWNER.password}`,
		`Onboarding form  ${n8n.baseUrl}/form/m365-onboarding (decide the tenants that need review)`,
		`Review changes   ${n8n.baseUrl}/form/m365-review-changes (approve or reject what the sync held back)`,
		`Company overview ${n8n.baseUrl}/form/m365-company-overview (one company's licenses beside its PSA lines, Sync now)`,
		`Other forms      ${n8n.baseUrl}/form/m365-link-licenses, /form/m365-billing-profiles, /form/m365-contact-sync`,
		`  forms login    ${FORMS_LOGIN.user} / ${FORMS_LOGIN.password} (the browser asks; credential "M365 forms login", type Basic Auth)`,
		`Sync now         curl -X POST ${n8n.baseUrl}/webhook/m365-sync-now -H '${WEBHOOK_HEADER}: ${WEBHOOK_SECRET}' -H 'content-type: application/json' -d '{"everyone": true}'`,
		'Data Tables      m365_company_map, m365_billing_profiles, m365_license_links, m365_approvals, m365_sync_audit (Overview → Data tables)',
	].join('\n');
}
