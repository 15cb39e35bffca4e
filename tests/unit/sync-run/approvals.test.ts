/**
 * The held-change write path of the core in node code (#17): which approval rows a run writes
 * (new keys only, with the PSA the change was planned for) and which lines' older pending
 * requests a newer one supersedes, from one read of m365_approvals.
 */
import { approvalChanges, approvalRow } from '../../../nodes/SyncRun/core';

const T1 = '11111111-1111-4111-8111-111111111111';
const NOW = '2026-12-01T06:00:00.000Z';

const held = (key: string, lineKey: string, extra: Record<string, unknown> = {}) => ({
	action: 'needsApproval',
	key,
	lineKey,
	proposedAction: 'update',
	tenantId: T1,
	companyId: 7,
	agreementId: 100,
	productIdentifier: 'M365-E3',
	currentQuantity: 10,
	quantity: 0,
	reasons: ['zero count', 'tenant vanished'],
	psa: 'autotask',
	...extra,
});
const stored = (key: string, lineKey: string, status: string, id = 1) => ({ id, key, lineKey, status, requestedAt: '2026-11-30T06:00:00.000Z' });

describe('approval rows of held changes', () => {
	test('a held change becomes a pending row with the facts the review form shows and the plan to apply later', () => {
		const plan = held('k1', 'l1');
		expect(approvalRow(plan, NOW)).toEqual({
			key: 'k1',
			lineKey: 'l1',
			status: 'pending',
			proposedAction: 'update',
			tenantId: T1,
			companyId: 7,
			agreementId: 100,
			product: 'M365-E3',
			currentQuantity: 10,
			quantity: 0,
			reason: 'zero count; tenant vanished',
			plan: JSON.stringify(plan),
			requestedAt: NOW,
		});
	});

	test('the stored plan names the PSA it was planned for, ConnectWise when the plan names none', () => {
		expect(JSON.parse(approvalRow(held('k1', 'l1'), NOW).plan).psa).toBe('autotask');
		expect(JSON.parse(approvalRow(held('k1', 'l1', { psa: undefined }), NOW).plan).psa).toBe('connectwise');
		expect(JSON.parse(approvalRow(held('k1', 'l1', { psa: null }), NOW).plan).psa).toBe('connectwise');
	});

	test('a new line with no current quantity or company stores empty cells, not zeros', () => {
		const row = approvalRow(held('k1', 'l1', { currentQuantity: undefined, companyId: undefined, reasons: undefined, proposedAction: 'create' }), NOW);
		expect(row).toMatchObject({ currentQuantity: null, companyId: null, reason: '', proposedAction: 'create' });
	});
});

describe('what a run writes to m365_approvals', () => {
	test('first run: every held change is a new row, nothing to supersede', () => {
		const changes = approvalChanges([held('k1', 'l1'), held('k2', 'l2')], [], NOW);
		expect(changes.rows.map(({ row, index }) => [row.key, index])).toEqual([
			['k1', 0],
			['k2', 1],
		]);
		expect(changes.supersede).toEqual([]);
	});

	test('only Needs Approval items are written', () => {
		const changes = approvalChanges([{ ...held('k1', 'l1'), action: 'update' }, held('k2', 'l2')], [], NOW);
		expect(changes.rows.map(({ row }) => row.key)).toEqual(['k2']);
	});

	test('a key the table holds in any status is not written again: a rejected or approved change stays decided', () => {
		const plans = [held('k1', 'l1'), held('k2', 'l2'), held('k3', 'l3')];
		const rows = [stored('k1', 'l1', 'pending', 1), stored('k2', 'l2', 'rejected', 2), stored('k3', 'l3', 'applied', 3)];
		expect(approvalChanges(plans, rows, NOW)).toEqual({ rows: [], supersede: [] });
	});

	test('the same key twice in one run is written once', () => {
		const changes = approvalChanges([held('k1', 'l1'), held('k1', 'l1')], [], NOW);
		expect(changes.rows).toHaveLength(1);
	});

	test('a newer request for a line supersedes its older pending one; other lines keep theirs', () => {
		const rows = [stored('old', 'l1', 'pending', 1), stored('other', 'l9', 'pending', 2), stored('done', 'l1', 'rejected', 3)];
		const changes = approvalChanges([held('new', 'l1')], rows, NOW);
		expect(changes.rows.map(({ row }) => row.key)).toEqual(['new']);
		expect(changes.supersede).toEqual([{ lineKey: 'l1', key: 'new' }]);
	});

	test('a line with only decided older requests has nothing to supersede', () => {
		const changes = approvalChanges([held('new', 'l1')], [stored('old', 'l1', 'rejected'), stored('older', 'l1', 'superseded', 2)], NOW);
		expect(changes.rows).toHaveLength(1);
		expect(changes.supersede).toEqual([]);
	});

	test('after a crash between saving a request and superseding the older one, the next run supersedes it without writing again', () => {
		const afterCrash = [stored('old', 'l1', 'pending', 1), stored('new', 'l1', 'pending', 2)];
		expect(approvalChanges([held('new', 'l1')], afterCrash, NOW)).toEqual({ rows: [], supersede: [{ lineKey: 'l1', key: 'new' }] });
	});

	test('a held change whose own request was decided does not supersede the pending one of the line', () => {
		const rows = [stored('k1', 'l1', 'rejected', 1), stored('k2', 'l1', 'pending', 2)];
		expect(approvalChanges([held('k1', 'l1')], rows, NOW)).toEqual({ rows: [], supersede: [] });
	});

	test('two held changes for one line leave the last one pending', () => {
		const changes = approvalChanges([held('a', 'l1'), held('b', 'l1')], [], NOW);
		expect(changes.rows.map(({ row }) => row.key)).toEqual(['a', 'b']);
		expect(changes.supersede).toEqual([{ lineKey: 'l1', key: 'b' }]);
	});

	test('a held change without a key or line key is refused, naming it', () => {
		expect(() => approvalChanges([held('k1', 'l1'), held('', 'l2')], [], NOW)).toThrow(/Held change 2 \(tenant 11111111-1111-4111-8111-111111111111, M365-E3\) has no key/);
		expect(() => approvalChanges([{ ...held('k1', 'l1'), lineKey: undefined }], [], NOW)).toThrow(/Held change 1 .* has no lineKey/);
	});
});
