/**
 * The core template's "Scope of this run" and "Summary" expressions as node code (#16): the
 * rules, and the same output as the expressions had (copied into templateExpressions.json
 * from workflows-templates/m365-license-sync-core.json at fa210964) on the same inputs.
 */
import { runScope, runSummary, type Row, type SummaryInput } from '../../../nodes/SyncRun/core';
import expressions from './templateExpressions.json';

const T1 = 'aaaaaaaa-0000-0000-0000-000000000001';
const T2 = 'aaaaaaaa-0000-0000-0000-000000000002';
const T3 = 'aaaaaaaa-0000-0000-0000-000000000003';

/** Runs a template expression with n8n's `$(node)` answering from `nodes` (node name → outputs). */
function evaluate(expression: string, nodes: Record<string, Row[][]>, extra: Record<string, unknown> = {}): Row {
	const $ = (name: string) => {
		const outputs = nodes[name];
		return {
			isExecuted: outputs !== undefined,
			first: () => ({ json: (outputs ?? [[]])[0][0] }),
			all: (branch = 0) => {
				if (!outputs) throw new Error(`node ${name} did not run`);
				return (outputs[branch] ?? []).map((json) => ({ json }));
			},
		};
	};
	const names = ['$', ...Object.keys(extra)];
	const run = new Function(...names, `return ${expression};`) as (...args: unknown[]) => Row;
	return run($, ...Object.values(extra));
}

const companyMap: Row[] = [
	{ tenantId: T1.toUpperCase(), companyId: 250, companyName: 'Contoso', tenantName: 'Contoso Ltd' },
	{ tenantId: T2, companyId: 251, companyName: 'Fabrikam' },
	{ tenantId: T2, companyId: 252, companyName: 'Fabrikam East' },
	{ tenantId: T3, companyId: 253, companyName: 'Tailspin' },
	{},
];
const links: Row[] = [
	{ tenantId: T1, skuIds: 'SKU-A', agreementId: 500, billingProfile: 'E3', showUsernames: 'true' },
	{ tenantId: T1, skuIds: ['SKU-B'], agreementId: 501, billingProfile: 'E5', term: 'P1Y' },
	{ tenantId: T2, skuIds: 'SKU-C', agreementId: 502, billingProfile: 'BP' },
	{ tenantId: T2, skuIds: 'SKU-D', agreementId: 503, billingProfile: 'BP', companyId: 252 },
	{ tenantId: T2, skuIds: 'SKU-E', agreementId: 504, billingProfile: 'BP', companyId: '999' },
	{ tenantId: 'bbbbbbbb-0000-0000-0000-000000000009', skuIds: 'SKU-F', agreementId: 505, billingProfile: 'BP' },
	{ tenantId: T3, skuIds: 'SKU-G', agreementId: 506, billingProfile: 'BP', companyId: 253 },
	{ skuIds: 'no tenant' },
];

describe('Scope of this run', () => {
	test.each([
		{ name: 'everyone', request: {} },
		{ name: 'one company', request: { companyId: ' 252 ' } },
		{ name: 'a company whose tenant has two companies (the unnamed links are reported)', request: { companyId: 251 } },
		{ name: 'one tenant, any case, dry run as text', request: { tenantId: ` ${T1.toUpperCase()} `, dryRun: 'TRUE' } },
		{ name: 'a tenant with no links', request: { tenantId: T3, dryRun: true } },
		{ name: 'a company nobody has', request: { companyId: 404 } },
	])('$name: as the template expression', ({ request }) => {
		const expected = evaluate(expressions['Scope of this run'], { 'When called by a workflow': [[request]], 'Read company map': [companyMap], 'Read license links': [links] });
		expect(runScope(request, companyMap, links)).toEqual(expected);
	});

	test.each([
		{ request: {}, companies: { [T1]: 250 }, reasons: [`tenant ${T2} is mapped to companies 251, 252 and the link names none: set companyId on the link`, `the link names company 999, but tenant ${T2} is not mapped to it`, 'tenant bbbbbbbb-0000-0000-0000-000000000009 is not mapped to a company'] },
		{ request: { companyId: 252 }, companies: {}, reasons: [`tenant ${T2} is mapped to companies 251, 252 and the link names none: set companyId on the link`, `the link names company 999, but tenant ${T2} is not mapped to it`] },
	])('a link bills its named company or the only one, never a guess ($request)', ({ request, companies, reasons }) => {
		const scope = runScope(request, companyMap, links);
		for (const [tenant, company] of Object.entries(companies)) expect(scope.links.filter((l) => l.tenantId === tenant).every((l) => l.companyId === company)).toBe(true);
		expect(scope.notSynced.map((n) => n.reasons[0])).toEqual(reasons);
	});

	test('usernames and subscriptions are read only for tenants whose links use them', () => {
		const scope = runScope({}, companyMap, links);
		expect(scope.tenants.find((t) => t.tenantId === T1)).toEqual({ tenantId: T1, tenantName: 'Contoso Ltd', includeUsernames: true, includeSubscriptions: true });
		expect(scope.tenants.find((t) => t.tenantId === T3)).toMatchObject({ includeUsernames: false, includeSubscriptions: false });
		expect(scope.agreements).toEqual([500, 501, 503, 506].map((agreementId) => ({ agreementId })));
	});
});

describe('Summary', () => {
	const scope = runScope({}, companyMap, links);
	const plan = (key: string, action: string, extra: Row = {}): Row => ({ key, action, tenantId: T1, agreementId: 500, productIdentifier: 'E3', referenceDate: '2026-03-10', ...extra });
	const result = (action: string, applied: boolean, extra: Row = {}): Row => ({
		action, applied, dryRun: false, tenantId: T1, agreementId: 500, additionId: 9, productIdentifier: 'E3',
		before: { quantity: 3 }, after: { quantity: 5, invoiceDescription: 'Microsoft 365 E3' }, prorate: null, reasons: ['r'], ...extra,
	});
	const base: SummaryInput = {
		scope, timeZone: 'Europe/Berlin', planned: [], applied: [], unchanged: [], held: [], notSynced: [], licenseReadFailures: [], lineReadFailures: [],
		waitedSeconds: 0, reviewFormUrl: 'https://n8n.example/form/m365-review-changes', now: '2026-03-10T23:30:00.000Z',
	};
	const cases: Array<{ name: string; input: Partial<SummaryInput> }> = [
		{ name: 'nothing to do', input: {} },
		{
			name: 'created, updated, already there, failed',
			input: {
				planned: [plan('a', 'create'), plan('b', 'update', { tenantId: T2, companyId: 252 }), plan('c', 'update'), plan('d', 'create')],
				applied: [result('create', true, { before: null }), result('update', true, { tenantId: T2 }), result('update', false), { error: 'Agreement 500 was not found in ConnectWise PSA' }],
				waitedSeconds: 12,
			},
		},
		{
			name: 'held, not synced, unlinked elsewhere, reads that failed',
			input: {
				unchanged: [plan('u', 'unchanged')],
				held: [{ key: 'h', proposedAction: 'update', tenantId: T3, agreementId: 506, productIdentifier: 'BP', currentQuantity: 10, quantity: 2, reasons: ['decrease of 80%'], referenceDate: '2026-03-11' }],
				notSynced: [
					{ action: 'unlinked', tenantId: T2, skuIds: ['SKU-C'], productName: 'Business Premium', reasons: ['no link'] },
					{ action: 'unlinked', tenantId: T3, skuIds: ['SKU-Z'], skuPartNumber: 'SKU_Z', reasons: ['no link'] },
					{ action: 'readFailed', tenantId: T1, agreementId: 500, productIdentifier: 'E3', reasons: ['could not read'] },
					{},
				],
				licenseReadFailures: [{ error: 'no GDAP role', tenantId: T3 }, { error: 'throttled', details: { tenantId: T1 } }],
				lineReadFailures: [{ error: 'ConnectWise PSA answered 503', details: { agreementId: 501 } }],
			},
		},
		{ name: 'a dry run', input: { scope: { ...scope, dryRun: true }, planned: [plan('a', 'create')], applied: [result('create', false, { dryRun: true })] } },
		{ name: 'no separate plan: License Reconcile\'s changes are the plan', input: { reconcileChanges: [plan('a', 'create', { companyId: 77 })], applied: [{ error: 'refused' }] } },
	];

	test.each(cases)('$name: as the template expression', ({ input }) => {
		const full = { ...base, ...input };
		const nodes: Record<string, Row[][]> = {
			'Scope of this run': [[full.scope as unknown as Row]],
			'Sync settings': [[{ timeZone: full.timeZone }]],
			'Plan to apply': [full.planned],
			'Apply changes': [full.applied],
			'License Reconcile': [full.reconcileChanges ?? full.planned, full.unchanged, full.held, full.notSynced],
			'Read licenses': [[], full.licenseReadFailures],
			'Read current additions': [[], full.lineReadFailures],
			'Who holds the lock': [[{ waitedSeconds: full.waitedSeconds }]],
		};
		const $now = { toISO: () => full.now, setZone: () => ({ toISODate: () => '2026-03-11' }) };
		const $execution = { resumeFormUrl: 'https://n8n.example/form-waiting/123' };
		const expected = evaluate(expressions.Summary, nodes, { $now, $execution });
		expect(runSummary(full)).toEqual(expected);
	});

	test('the day of a run with no plan is today in the run\'s time zone', () => {
		expect(runSummary(base).referenceDate).toBe('2026-03-11');
		expect(runSummary({ ...base, timeZone: 'America/New_York' }).referenceDate).toBe('2026-03-10');
	});

	test('counts and text a person reads', () => {
		const summary = runSummary({ ...base, ...cases[1].input });
		expect(summary.counts).toEqual({ tenants: 3, links: 4, create: 1, update: 1, unchanged: 1, needsApproval: 0, notSynced: 3, couldNotRead: 0, failed: 1 });
		expect(summary.text.split('\n')).toEqual([
			'M365 license sync for 2026-03-10 (Europe/Berlin): 1 created, 1 updated, 1 unchanged, 0 need approval, 3 not synced, 0 could not be read, 1 failed.',
			'Waited 12 s for another sync to finish first.',
			`• create ${T1} / agreement 500 / E3: - → 5`,
			`• update ${T2} / agreement 500 / E3: 3 → 5`,
			`• failed ${T1} / agreement 500: Agreement 500 was not found in ConnectWise PSA`,
		]);
		expect(summary.failed[0]).toMatchObject({ key: 'd', companyId: 250 });
		expect(summary.changes[1]).toMatchObject({ companyId: 252 });
	});
});
