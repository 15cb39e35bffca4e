/**
 * The M365 Setup Form pages for custom counts and split tenants (#18), fed by the Microsoft
 * Partner Center node against the sandbox's Graph in n8n-core, as the link licenses and
 * onboarding templates chain them: the licenses page with the counts' values now, a refused read
 * said as such (never 0), the group page from the tenant's groups (and a tenant whose groups
 * cannot be read), the preview's count, and the split pages with users matching no company.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox, type Tenant } from '../../sandbox';
import { transitiveUserIds } from '../../sandbox/data/directory';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { forgetTokenProviders } from '../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';
import { SetupForm } from '../../nodes/SetupForm/SetupForm.node';
import { countFacts, linkRow, SPLIT_SAVE, type LinkRow, type MapRow } from '../../nodes/SetupForm/core';
import { partnerCenterCredential } from '../unit/partner-center/sandboxCredential';
import { runNode } from './harness';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Json = Record<string, unknown>;
interface Field {
	fieldType: string;
	fieldName?: string;
	fieldLabel?: string;
	html?: string;
	fieldOptions?: { values: Array<{ option: string }> };
}

let sandbox: Sandbox;
const microsoft = new MicrosoftPartnerCenter();
const setupForm = new SetupForm();

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 12, seed: 18 });
});
afterAll(async () => {
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.reset();
	forgetTokenProviders();
});

const live = () => sandbox.state.tenants.filter((t) => sandbox.state.gdapRelationships.some((r) => r.customer?.tenantId === t.tenantId && r.status === 'active'));
const companyOf = (tenant: Tenant, extra: Partial<MapRow> = {}): MapRow => ({ tenantId: tenant.tenantId, tenantName: tenant.name, defaultDomain: tenant.defaultDomain, companyId: 250, companyName: `${tenant.name} (PSA)`, ...extra });
const licensedEnabled = (tenant: Tenant) => tenant.users.filter((u) => u.accountEnabled !== false && (u.assignedLicenses ?? []).length > 0) as Array<Tenant['users'][number] & { companyName?: string | null; department?: string | null }>;

/** The Microsoft node on these items; failures stay items (the templates' "continue"), each with the input item it came from. */
async function microsoftNode(parameters: INodeParameters, inputs: INodeExecutionData[]): Promise<Json[]> {
	const result = await runNode({ node: microsoft, parameters: { authentication: 'refreshToken', ...parameters }, inputs: [inputs], credentials: { microsoftPartnerCenterApi: partnerCenterCredential(sandbox) }, onError: 'continueRegularOutput' });
	return (result.outputs[0] ?? []).map((item) => ({ ...item.json, readItem: (item.pairedItem as { item: number } | undefined)?.item ?? null }));
}

async function setupNode(parameters: INodeParameters, input: Json = {}): Promise<Json[]> {
	const result = await runNode({ node: setupForm, parameters, inputs: [[{ json: input as never }]] });
	if (result.error) throw result.error;
	return (result.outputs[0] ?? []).map((item) => item.json as Json);
}

const fieldsOf = (page: unknown): Field[] => JSON.parse((page as { fields: string }).fields) as Field[];
const options = (page: unknown, name: string) => fieldsOf(page).find((f) => f.fieldName === name)!.fieldOptions!.values.map((v) => v.option);
const htmlOf = (page: unknown) => fieldsOf(page).filter((f) => f.fieldType === 'html').map((f) => f.html).join('');

/** The licenses page as the link licenses template builds it: licenses, domains, the count reads, the page. */
async function licensesPage(company: MapRow, mapRows: MapRow[] = [company]) {
	const item = [{ json: { tenantId: company.tenantId, tenantName: company.tenantName } }];
	const licenses = await microsoftNode({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'partnerCenter', options: {} }, item);
	const [organization] = await microsoftNode({ resource: 'organization', operation: 'get', tenantId: '={{ $json.tenantId }}', options: {} }, item);
	const domains = (organization.domains as string[] | undefined) ?? [];
	const requests = await setupNode({ operation: 'linkCountReads', company: company as never, mapRows: mapRows as never, licenses: licenses as never, verifiedDomains: domains as never });
	const reads = await microsoftNode({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'partnerCenter', options: { counts: '={{ $json.counts }}' } }, requests.map((json) => ({ json: json as never })));
	const [out] = await setupNode({ operation: 'linkLicensesPage', company: company as never, mapRows: mapRows as never, licenses: licenses as never, verifiedDomains: domains as never, countReads: requests as never, countRows: reads as never, links: [], profiles: [{ name: 'Managed users', agreementTypes: 'Managed Services' }] as never });
	return { page: out.page, requests, reads, domains };
}

describe('link licenses: the licenses page offers the counts beside the SKUs', () => {
	test('licensed users (all and per verified domain) and mailboxes with their values now, read once each', async () => {
		const tenant = live()[0];
		const { page, requests, domains } = await licensesPage(companyOf(tenant));
		expect(requests).toHaveLength(2);
		const licensed = licensedEnabled(tenant).length;
		const mailboxes = (types: string[]) => tenant.mailboxes.filter((m) => !m.isDeleted && types.includes(m.recipientType)).length;
		const offered = options(page, 'license');
		expect(offered).toEqual(expect.arrayContaining([
			'Licensed users [count:licensedusers]',
			`Licensed users (${tenant.defaultDomain}) [count:licensedusers:${tenant.defaultDomain}]`,
			'User mailboxes [count:mailboxes:user]',
			'User and shared mailboxes [count:mailboxes:user+shared]',
			'Members of a group… (pick the group next) [count:group]',
			'Licensed users in the domains typed below [count:licensedusers:typed]',
		]));
		expect(domains).toContain(tenant.defaultDomain);
		// The SKUs are still there, first.
		expect(offered[0]).toMatch(/\[[0-9a-f-]{36}\]$/);
		const shown = htmlOf(page);
		expect(shown).toContain(`<td>Licensed users</td><td>${licensed}</td>`);
		expect(shown).toContain(`<td>User mailboxes</td><td>${mailboxes(['User'])}</td>`);
		expect(shown).toContain(`<td>User and shared mailboxes</td><td>${mailboxes(['User', 'Shared'])}</td>`);
		// One users read and one report read for all of it.
		const graph = sandbox.requests.list().filter((r) => r.service === 'graph');
		expect(graph.filter((r) => /\/users$/.test(r.path)).length).toBe(1);
		expect(graph.filter((r) => r.path.includes('getMailboxUsageDetail')).length).toBe(1);
	});

	test('a tenant whose mailbox report is refused: the mailbox counts say why, never 0; licensed users still show their value', async () => {
		const tenant = live()[1];
		sandbox.faults.denyReports([tenant.tenantId]);
		const { page } = await licensesPage(companyOf(tenant));
		const shown = htmlOf(page);
		expect(shown).toMatch(/<td>count:mailboxes:user<\/td><td>could not be read: [^<]*mailbox usage report \(403\)/);
		expect(shown).not.toMatch(/<td>User mailboxes<\/td><td>0<\/td>/);
		expect(shown).toContain(`<td>Licensed users</td><td>${licensedEnabled(tenant).length}</td>`);
		expect(options(page, 'license')).toContain('count:mailboxes:user (could not be read) [count:mailboxes:user]');
	});
});

describe('link licenses: a group count, picked by name', () => {
	test("the group page lists the tenant's groups by name; the saved skuIds entry is the group's count id, and the preview shows its members now", async () => {
		const tenant = live()[0];
		const company = companyOf(tenant);
		const groups = await microsoftNode({ resource: 'group', operation: 'getAll', tenantId: '={{ $json.tenantId }}', nameContains: 'managed', options: {} }, [{ json: { tenantId: tenant.tenantId } }]);
		const [out] = await setupNode({ operation: 'linkGroupPage', company: company as never, groups: groups as never, groupSearch: 'managed' });
		const managed = tenant.groups.find((g) => g.displayName === 'Managed Users')!;
		const offered = options(out.page, 'group');
		expect(offered).toEqual(['Managed Sales', 'Managed Support', 'Managed Users'].map((name) => `${name} [count:group:${tenant.groups.find((g) => g.displayName === name)!.id}]`));
		const answers = { agreement: 'Managed (Managed Services) #812', quantityBasis: 'Purchased (licenses bought)', prorate: 'Off', showUsernames: 'No', showUnassigned: 'No' };
		const link = linkRow(company, 'Members of a group… (pick the group next) [count:group]', 'Managed users', answers, { group: offered[2] });
		expect(link).toMatchObject({ skuIds: `count:group:${managed.id}`, companyId: 250, agreementId: 812 });
		// The preview reads the link's count as the sync does.
		const read = await microsoftNode({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'partnerCenter', options: { counts: '={{ $json.skuIds }}' } }, [{ json: link as never }]);
		const members = tenant.users.filter((u) => transitiveUserIds(tenant, managed.id).includes(u.id) && u.accountEnabled !== false).length;
		expect(countFacts(link, read, { action: 'create' })).toEqual([['Members of Managed Users now', String(members)]]);
	});

	test("a tenant whose group members cannot be read: the preview says so, never 0; a tenant whose groups cannot be listed gets a page saying why", async () => {
		const [tenant, other] = live();
		const managed = tenant.groups.find((g) => g.displayName === 'Managed Users')!;
		sandbox.faults.serverError(`graph GET /v1.0/groups/${managed.id}/transitiveMembers/microsoft.graph.user`, { status: 403, count: 10 });
		const link = { tenantId: tenant.tenantId, skuIds: `count:group:${managed.id}` } as LinkRow;
		const read = await microsoftNode({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'partnerCenter', options: { counts: '={{ $json.skuIds }}' } }, [{ json: link as never }]);
		expect(read).toEqual([expect.objectContaining({ tenantId: tenant.tenantId, error: expect.stringMatching(/members.*403/) })]);
		const [fact] = countFacts(link, read, { action: 'readFailed' });
		expect(fact[1]).toMatch(/^could not be read: .*403/);

		sandbox.faults.removeConsent([other.tenantId]);
		const groups = await microsoftNode({ resource: 'group', operation: 'getAll', tenantId: '={{ $json.tenantId }}', options: {} }, [{ json: { tenantId: other.tenantId } }]);
		const [out] = await setupNode({ operation: 'linkGroupPage', company: companyOf(other) as never, groups: groups as never, groupSearch: '' });
		expect((out.page as { title: string }).title).toBe('Groups could not be read');
		expect(htmlOf(out.page)).toContain('GroupMember.Read.All');
		expect(options(out.page, 'whatNow')).toEqual(['Go back and pick another license or billing profile', 'Stop here (nothing is saved)']);
	});
});

describe('one tenant, several companies', () => {
	const splitTenant = () => live().find((t) => t.split && licensedEnabled(t).some((u) => u.companyName === `${t.name} North`) && licensedEnabled(t).some((u) => u.companyName === `${t.name} South`))!;

	test('onboarding: tenant and attribute, each company its values, how the users divide as the sync reads them (no company, two companies), then one company map row per company', async () => {
		const tenant = splitTenant();
		const tenants = await microsoftNode({ resource: 'customer', operation: 'getAll', returnAll: true, filters: {}, options: {} }, [{ json: {} }]);
		const companies = [{ companyId: 301, name: 'North Ltd', identifier: 'NorthLtd', types: [] }, { companyId: 302, name: 'South Ltd', identifier: 'SouthLtd', types: [] }];
		const base = { operation: 'splitStep', tenants: tenants as never, companies: companies as never, mapRows: [] as never, tenantSearch: tenant.name, now: '2026-12-01T00:00:00.000Z' };
		let [step] = await setupNode({ ...base, progress: 'null' });
		const tenantOption = options(step.page, 'tenant')[0];
		expect(tenantOption).toContain(tenant.name);
		[step] = await setupNode({ ...base, progress: step.progress as never }, { tenant: tenantOption, attribute: 'Company name (Entra user property)', companies: '2' });
		// Company 2's values also name North: North's users match two companies.
		[step] = await setupNode({ ...base, progress: step.progress as never }, { company1: 'North', values1: `${tenant.name} North`, company2: 'South', values2: `${tenant.name} South, ${tenant.name} North` });
		expect(step.next).toBe('read');
		const read = step.read as Json;
		const reads = await microsoftNode({ resource: 'license', operation: 'getAll', tenantId: '={{ $json.tenantId }}', source: 'partnerCenter', options: { counts: '={{ $json.counts }}' } }, [{ json: read as never }]);
		[step] = await setupNode({ ...base, reads: reads as never, progress: step.progress as never }, reads[0]);
		const staff = licensedEnabled(tenant);
		const north = staff.filter((u) => u.companyName === `${tenant.name} North`);
		const south = staff.filter((u) => u.companyName === `${tenant.name} South`);
		const neither = staff.filter((u) => u.companyName !== `${tenant.name} North` && u.companyName !== `${tenant.name} South`);
		const shown = htmlOf(step.page);
		// Ids sort "…=<name> north" before "…=<name> north+<name> south": company 1 counts the users matching both, once.
		expect(shown).toContain(`<td>Company 1</td><td>${tenant.name} North</td><td>${north.length}</td><td>${north.length}: `);
		expect(shown).toContain(`<td>Company 2</td><td>${tenant.name} South, ${tenant.name} North</td><td>${south.length}</td><td>${north.length}: `);
		expect(neither.length).toBeGreaterThan(0);
		expect(shown).toContain(`<b>${neither.length} licensed users match no company</b>`);
		[step] = await setupNode({ ...base, reads: reads as never, progress: step.progress as never }, { company1: 'North Ltd (NorthLtd)', company2: 'South Ltd (SouthLtd)', whatNow: SPLIT_SAVE });
		expect(step.next).toBe('save');
		expect(step.rows).toEqual([
			expect.objectContaining({ tenantId: tenant.tenantId, companyId: 301, companyName: 'North Ltd', splitAttribute: 'companyName', splitValues: `${tenant.name} North`, method: 'split' }),
			expect.objectContaining({ tenantId: tenant.tenantId, companyId: 302, companyName: 'South Ltd', splitAttribute: 'companyName', splitValues: `${tenant.name} South, ${tenant.name} North` }),
		]);
	});

	test("link licenses for a split company: its share of each SKU and count, the users matching no company named, and a saved entry with the share's suffix", async () => {
		const tenant = splitTenant();
		const north = companyOf(tenant, { companyId: 301, companyName: 'North Ltd', splitAttribute: 'companyName', splitValues: `${tenant.name} North` });
		const south = companyOf(tenant, { companyId: 302, companyName: 'South Ltd', splitAttribute: 'companyName', splitValues: `${tenant.name} South` });
		const { page } = await licensesPage(north, [north, south]);
		const suffix = `@companyname=${tenant.name.toLowerCase()} north`;
		const offered = options(page, 'license');
		expect(offered).toContain(`Licensed users — companyName: ${tenant.name.toLowerCase()} north [count:licensedusers${suffix}]`);
		// Every SKU offered is this company's share of it.
		const skuOptions = offered.filter((o) => /\[[0-9a-f-]{36}@/.test(o));
		expect(skuOptions.length).toBeGreaterThan(0);
		expect(offered.filter((o) => /\[[0-9a-f-]{36}\]$/.test(o))).toEqual([]);
		const staff = licensedEnabled(tenant);
		const mine = staff.filter((u) => u.companyName === `${tenant.name} North`).length;
		const neither = staff.filter((u) => u.companyName !== `${tenant.name} North` && u.companyName !== `${tenant.name} South`).length;
		const shown = htmlOf(page);
		expect(shown).toContain(`${mine}</td>`);
		expect(shown).toContain(`${neither} licensed users match no company`);
		const link = linkRow(north, offered.find((o) => o.includes(`[count:licensedusers${suffix}]`))!, 'Managed users', { agreement: 'A #900', quantityBasis: 'Purchased (licenses bought)', prorate: 'Off' });
		expect(link).toMatchObject({ skuIds: `count:licensedusers${suffix}`, companyId: 301 });
	});
});
