/**
 * The summary of a sync run (Sync Run → Summarize): what a caller of Sync now or the daily
 * sync's e-mail reads. Apply results of both PSAs come in one list, in any order.
 */
import { dayIn, scopeOfRun, summarizeRun, type StepOutputs } from '../../../nodes/SyncRun/core';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const scope = scopeOfRun({
	request: {},
	companyMap: [{ tenantId: T1, companyId: 250 }, { tenantId: T2, companyId: 260, psa: 'autotask' }],
	licenseLinks: [
		{ tenantId: T1, skuIds: 'e3', agreementId: 100 },
		{ tenantId: T2, skuIds: 'bp', agreementId: 200 },
	],
	batchTenantIds: null,
	defaultPsa: 'connectwise',
});
const OPTIONS = { timeZone: 'UTC', waitedSeconds: 0, reviewFormUrl: 'https://n8n.example/form/m365-review-changes', now: '2026-12-01T06:00:00.000Z' };
const steps = (values: Partial<StepOutputs>): StepOutputs => ({ planned: [], applied: [], unchanged: [], held: [], notSynced: [], licenseReadFailures: [], lineReadFailures: [], ...values });

const plan = (key: string, tenantId: string, agreementId: number, quantity: number) => ({ key, action: 'update', tenantId, agreementId, productIdentifier: `P${agreementId}`, quantity, referenceDate: '2026-12-01' });
const result = (item: ReturnType<typeof plan>, before: number) => ({ ...item, applied: true, dryRun: false, before: { quantity: before }, after: { quantity: item.quantity, invoiceDescription: 'M365' }, prorate: null, reasons: ['more seats'] });

describe('summary of a run', () => {
	it('pairs each PSA\'s results with their plan items by key, whatever order the PSAs answered in', () => {
		const cw = plan('k-cw', T1, 100, 12);
		const at = plan('k-at', T2, 200, 7);
		// Autotask's result first, and a failure that names only its key.
		const summary = summarizeRun(scope, steps({ planned: [cw, at], applied: [result(at, 5), { error: 'Autotask said no', key: 'k-cw', details: { key: 'k-cw' } }] }), OPTIONS);
		expect(summary.changes).toEqual([expect.objectContaining({ action: 'update', tenantId: T2, companyId: 260, agreementId: 200, before: 5, after: 7, applied: true })]);
		expect(summary.failed).toEqual([{ key: 'k-cw', action: 'update', tenantId: T1, companyId: 250, agreementId: 100, product: 'P100', reasons: ['Autotask said no'] }]);
		expect(summary.counts).toEqual({ tenants: 2, links: 2, create: 0, update: 1, unchanged: 0, needsApproval: 0, notSynced: 0, couldNotRead: 0, failed: 1 });
		expect(summary.text.split('\n')).toEqual([
			'M365 license sync for 2026-12-01 (UTC): 0 created, 1 updated, 0 unchanged, 0 need approval, 0 not synced, 0 could not be read, 1 failed.',
			`• update ${T2} / agreement 200 / P200: 5 → 7`,
			`• failed ${T1} / agreement 100: Autotask said no`,
		]);
	});

	it('a planned change that no PSA node answered for is reported failed, never dropped', () => {
		const cw = plan('k-cw', T1, 100, 12);
		const lost = plan('k-lost', T2, 200, 7);
		const summary = summarizeRun(scope, steps({ planned: [cw, lost], applied: [result(cw, 10)] }), OPTIONS);
		expect(summary.counts).toMatchObject({ update: 1, failed: 1 });
		expect(summary.failed).toEqual([expect.objectContaining({ key: 'k-lost', tenantId: T2, companyId: 260, agreementId: 200, reasons: [expect.stringMatching(/^no PSA node answered for this change, so it was not applied/)] })]);
	});

	it('a dry run counts what it would write; results that wrote nothing are unchanged', () => {
		const item = plan('k1', T1, 100, 12);
		const summary = summarizeRun({ ...scope, dryRun: true }, steps({ planned: [item], applied: [{ ...result(item, 10), applied: false, dryRun: true }, { ...result(plan('k2', T1, 100, 3), 3), applied: false }] }), OPTIONS);
		expect(summary.counts).toMatchObject({ update: 1, unchanged: 1 });
		expect(summary.text).toMatch(/^M365 license sync \(dry run\) for 2026-12-01/);
	});

	it('lists held changes with the review form, read failures of both kinds, and not-synced items with the scope\'s own', () => {
		const summary = summarizeRun(
			{ ...scope, notSynced: [{ action: 'skip', tenantId: T1, agreementId: 9, product: null, reasons: ['scope said so'] }] },
			steps({
				held: [{ key: 'h', proposedAction: 'update', tenantId: T1, agreementId: 100, productIdentifier: 'P', currentQuantity: 40, quantity: 2, reasons: ['big decrease'] }],
				licenseReadFailures: [{ error: 'GDAP expired', details: { tenantId: T2 } }],
				lineReadFailures: [{ error: 'Autotask 500', agreementId: 200 }],
				notSynced: [{ action: 'unlinked', tenantId: T1, skuIds: ['x'], productName: 'Visio', reasons: ['no link'] }, {}],
			}),
			{ ...OPTIONS, waitedSeconds: 12 },
		);
		expect(summary.needsApproval).toEqual([{ key: 'h', action: 'update', tenantId: T1, companyId: 250, agreementId: 100, product: 'P', before: 40, after: 2, reasons: ['big decrease'] }]);
		expect(summary.couldNotRead).toEqual([{ tenantId: T2, error: 'GDAP expired' }, { agreementId: 200, error: 'Autotask 500' }]);
		expect(summary.notSynced.map((item) => item.reasons)).toEqual([['no link'], ['scope said so']]);
		expect(summary.text).toContain('Waited 12 s for another sync to finish first.');
		expect(summary.text).toContain('Approve or reject them in the form https://n8n.example/form/m365-review-changes');
		expect(summary.text).toContain(`• could not read licenses of tenant ${T2}: GDAP expired`);
		expect(summary.text).toContain('• could not read lines of agreement 200: Autotask 500');
	});

	it('a license linked by a link outside this run is not reported as unlinked', () => {
		const one = scopeOfRun({ request: { companyId: 250 }, companyMap: [{ tenantId: T1, companyId: 250 }, { tenantId: T1, companyId: 251 }], licenseLinks: [{ tenantId: T1, skuIds: 'E3', agreementId: 100, companyId: 251 }], batchTenantIds: null, defaultPsa: '' });
		const summary = summarizeRun(one, steps({ notSynced: [{ action: 'unlinked', tenantId: T1, skuIds: ['e3'], reasons: ['no link'] }] }), OPTIONS);
		expect(summary.notSynced).toEqual([]);
	});

	test.each([
		['UTC', '2026-12-01'],
		['Pacific/Auckland', '2026-12-01'],
		['America/Los_Angeles', '2026-11-30'],
		['Not/AZone', '2026-12-01'],
	])('with no plan items the reference date is today in %s', (timeZone, day) => {
		expect(dayIn('2026-12-01T06:00:00.000Z', timeZone)).toBe(day);
		expect(summarizeRun(scope, steps({}), { ...OPTIONS, timeZone }).referenceDate).toBe(day);
	});
});
