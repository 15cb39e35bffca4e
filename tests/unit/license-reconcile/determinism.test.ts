import type { PlanItem, Row } from '../../../nodes/LicenseReconcile/core';
import { E3, E5, TODAY, addition, applyPlan, license, link, profile, run, type Scenario } from './fixtures';

/** Deterministic shuffle (seeded LCG) so a failure is reproducible. */
function shuffle<T>(list: T[], seed: number): T[] {
	const out = [...list];
	let state = seed;
	for (let i = out.length - 1; i > 0; i--) {
		state = (state * 1103515245 + 12345) % 2147483648;
		const j = state % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function reorderKeys(row: Row): Row {
	return Object.fromEntries(Object.entries(row).reverse());
}

/** A mixed book: creates, updates with prorate, unchanged, guards, conflicts, skips, unlinked. */
function book(): Required<Omit<Scenario, 'options'>> {
	const tenants = Array.from({ length: 12 }, (_, i) => `tenant-${String(i).padStart(2, '0')}`);
	const licenses: Row[] = [];
	const links: Row[] = [];
	const additions: Row[] = [];
	tenants.forEach((tenantId, i) => {
		licenses.push(license({ tenantId, purchased: 5 + i, assigned: 3 + i, users: [`b${i}@x.com`, `a${i}@x.com`, `A${i}@x.com`] }));
		licenses.push(license({ tenantId, skuId: E5, skuPartNumber: 'SPE_E5', productName: 'Microsoft 365 E5', purchased: i % 3 }));
		links.push(link({ tenantId, agreementId: 100 + i, showUsernames: i % 2 === 0, showUnassigned: i % 3 === 0, prorate: i % 2 ? 'increases' : 'increasesAndDecreases', agreementProrate: true, billingCycle: 'Monthly' }));
		if (i % 4 !== 0) additions.push(addition({ agreementId: 100 + i, additionId: 1000 + i, quantity: 5 + i + ((i % 5) - 2) }));
	});
	links.push(link({ tenantId: 'gone', agreementId: 900 }), link({ agreementId: 'bad' }), link({ tenantId: 'tenant-01', agreementId: 101 }));
	additions.push(addition({ agreementId: 105, additionId: 2000 }));
	// The rules of issues #12 and #14: a failed read, a seat counted twice, a manual line, a rejected row, SKUs by name.
	licenses.push({ error: 'Forbidden: no GDAP role', tenantId: 'tenant-11' }, license({ tenantId: 'tenant-04', skuId: E5, purchased: 'x' }));
	links.push(link({ linkId: 'twice', tenantId: 'tenant-03', agreementId: 700, skuIds: 'SPE_E3' }));
	additions.push(addition({ agreementId: 102, additionId: 3000, serialNumber: null, managed: false, quantity: 1 }));
	return { licenses, links, profiles: [profile(), profile({ name: 'Unused', productIdentifier: 'U' })], additions };
}

describe('order independence', () => {
	test.each([1, 2, 3, 4, 5])('shuffled inputs and field order (seed %i) → the same plan', (seed) => {
		const b = book();
		const expected = run(b);
		const shuffled = run({
			licenses: shuffle(b.licenses, seed).map(reorderKeys),
			links: shuffle(b.links, seed + 10).map(reorderKeys),
			profiles: shuffle(b.profiles, seed + 20),
			additions: shuffle(b.additions, seed + 30).map(reorderKeys),
		});
		expect(shuffled).toEqual(expected);
		expect(JSON.stringify(shuffled)).toBe(JSON.stringify(expected));
	});

	test('the book exercises every kind of plan item', () => {
		expect(new Set(run(book()).map((p) => p.action))).toEqual(new Set(['create', 'update', 'unchanged', 'needsApproval', 'conflict', 'skip', 'unlinked', 'readFailed']));
	});

	test('the book exercises the billing-safety rules too', () => {
		const text = run(book()).flatMap((p) => p.reasons).join('\n');
		for (const expected of ['could not read licenses of tenant tenant-11', 'the same seats are also counted by link twice', 'unmarked addition 3000 for M365-E3 on agreement 102', 'license row (tenant tenant-04']) {
			expect(text).toContain(expected);
		}
	});

	test('SKU order inside a link does not matter', () => {
		const licenses = [license(), license({ skuId: E5, purchased: 2 })];
		expect(run({ licenses, links: [link({ skuIds: [E5, E3] })] })).toEqual(run({ licenses, links: [link({ skuIds: [E3, E5] })] }));
	});
});

describe('idempotence', () => {
	const changes = (plan: PlanItem[]) => plan.filter((p) => p.action === 'create' || p.action === 'update');

	test('apply the plan, reconcile again the same day → zero changes, same keys', () => {
		const b = book();
		const first = run(b);
		expect(changes(first).length).toBeGreaterThan(3);
		const applied = applyPlan(b.additions, first);
		const second = run({ ...b, additions: applied });
		expect(changes(second)).toEqual([]);
		// Each applied change comes back unchanged under the same key: recognisably the same work.
		const unchangedKeys = new Set(second.filter((p) => p.action === 'unchanged').map((p) => p.key));
		for (const change of changes(first)) expect(unchangedKeys).toContain(change.key);
		// Nothing else moved: the held, skipped and conflicting items are as before.
		const rest = (plan: PlanItem[]) => plan.filter((p) => !['create', 'update', 'unchanged'].includes(p.action));
		expect(rest(second)).toEqual(rest(first));
	});

	test('the next day, prorate lines written yesterday change nothing', () => {
		const b = book();
		const applied = applyPlan(b.additions, run(b));
		const nextDay = run({ ...b, additions: applied, options: { referenceDate: '2026-03-11' } });
		expect(changes(nextDay)).toEqual([]);
	});

	test('a count change after apply is one update with the delta', () => {
		const b = { licenses: [license()], links: [link()], profiles: [profile()], additions: [] as Row[] };
		const applied = applyPlan(b.additions, run(b));
		const later = run({ ...b, additions: applied, licenses: [license({ purchased: 11 })], options: { referenceDate: '2026-03-20' } });
		expect(later).toEqual([expect.objectContaining({ action: 'update', delta: 1, quantity: 11, effectiveDate: TODAY })]);
	});
});
