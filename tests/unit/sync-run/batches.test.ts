import { addUpBatches, outcomeOf, splitIntoBatches, type BatchRow, type ScopeForBatches } from '../../../nodes/SyncRun/core';

const t = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const scopeOf = (tenants: number[], links: Array<[number, number]>, companies: Record<number, number> = {}, notSynced: number[] = []): ScopeForBatches => ({
	tenants: tenants.map((n) => ({ tenantId: t(n) })),
	links: links.map(([tenant, agreementId]) => ({ tenantId: t(tenant), agreementId })),
	companiesOf: Object.fromEntries(Object.entries(companies).map(([tenant, companyId]) => [t(Number(tenant)), [{ companyId }]])),
	notSynced: notSynced.map((n) => ({ tenantId: t(n) })),
});

describe('split a run into batches', () => {
	test.each([
		{ name: 'ten lone tenants by 4', scope: scopeOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], []), size: 4, sizes: [4, 4, 2] },
		{ name: 'batch size larger than the run', scope: scopeOf([1, 2, 3], []), size: 100, sizes: [3] },
		{ name: 'no tenants', scope: scopeOf([], []), size: 10, sizes: [] },
		{ name: 'two tenants on one agreement are never split', scope: scopeOf([1, 2, 3], [[1, 7], [2, 9], [3, 7]]), size: 1, sizes: [2, 1] },
		{ name: 'tenants of one company stay together', scope: scopeOf([1, 2, 3, 4], [], { 1: 50, 4: 50 }), size: 2, sizes: [2, 2] },
		{ name: 'a group larger than the batch size is one batch', scope: scopeOf([1, 2, 3, 4], [[1, 5], [2, 5], [3, 5]]), size: 2, sizes: [3, 1] },
		{ name: 'a link of an unmapped tenant (not synced) is in a batch', scope: scopeOf([1], [], {}, [2]), size: 1, sizes: [1, 1] },
	])('$name', ({ scope, size, sizes }) => {
		const batches = splitIntoBatches(scope, size);
		expect(batches.map((batch) => batch.tenantIds.length)).toEqual(sizes);
		const all = batches.flatMap((batch) => batch.tenantIds);
		// Every tenant in exactly one batch, numbered 1..n.
		expect(new Set(all).size).toBe(all.length);
		expect(batches.map((batch) => [batch.batchNo, batch.batchCount])).toEqual(sizes.map((_, index) => [index + 1, sizes.length]));
	});

	it('keeps every tenant of an agreement in the same batch', () => {
		const batches = splitIntoBatches(scopeOf([1, 2, 3, 4, 5, 6], [[1, 7], [6, 7], [3, 8], [4, 8]]), 2);
		const batchOf = (n: number): number => batches.find((batch) => batch.tenantIds.includes(t(n)))!.batchNo;
		expect(batchOf(1)).toBe(batchOf(6));
		expect(batchOf(3)).toBe(batchOf(4));
	});

	it('is the same for the same scope (ids in any case and order)', () => {
		const scope = scopeOf([3, 1, 2], [[2, 4]]);
		const upper = { ...scope, tenants: [...scope.tenants].reverse().map((tenant) => ({ tenantId: tenant.tenantId.toUpperCase() })) };
		expect(splitIntoBatches(upper, 2)).toEqual(splitIntoBatches(scope, 2));
	});

	test.each([0, -1, 2.5, Number.NaN])('refuses batch size %p', (size) => {
		expect(() => splitIntoBatches(scopeOf([1], []), size)).toThrow(/batchSize must be a whole number of at least 1/);
	});
});

const counts = (values: Partial<Record<string, number>>): Record<string, number> => ({
	tenants: 0, links: 0, create: 0, update: 0, unchanged: 0, needsApproval: 0, notSynced: 0, couldNotRead: 0, failed: 0, ...values,
});
const batchSummary = (values: Partial<Record<string, number>>, extra: Record<string, unknown> = {}): string => JSON.stringify({
	status: 'ran', referenceDate: '2026-12-01', counts: counts(values), changes: [], needsApproval: [], notSynced: [], couldNotRead: [], failed: [], text: 'x', ...extra,
});
const row = (batchNo: number, tenants: number[], status: string, summary = '', more: Partial<BatchRow> = {}): BatchRow => ({
	batchNo, batchCount: 3, tenantIds: JSON.stringify(tenants.map(t)), status, summary, executionId: String(100 + batchNo), ...more,
});
const OPTIONS = { waitedSeconds: 0, dryRun: false, timeZone: 'UTC', now: '2026-12-01T06:00:00.000Z' };

describe('add up the batches of a run', () => {
	it('sums counts and joins the lists of finished batches', () => {
		const change = { action: 'create', applied: true, tenantId: t(1), agreementId: 7, product: 'M365BP', before: null, after: 3 };
		const held = { key: 'k1', tenantId: t(3), agreementId: 9, product: 'E3', before: 10, after: 2, reasons: ['decrease over 20%'] };
		const summary = addUpBatches([
			row(2, [3], 'done', batchSummary({ tenants: 1, links: 1, needsApproval: 1 }, { needsApproval: [held], text: 'x\nApprove or reject them in the form http://n8n/form/m365-review-changes (workflow …).' })),
			row(1, [1, 2], 'done', batchSummary({ tenants: 2, links: 3, create: 1, unchanged: 2 }, { changes: [change] })),
			row(3, [4], 'done', batchSummary({ tenants: 1, notSynced: 1 })),
		], OPTIONS);
		expect(summary.status).toBe('ran');
		expect(summary.counts).toEqual({ ...counts({ tenants: 4, links: 4, create: 1, unchanged: 2, needsApproval: 1, notSynced: 1 }), couldNotSync: 0 });
		expect(summary.changes).toEqual([change]);
		expect(summary.needsApproval).toEqual([held]);
		expect(summary.batches.map((batch) => [batch.batchNo, batch.status])).toEqual([[1, 'done'], [2, 'done'], [3, 'done']]);
		expect(summary.text.split('\n')).toEqual([
			'M365 license sync for 2026-12-01 (UTC), in 3 batches: 1 created, 0 updated, 2 unchanged, 1 need approval, 1 not synced, 0 could not be read, 0 failed.',
			`• create ${t(1)} / agreement 7 / M365BP: - → 3`,
			`• needs approval ${t(3)} / agreement 9 / E3: 10 → 2 (decrease over 20%)`,
			'Approve or reject them in the form http://n8n/form/m365-review-changes (workflow …).',
		]);
	});

	test.each([
		{ name: 'failed (the core stopped with an error)', batch: row(2, [3, 4], 'failed', '', { error: 'ConnectWise answered 500' }), status: 'failed', reason: /batch 2 failed: ConnectWise answered 500/ },
		{ name: 'never picked up by a worker', batch: row(2, [3, 4], 'queued'), status: 'unfinished', reason: /batch 2 was never started by a worker in time/ },
		{ name: 'started but not finished', batch: row(2, [3, 4], 'running'), status: 'unfinished', reason: /batch 2 started but did not finish in time/ },
		{ name: 'its webhook call failed', batch: row(2, [3, 4], 'queued', '', { startError: 'connect ECONNREFUSED' }), status: 'notStarted', reason: /could not be started: connect ECONNREFUSED/ },
		{ name: 'refused (the parent no longer held the lock)', batch: row(2, [3, 4], 'refused', '', { error: 'run 9 does not hold the sync lock' }), status: 'refused', reason: /was refused: run 9 does not hold/ },
		{ name: 'done without a summary', batch: row(2, [3, 4], 'done', 'not json'), status: 'failed', reason: /without a readable summary/ },
	])('a batch that $name: its tenants could not sync, the run is incomplete', ({ batch, status, reason }) => {
		const summary = addUpBatches([row(1, [1], 'done', batchSummary({ tenants: 1 })), batch, row(3, [5], 'done', batchSummary({ tenants: 1 }))], OPTIONS);
		expect(summary.status).toBe('incomplete');
		expect(summary.counts.tenants).toBe(2);
		expect(summary.counts.couldNotSync).toBe(2);
		expect(summary.couldNotSync.map((item) => item.tenantId)).toEqual([t(3), t(4)]);
		expect(summary.couldNotSync[0].reason).toMatch(reason);
		expect(summary.batches[1]).toMatchObject({ batchNo: 2, status, tenants: 2 });
		expect(summary.text).toMatch(/2 tenants could not sync \(1 of 3 batches did not finish\)/);
		expect(summary.text).toMatch(/• batch 2 of 3 \(2 tenants, execution 102\) .*its tenants could not sync/);
		expect(outcomeOf(summary).status).toBe('failures');
	});

	it('a batch row that is missing counts as not finished', () => {
		const summary = addUpBatches([row(1, [1], 'done', batchSummary({ tenants: 1 })), row(3, [5], 'done', batchSummary({ tenants: 1 }))], OPTIONS);
		expect(summary.status).toBe('incomplete');
		expect(summary.batches[1]).toMatchObject({ batchNo: 2, status: 'missing' });
	});
});

describe('the outcome of a sync in the executions list', () => {
	test.each([
		{ name: 'clean', summary: { status: 'ran', counts: counts({ create: 2, update: 1, unchanged: 5 }) }, status: 'clean', changes: 3, failed: 0 },
		{ name: 'held changes only', summary: { status: 'ran', counts: counts({ needsApproval: 2, notSynced: 1 }) }, status: 'heldForApproval', changes: 0, failed: 0 },
		{ name: 'a failed write', summary: { status: 'ran', counts: counts({ create: 2, failed: 1 }) }, status: 'failures', changes: 2, failed: 1 },
		{ name: 'a read that failed', summary: { status: 'ran', counts: counts({ couldNotRead: 2 }) }, status: 'failures', changes: 0, failed: 2 },
		{ name: 'a batch that did not finish', summary: { status: 'incomplete', counts: { ...counts({}), couldNotSync: 4 } }, status: 'failures', changes: 0, failed: 4 },
		{ name: 'busy', summary: { status: 'busy', counts: counts({}) }, status: 'busy', changes: 0, failed: 0 },
		{ name: 'no summary at all', summary: undefined, status: 'failures', changes: 0, failed: 0 },
	])('$name', ({ summary, status, changes, failed }) => {
		expect(outcomeOf(summary)).toMatchObject({ status, changes, failed });
	});
});
