/**
 * Custom counts (#18) in real n8n: the shipped core template with Sync now, one link billing the
 * members of an Entra group ("Managed Users", with nested groups), and one tenant split across
 * two companies by department. The first run creates the three lines with the counts the
 * sandbox's directory holds and reports the users matching no company; the second writes nothing.
 */
import { startSandbox, type Sandbox, type SandboxState, type Tenant } from '../../sandbox';
import { hasLiveGdap, LICENSE_READER_ROLES } from '../../sandbox/data/gdap';
import { transitiveUserIds } from '../../sandbox/data/directory';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { insertDataTableRows } from './support/dataTables';
import { stopwatch, type SyncSummary } from './support/summary';
import { callSyncNow } from './support/syncNowCall';
import { activeAdditions } from './templates/scenario';
import { credentialsFor, loadTemplate } from './templates/templates';

const PRODUCT = 'MSP-SUPPORT-USER';
const PROFILE = 'Managed users';

interface Billed {
	tenant: Tenant;
	companyId: number;
	agreementId: number;
}

/**
 * A company's active "M365 Monthly" or "Managed Services" agreement with no managed line yet
 * (a managed line no link writes would rightly hold the new line for approval).
 */
function agreementOf(state: SandboxState, companyId: number): number | undefined {
	const managedLines = (id: number) => state.additions.filter((a) => a.agreementId === id && !a.cancelledDate && /^m365-license-sync/i.test(a.serialNumber ?? '')).length;
	return state.agreements.find((a) => a.company?.id === companyId && (a.type?.id === 1 || a.type?.id === 3) && a.agreementStatus === 'Active' && managedLines(a.id) === 0)?.id;
}

function readable(state: SandboxState, tenant: Tenant): boolean {
	return !tenant.removed && hasLiveGdap(state.gdapRelationships, tenant.tenantId, Date.now(), LICENSE_READER_ROLES);
}

function billedTenant(state: SandboxState, wanted: (tenant: Tenant) => boolean, skip: number[] = []): Billed {
	for (const tenant of state.tenants) {
		const companyId = state.groundTruth.tenantToCompany[tenant.tenantId];
		if (!companyId || skip.includes(companyId) || !wanted(tenant) || !readable(state, tenant)) continue;
		const agreementId = agreementOf(state, companyId);
		if (agreementId) return { tenant, companyId, agreementId };
	}
	throw new Error('the seeded data has no such tenant: choose another seed');
}

const licensedEnabled = (tenant: Tenant) => tenant.users.filter((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0) as Array<{ department?: string | null }>;

describe('Custom counts and a split tenant in n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nServer;
	const { timings, timed } = stopwatch();
	let group: Billed;
	let split: Billed;
	let second: { companyId: number; agreementId: number };
	let expected: Array<{ agreementId: number; quantity: number }>;
	let unmatched: number;

	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 15, seed: 18 });
		const state = sandbox.state;
		group = billedTenant(state, (t) => !t.split);
		// A split tenant with users in both departments (small tenants may lack one).
		const bothHalves = (t: Tenant) => ['Sales', 'Support'].every((department) => licensedEnabled(t).some((u) => u.department === department));
		split = billedTenant(state, (t) => t.split && bothHalves(t), [group.companyId]);
		// The split tenant's second company: any other company with a free agreement.
		const other = state.companies.map((c) => c.id).find((id) => id !== group.companyId && id !== split.companyId && agreementOf(state, id) !== undefined)!;
		second = { companyId: other, agreementId: agreementOf(state, other)! };
		const managed = group.tenant.groups.find((g) => g.displayName === 'Managed Users')!;
		const members = group.tenant.users.filter((u) => transitiveUserIds(group.tenant, managed.id).includes(u.id) && u.accountEnabled !== false).length;
		const staff = licensedEnabled(split.tenant);
		const sales = staff.filter((u) => u.department === 'Sales').length;
		const support = staff.filter((u) => u.department === 'Support').length;
		unmatched = staff.length - sales - support;
		expect(unmatched).toBeGreaterThan(0);
		expected = [
			{ agreementId: group.agreementId, quantity: members },
			{ agreementId: split.agreementId, quantity: sales },
			{ agreementId: second.agreementId, quantity: support },
		];
		expect(expected.every((line) => line.quantity > 0)).toBe(true);

		const workflows: WorkflowJson[] = [
			{ ...loadTemplate('m365-license-sync-core.json'), active: true },
			{ ...loadTemplate('m365-sync-now.json'), active: true },
		];
		// A ConnectWise-only install: no Autotask credential was ever made. The core's Autotask nodes get no items, so they
		// neither run nor stop publishing or the sync.
		n8n = await timed('startMs', () => startN8n({ name: 'custom-counts', credentials: credentialsFor(sandbox, workflows, ['autotaskPsaApi']), workflows }));
		// The first run creates the tables; then the configuration as the forms would write it.
		expect((await callSyncNow(n8n, { json: { everyone: true } })).status).toBe(200);
		const company = (id: number) => state.companies.find((c) => c.id === id)!;
		const mapRow = (tenant: Tenant, companyId: number) => ({ tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId, companyIdentifier: company(companyId).identifier, companyName: company(companyId).name, method: 'e2e', score: 1 });
		await insertDataTableRows(n8n, 'm365_company_map', [mapRow(group.tenant, group.companyId), mapRow(split.tenant, split.companyId), mapRow(split.tenant, second.companyId)]);
		await insertDataTableRows(n8n, 'm365_billing_profiles', [{ name: PROFILE, productIdentifier: PRODUCT, agreementTypes: 'M365 Monthly, Managed Services', billCustomer: 'Billable', priceMode: 'catalog' }]);
		await insertDataTableRows(n8n, 'm365_license_links', [
			{ tenantId: group.tenant.tenantId, skuIds: `count:group:${managed.id}`, agreementId: group.agreementId, billingProfile: PROFILE, showUsernames: true },
			{ tenantId: split.tenant.tenantId, skuIds: 'count:licensedUsers@department=Sales', companyId: split.companyId, agreementId: split.agreementId, billingProfile: PROFILE },
			{ tenantId: split.tenant.tenantId, skuIds: 'count:licensedUsers@department=Support', companyId: second.companyId, agreementId: second.agreementId, billingProfile: PROFILE },
		]);
	});

	afterAll(async () => {
		if (n8n) {
			process.stdout.write(`e2e custom-counts: ${JSON.stringify(timings)}\n`);
			await n8n.stop();
		}
		await sandbox?.stop();
	});

	it('creates the group-count line and one line per company of the split tenant, and reports users matching no company', async () => {
		const answer = await timed('firstSyncMs', () => callSyncNow(n8n, { json: { everyone: true } }));
		expect(answer.status).toBe(200);
		const summary = answer.body as SyncSummary;
		// Held or skipped items are in the diff when this fails.
		expect({ counts: summary.counts, needsApproval: summary.needsApproval, notSynced: summary.notSynced.filter((item) => item.action !== 'unlinked'), couldNotRead: summary.couldNotRead })
			.toMatchObject({ counts: { create: 3, update: 0, failed: 0 }, needsApproval: [], notSynced: [], couldNotRead: [] });
		for (const line of expected) {
			const [addition] = activeAdditions(sandbox.state, line.agreementId, PRODUCT);
			expect({ agreementId: line.agreementId, quantity: addition?.quantity }).toEqual(line);
		}
		// Usernames on the group line's invoice, as the link asked.
		const groupLine = activeAdditions(sandbox.state, group.agreementId, PRODUCT)[0];
		expect(groupLine.invoiceDescription).toContain('Members of Managed Users');
		expect(groupLine.invoiceDescription).toMatch(/@/);
		// Users in neither department: reported with their count (the tenant's unlinked SKUs are reported too).
		const reported = summary.notSynced.filter((item) => item.tenantId === split.tenant.tenantId && item.action === 'unlinked' && /matching no company/.test(item.reasons[0]));
		expect(reported.map((item) => item.reasons[0])).toEqual(['no link for Licensed users — matching no company (department): link it to an agreement']);
	});

	it('writes nothing on the second run', async () => {
		const before = JSON.stringify(sandbox.state.additions);
		const answer = await timed('secondSyncMs', () => callSyncNow(n8n, { json: { everyone: true } }));
		expect(answer.status).toBe(200);
		expect((answer.body as SyncSummary).counts).toMatchObject({ create: 0, update: 0, unchanged: 3, failed: 0 });
		expect(JSON.stringify(sandbox.state.additions)).toBe(before);
	});
});
