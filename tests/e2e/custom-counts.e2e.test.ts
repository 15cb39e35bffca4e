/**
 * Custom counts (#18) in real n8n: the shipped core template with Sync now, one link billing the
 * members of an Entra group ("Managed Users", with nested groups), and one tenant split across
 * two companies by department. The split is made on the onboarding form and the three links on
 * the link licenses form (the group picked by name, each company's share offered with its count
 * now). The first run creates the three lines with the counts the sandbox's directory holds and
 * reports the users matching no company; the second writes nothing.
 */
import { startSandbox, type Sandbox, type SandboxState, type Tenant } from '../../sandbox';
import { hasLiveGdap, LICENSE_READER_ROLES } from '../../sandbox/data/gdap';
import { transitiveUserIds } from '../../sandbox/data/directory';
import { startN8n, type N8nServer, type WorkflowJson } from './harness';
import { insertDataTableRows } from './support/dataTables';
import { decodeHtml, expectPage, fieldByLabel, openForm, submitForm, useFormLogin, type FormPage } from './support/formClient';
import { keepPage } from './support/formPages';
import { stopwatch, type SyncSummary } from './support/summary';
import { callSyncNow } from './support/syncNowCall';
import { activeAdditions } from './templates/scenario';
import { FORMS_LOGIN, credentialsFor, loadTemplate } from './templates/templates';

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

const optionWith = (page: FormPage, label: string, wanted: (option: string) => boolean): string => {
	const field = fieldByLabel(page, label);
	const found = field.options.filter(wanted);
	if (found.length !== 1) throw new Error(`${found.length} options of "${label}" on "${page.title}" fit: ${field.options.join(' | ')}`);
	return found[0];
};

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
			{ ...loadTemplate('m365-onboarding.json'), active: true },
			{ ...loadTemplate('m365-link-licenses.json'), active: true },
		];
		// A ConnectWise-only install: no Autotask credential was ever made. The core's Autotask nodes get no items, so they
		// neither run nor stop publishing or the sync.
		n8n = await timed('startMs', () => startN8n({ name: 'custom-counts', credentials: credentialsFor(sandbox, workflows, ['autotaskPsaApi']), workflows }));
		useFormLogin(FORMS_LOGIN);
		const company = (id: number) => state.companies.find((c) => c.id === id)!;
		const form = (path: string) => `${n8n.baseUrl}/form/${path}`;

		// Onboarding: split the tenant by department, Sales to one company and Support to the other.
		await timed('splitFormMs', async () => {
			const start = await openForm(form('m365-onboarding'));
			let page = expectPage(await submitForm(start, { [fieldByLabel(start, 'Split one tenant').key]: split.tenant.initialDomain }));
			expect(page.title).toBe('Split a tenant');
			keepPage('onboarding-split-tenant', page);
			page = expectPage(await submitForm(page, {
				[fieldByLabel(page, 'Tenant').key]: optionWith(page, 'Tenant', (o) => o.endsWith(`(${split.tenant.initialDomain})`)),
				[fieldByLabel(page, 'Split the users by').key]: 'Department',
				[fieldByLabel(page, 'How many companies').key]: '2',
			}));
			expect(page.title).toBe('Companies of the tenant');
			page = expectPage(await submitForm(page, {
				[fieldByLabel(page, 'Company 1: name contains').key]: company(split.companyId).name,
				[fieldByLabel(page, 'Company 1: values').key]: 'Sales',
				[fieldByLabel(page, 'Company 2: name contains').key]: company(second.companyId).name,
				[fieldByLabel(page, 'Company 2: values').key]: 'support',
			}));
			expect(page.title).toBe('How the users divide');
			keepPage('onboarding-split-divide', page);
			// The counts now and the users in neither department, as the sync will report them.
			const shown = decodeHtml(page.html);
			expect(shown).toContain(`<td>Company 1</td><td>Sales</td><td>${expected[1].quantity}</td>`);
			expect(shown).toContain(`<td>Company 2</td><td>support</td><td>${expected[2].quantity}</td>`);
			expect(shown).toContain(`<b>${unmatched} licensed users match no company</b>`);
			const pick = (n: number, id: number) => ({ [fieldByLabel(page, `Company ${n} (`).key]: `${company(id).name} (${company(id).identifier})` });
			const done = await submitForm(page, { ...pick(1, split.companyId), ...pick(2, second.companyId), [fieldByLabel(page, 'Save?').key]: 'Save these companies for the tenant' });
			expect(done.kind === 'page' ? done.page.title : done.status).toBe('Tenant split');
		});
		const mapRow = (tenant: Tenant, companyId: number) => ({ tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId, companyIdentifier: company(companyId).identifier, companyName: company(companyId).name, method: 'e2e', score: 1 });
		await insertDataTableRows(n8n, 'm365_company_map', [mapRow(group.tenant, group.companyId)]);
		// The split rows say the PSA the form was answered for (ConnectWise, the default).
		expect((await n8n.getDataTableRows('m365_company_map')).filter((row) => row.tenantId === split.tenant.tenantId).map((row) => [row.companyId, row.splitAttribute, row.splitValues, row.psa]).sort())
			.toEqual([[split.companyId, 'department', 'Sales', 'connectwise'], [second.companyId, 'department', 'support', 'connectwise']].sort());

		// Link licenses: its first session creates the profile and link tables; the profile is then added as the billing profiles form would.
		const first = await openForm(form('m365-link-licenses'));
		expectPage(await submitForm(first, { [fieldByLabel(first, 'Company name contains').key]: 'no such company' }));
		await insertDataTableRows(n8n, 'm365_billing_profiles', [{ name: PROFILE, productIdentifier: PRODUCT, agreementTypes: 'M365 Monthly, Managed Services', billCustomer: 'Billable', priceMode: 'catalog' }]);

		/** One link licenses session: company, license or count (and the group), agreement, preview, save. Returns the preview's text. */
		const link = async (billed: { tenant: Tenant; companyId: number; agreementId: number }, choose: (option: string) => boolean, extra: { group?: string; usernames?: boolean; name: string }) => {
			const start = await openForm(form('m365-link-licenses'));
			let page = expectPage(await submitForm(start, { [fieldByLabel(start, 'Company name contains').key]: company(billed.companyId).name }));
			page = expectPage(await submitForm(page, { [fieldByLabel(page, 'Company').key]: optionWith(page, 'Company', (o) => o.startsWith(`${company(billed.companyId).name} — `) && [billed.tenant.defaultDomain, billed.tenant.initialDomain].some((domain) => o.includes(`(${domain})`))) }));
			expect(page.title).toBe('Licenses');
			keepPage(`link-licenses-counts-${extra.name}`, page);
			page = expectPage(await submitForm(page, {
				[fieldByLabel(page, 'License or count').key]: optionWith(page, 'License or count', choose),
				[fieldByLabel(page, 'Group name contains').key]: extra.group ?? '',
				[fieldByLabel(page, 'Billing profile').key]: PROFILE,
			}));
			if (extra.group) {
				expect(page.title).toBe('Which group?');
				keepPage('link-licenses-group', page);
				page = expectPage(await submitForm(page, { [fieldByLabel(page, 'Group').key]: optionWith(page, 'Group', (o) => o.startsWith(`${extra.group} [count:group:`)) }));
			}
			expect(page.title).toBe('Agreement and billing options');
			page = expectPage(await submitForm(page, {
				[fieldByLabel(page, 'Agreement').key]: optionWith(page, 'Agreement', (o) => o.endsWith(`#${billed.agreementId}`)),
				[fieldByLabel(page, 'Usernames on the invoice').key]: extra.usernames ? 'Yes' : 'No',
			}));
			expect(page.title).toBe('Preview');
			keepPage(`link-licenses-preview-${extra.name}`, page);
			const preview = decodeHtml(page.html);
			expect(preview).toContain('<td>What happens</td><td>A new line is added to the agreement</td>');
			const done = await submitForm(page, { [fieldByLabel(page, 'Save this link').key]: 'Save' });
			expect(done.kind === 'page' ? done.page.title : done.status).toBe('License linked');
			return preview;
		};
		await timed('linkFormsMs', async () => {
			const groupPreview = await link(group, (o) => o.startsWith('Members of a group'), { group: 'Managed Users', usernames: true, name: 'group' });
			expect(groupPreview).toContain(`<td>Members of Managed Users now</td><td>${expected[0].quantity}</td>`);
			for (const [billed, department, index] of [[split, 'sales', 1], [{ ...second, tenant: split.tenant }, 'support', 2]] as const) {
				const preview = await link(billed, (o) => o.endsWith(`[count:licensedusers@department=${department}]`), { name: department });
				expect(preview).toContain(`<td>Licensed users — department: ${department} now</td><td>${expected[index].quantity}</td>`);
			}
		});
		const links = await n8n.getDataTableRows('m365_license_links');
		expect(links.map((row) => [row.skuIds, row.companyId, row.agreementId]).sort()).toEqual([
			[`count:group:${managed.id}`, group.companyId, group.agreementId],
			['count:licensedusers@department=sales', split.companyId, split.agreementId],
			['count:licensedusers@department=support', second.companyId, second.agreementId],
		].sort());
	});

	afterAll(async () => {
		useFormLogin(undefined);
		if (n8n) {
			for (const execution of await n8n.listExecutions({ status: 'error', includeData: true })) {
				const data = JSON.stringify(execution.data);
				process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
			}
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
