/**
 * The PSA-neutral Apply driver against a PSA held in memory: the rules that keep an invoice
 * right, the same for every PSA, and #17's one read of an agreement's lines per execution.
 */
import { mapWithConcurrency } from '../../../nodes/shared/concurrency';
import { IdentifiedError, unwrapIdentified } from '../../../nodes/shared/itemError';
import { MANAGED_MARKER } from '../../../nodes/shared/managedMarker';
import { ApplySession } from '../../../nodes/shared/psa/applyPlan';
import type { ApplyItem, ApplyResult } from '../../../nodes/shared/psa/contracts';
import { parsePlanItem } from '../../../nodes/shared/psa/planItem';
import { GroupStore, LIMITS, MemoryStore, type Fault } from './memoryStore';

const AGREEMENT = 500;
const PRORATE = 'm365-license-sync-prorate#0a1b2c3d';

function item(json: Record<string, unknown>): ApplyItem {
	const parsed = parsePlanItem(
		{ action: 'create', key: 'k', lineKey: 'l', tenantId: 't1', companyId: 10, agreementId: AGREEMENT, productIdentifier: 'E3', quantity: 5, invoiceDescription: 'E3', effectiveDate: '2026-03-01', ...json },
		LIMITS,
	);
	if (parsed.kind !== 'write') throw new Error('not a write item');
	return parsed.item;
}

const prorate = { quantity: 2, from: '2026-03-10', to: '2026-03-31', invoiceDescription: 'E3 prorate', serialNumber: PRORATE };

function store(): MemoryStore {
	return new MemoryStore().addAgreement(AGREEMENT).addAgreement(501).addAgreement(502, 99).addAgreement(503, 10, 'cancelled').addProduct('E3', 7).addProduct('BP', 8);
}

/** Applies the items in one session (one execution), concurrently as n8n's runner may; a failure is its message. */
async function applyAll(s: MemoryStore, items: ApplyItem[], dryRun = false): Promise<Array<ApplyResult | string>> {
	const session = new ApplySession(s);
	return await Promise.all(items.map(async (i) => await session.apply(i, dryRun).catch((e: unknown) => (e instanceof Error ? e.message : String(e)))));
}

async function applyOne(s: MemoryStore, i: ApplyItem, dryRun = false): Promise<ApplyResult> {
	return await new ApplySession(s).apply(i, dryRun);
}

async function refusal(s: MemoryStore, i: ApplyItem): Promise<{ message: string; identity: Record<string, unknown> }> {
	const thrown = await new ApplySession(s).apply(i, false).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(thrown).toBeInstanceOf(IdentifiedError);
	const { error, identity } = unwrapIdentified(thrown);
	return { message: (error as Error).message, identity };
}

describe('Apply through the PSA seam', () => {
	type Case = {
		name: string;
		setup: (s: MemoryStore) => ApplyItem;
		faults?: Fault[];
		/** The message of the refusal, or undefined when the item applies. */
		refused?: RegExp;
		/** Writes the PSA saw, in order. */
		writes: string[];
		reads: number;
		check?: (s: MemoryStore, result: ApplyResult | undefined) => void;
	};
	const cases: Case[] = [
		{
			name: 'a create writes one managed line',
			setup: () => item({}),
			writes: [`create line E3 ${MANAGED_MARKER}`],
			reads: 1,
			check: (s, r) => {
				expect(r).toMatchObject({ applied: true, after: { quantity: 5, marker: MANAGED_MARKER, unitPrice: 20 }, additionId: s.linesOf(AGREEMENT)[0].id });
			},
		},
		{
			name: 'a rerun of a create writes nothing',
			setup: (s) => {
				s.addLine(AGREEMENT, { productIdentifier: 'E3', quantity: 5, invoiceDescription: 'E3', effectiveDate: '2026-03-01', marker: MANAGED_MARKER });
				return item({});
			},
			writes: [],
			reads: 1,
			check: (_s, r) => expect(r).toMatchObject({ applied: false, reasons: ['already created in the PSA'] }),
		},
		{
			name: 'a create beside a different managed line is refused (never a second line)',
			setup: (s) => {
				s.addLine(AGREEMENT, { productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
				return item({});
			},
			refused: /already has managed line \d+ for E3; nothing was created/,
			writes: [],
			reads: 1,
		},
		{
			name: 'a plain create beside an unmarked line needs a decision',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 77, productIdentifier: 'E3', quantity: 4 });
				return item({});
			},
			refused: /already has unmarked line 77 \(4 seats\) for E3; nothing was written: choose adopt/,
			writes: [],
			reads: 1,
		},
		{
			name: 'a second line beside an unmarked line when the plan says so',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 77, productIdentifier: 'E3', quantity: 4 });
				return item({ secondLine: true });
			},
			writes: [`create line E3 ${MANAGED_MARKER}`],
			reads: 1,
		},
		{
			name: 'replace: the unmarked line is cancelled, then the managed line created',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 77, productIdentifier: 'E3', quantity: 4 });
				return item({ cancelAdditions: [{ additionId: 77, quantity: 4 }] });
			},
			writes: ['cancel 77', `create line E3 ${MANAGED_MARKER}`],
			reads: 1,
			check: (s, r) => {
				expect(r?.cancelled).toEqual([{ additionId: 77, quantity: 4, cancelledDate: '2026-03-01', previousCancelledDate: null, applied: true }]);
				expect(s.linesOf(AGREEMENT).find((l) => l.id === 77)?.cancelledDate).toBe('2026-03-01');
			},
		},
		{
			name: 'replace refused for good: the cancelled line bills again',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 77, productIdentifier: 'E3', quantity: 4 });
				return item({ cancelAdditions: [{ additionId: 77, quantity: 4 }] });
			},
			faults: [{ call: 'createLine', kind: 'refuse' }],
			refused: /answered 400; line 77, cancelled for it, bills again as before/,
			writes: ['cancel 77', `create line E3 ${MANAGED_MARKER}`, 'restore 77'],
			reads: 1,
			check: (s) => expect(s.linesOf(AGREEMENT).find((l) => l.id === 77)?.cancelledDate).toBeNull(),
		},
		{
			name: 'replace of a line changed since the decision is refused',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 77, productIdentifier: 'E3', quantity: 6 });
				return item({ cancelAdditions: [{ additionId: 77, quantity: 4 }] });
			},
			refused: /Line 77 on agreement 500 has quantity 6 in the PSA but the decision was made on 4/,
			writes: [],
			reads: 1,
		},
		{
			name: 'an update writes the line',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, invoiceDescription: 'E3', marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3 });
			},
			writes: ['change 50'],
			reads: 1,
			check: (_s, r) => expect(r).toMatchObject({ applied: true, before: { quantity: 3 }, after: { quantity: 5 } }),
		},
		{
			name: 'an update of a line changed since the plan read it is refused',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 4, marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3 });
			},
			refused: /Line 50 has quantity 4 in the PSA but the plan expected 3; nothing was changed/,
			writes: [],
			reads: 1,
		},
		{
			name: 'a rerun of an update writes nothing',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 5, invoiceDescription: 'E3', marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3 });
			},
			writes: [],
			reads: 1,
			check: (_s, r) => expect(r?.reasons).toContain('already up to date in the PSA'),
		},
		{
			name: 'an unmarked line is not updated unless adopted',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3 });
				return item({ action: 'update', additionId: 50 });
			},
			refused: /Line 50 on agreement 500 is not managed by this package \(marker empty\); nothing was changed/,
			writes: [],
			reads: 1,
		},
		{
			name: 'adopt marks the unmarked line and sets its quantity',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, invoiceDescription: 'E3' });
				return item({ action: 'update', additionId: 50, adopt: true, currentQuantity: 3 });
			},
			writes: ['change 50'],
			reads: 1,
			check: (s, r) => {
				expect(s.linesOf(AGREEMENT)[0]).toMatchObject({ marker: MANAGED_MARKER, quantity: 5 });
				expect(r?.reasons).toContain('adopted line 50');
			},
		},
		{
			name: 'a prorate line is never adopted',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: PRORATE });
				return item({ action: 'update', additionId: 50, adopt: true });
			},
			refused: /Line 50 is a prorate line \(marker "m365-license-sync-prorate#0a1b2c3d"\), not a line to adopt/,
			writes: [],
			reads: 1,
		},
		{
			name: 'a line of another product is not updated',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'BP', quantity: 3, marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50 });
			},
			refused: /Line 50 is for product "BP", not "E3"/,
			writes: [],
			reads: 1,
		},
		{
			name: 'an agreement of another company is refused before anything is read',
			setup: () => item({ agreementId: 502 }),
			refused: /Agreement 502 \(Agreement 502\) belongs to company Company 99 \(99\), not to company \(10\) that tenant t1 is mapped to/,
			writes: [],
			reads: 0,
		},
		{
			name: 'an agreement that is not active is refused',
			setup: () => item({ agreementId: 503 }),
			refused: /Agreement 503 \(Agreement 503\) is cancelled; lines are only written to active agreements/,
			writes: [],
			reads: 0,
		},
		{
			name: 'an agreement the PSA does not have is refused',
			setup: () => item({ agreementId: 999 }),
			refused: /^Agreement 999 was not found in Memory PSA$/,
			writes: [],
			reads: 0,
		},
		{
			name: 'prorate first, then the update (C3)',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3, prorate });
			},
			writes: [`create prorate E3 ${PRORATE}`, 'change 50'],
			reads: 1,
			check: (_s, r) => expect(r?.prorate).toMatchObject({ applied: true, serialNumber: PRORATE, quantity: 2 }),
		},
		{
			name: 'crash between prorate and update: the prorate line stays for the next run',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3, prorate });
			},
			faults: [{ call: 'changeLine', kind: 'down' }],
			refused: /answered 503$/,
			writes: [`create prorate E3 ${PRORATE}`, 'change 50'],
			reads: 1,
			check: (s) => expect(s.linesOf(AGREEMENT).map((l) => l.marker)).toEqual([MANAGED_MARKER, PRORATE]),
		},
		{
			name: 'the next run after that crash finds the prorate line and only updates',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
				s.addLine(AGREEMENT, { id: 51, productIdentifier: 'E3', quantity: 2, marker: PRORATE, effectiveDate: '2026-03-10', cancelledDate: '2026-03-31' });
				return item({ action: 'update', additionId: 50, currentQuantity: 3, prorate });
			},
			writes: ['change 50'],
			reads: 1,
			check: (_s, r) => expect(r?.prorate).toMatchObject({ additionId: 51, applied: false }),
		},
		{
			name: 'an update refused for good takes its prorate line back',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3, prorate });
			},
			faults: [{ call: 'changeLine', kind: 'refuse' }],
			refused: /answered 400; the prorate line \d+ written for this change was deleted again/,
			writes: [`create prorate E3 ${PRORATE}`, 'change 50', expect.stringMatching(/^delete \d+$/) as unknown as string],
			reads: 1,
			check: (s) => expect(s.linesOf(AGREEMENT)).toHaveLength(1),
		},
		{
			name: 'a line already at the planned values never gets a prorate line written',
			setup: (s) => {
				s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 5, invoiceDescription: 'E3', marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: 50, currentQuantity: 3, prorate });
			},
			writes: [],
			reads: 1,
			check: (_s, r) => expect(r?.reasons).toContain('no prorate line written: the line already had the planned values'),
		},
	];

	test.each(cases)('$name', async ({ setup, faults, refused, writes, reads, check }) => {
		const s = store();
		const planItem = setup(s);
		s.faults.push(...(faults ?? []));
		let result: ApplyResult | undefined;
		if (refused) expect((await refusal(s, planItem)).message).toMatch(refused);
		else result = await applyOne(s, planItem);
		expect(s.calls.filter((c) => c.call !== 'readLines').map((c) => c.detail)).toEqual(writes);
		expect(s.count('readLines')).toBe(reads);
		check?.(s, result);
	});

	test('a refusal carries the audit facts: what was read and what was meant', async () => {
		const s = store();
		s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 4, marker: MANAGED_MARKER });
		const { identity } = await refusal(s, item({ action: 'update', additionId: 50, currentQuantity: 3, prorate }));
		expect(identity).toMatchObject({ key: 'k', agreementId: AGREEMENT, additionId: 50, companyId: 10, before: { quantity: 4 }, after: { quantity: 5 }, prorate: { serialNumber: PRORATE, additionId: null } });
	});

	test('the decision a plain create needs is in the failure (decisionNeeded, the unmarked lines)', async () => {
		const s = store();
		s.addLine(AGREEMENT, { id: 77, productIdentifier: 'E3', quantity: 4 });
		const { identity } = await refusal(s, item({}));
		expect(identity).toMatchObject({ decisionNeeded: true, unmarkedAdditions: [{ additionId: 77, quantity: 4 }] });
	});

	test('dry run reads and reports, writes nothing', async () => {
		const s = store();
		s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
		const [update, create] = await applyAll(s, [item({ action: 'update', additionId: 50, currentQuantity: 3, prorate }), item({ productIdentifier: 'BP' })], true);
		expect(s.writes()).toBe(0);
		expect(update).toMatchObject({ applied: false, dryRun: true, after: { quantity: 5 }, prorate: { additionId: null, applied: false } });
		expect(create).toMatchObject({ applied: false, dryRun: true, after: { quantity: 5 } });
	});
});

describe('one read of the lines per agreement (#17)', () => {
	test.each([1, 2, 5, 20])('%i changes on one agreement → 1 read', async (n) => {
		const s = store();
		for (let i = 0; i < n; i++) s.addProduct(`P${i}`, 100 + i);
		const items = Array.from({ length: n }, (_, i) => {
			if (i % 2 === 1) {
				const line = s.addLine(AGREEMENT, { productIdentifier: `P${i}`, quantity: 1, marker: MANAGED_MARKER });
				return item({ action: 'update', additionId: line.id, productIdentifier: `P${i}`, currentQuantity: 1, prorate: { ...prorate, serialNumber: `m365-license-sync-prorate#0000000${i % 10}` } });
			}
			return item({ productIdentifier: `P${i}` });
		});
		const results = await applyAll(s, items);
		expect(results.every((r) => typeof r !== 'string' && r.applied)).toBe(true);
		expect(s.count('readLines')).toBe(1);
	});

	test('changes on three agreements → one read each, however the items interleave', async () => {
		const s = store().addAgreement(504);
		const items = [AGREEMENT, 501, 504, AGREEMENT, 501, 504].map((agreementId, i) => item({ agreementId, productIdentifier: i < 3 ? 'E3' : 'BP' }));
		await applyAll(s, items);
		expect(s.calls.filter((c) => c.call === 'readLines').map((c) => c.agreementId).sort()).toEqual([500, 501, 504]);
		expect(s.count('createLine')).toBe(6);
	});

	test('two creates of the same line in one plan: the second sees the first (never created twice)', async () => {
		const s = store();
		const results = await applyAll(s, [item({}), item({})]);
		expect(s.count('createLine')).toBe(1);
		expect(results[1]).toMatchObject({ applied: false, reasons: ['already created in the PSA'] });
	});

	test('a line changed by this run is seen as changed by the next item on it', async () => {
		const s = store();
		s.addLine(AGREEMENT, { id: 50, productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
		const results = await applyAll(s, [item({ action: 'update', additionId: 50, currentQuantity: 3 }), item({ action: 'update', additionId: 50, currentQuantity: 3, quantity: 9 })]);
		expect(results[1]).toMatch(/Line 50 has quantity 5 in the PSA but the plan expected 3/);
		expect(s.count('readLines')).toBe(1);
	});

	test('a write that failed (outcome unknown) makes the next item of the agreement read again', async () => {
		const s = store();
		s.faults.push({ call: 'createLine', kind: 'lost', when: (d) => d.includes(' E3 ') });
		const results = await applyAll(s, [item({}), item({}), item({ productIdentifier: 'BP' })]);
		expect(results[0]).toMatch(/answered 503/);
		// The lost create did happen: the second item finds it instead of creating it again.
		expect(results[1]).toMatchObject({ reasons: ['already created in the PSA'] });
		expect(s.count('readLines')).toBe(2);
		expect(s.linesOf(AGREEMENT).filter((l) => l.productIdentifier === 'E3')).toHaveLength(1);
	});

	test('a failed read is not "no lines": the item fails and the next one reads again', async () => {
		const s = store();
		s.addLine(AGREEMENT, { productIdentifier: 'E3', quantity: 5, invoiceDescription: 'E3', effectiveDate: '2026-03-01', marker: MANAGED_MARKER });
		s.faults.push({ call: 'readLines', kind: 'down' });
		const results = await applyAll(s, [item({}), item({})]);
		expect(results[0]).toMatch(/answered 503/);
		expect(results[1]).toMatchObject({ reasons: ['already created in the PSA'] });
		expect(s.count('createLine')).toBe(0);
	});
});

describe("the plan's agreements read a group at a time, right before the group's writes (#17)", () => {
	/** Six agreements of company 10 with the E3 product, read in groups of three. */
	function groupStore(): GroupStore {
		const s = new GroupStore(3);
		for (const id of [500, 501, 504, 505, 506, 507]) s.addAgreement(id);
		return s.addProduct('E3', 7).addProduct('BP', 8);
	}

	/** As the node's runner does: in plan order, `concurrency` items at a time. */
	async function applyPlanned(s: MemoryStore, items: ApplyItem[], concurrency = 3): Promise<Array<ApplyResult | string>> {
		const session = new ApplySession(s, items.map((i) => i.agreementId));
		return await mapWithConcurrency(items, concurrency, async (i) => await session.apply(i, false).catch((e: unknown) => (e instanceof Error ? e.message : String(e))));
	}

	const ids = [500, 501, 504, 505, 506, 507];

	test('six agreements with two changes each → two group reads, no read per agreement', async () => {
		const s = groupStore();
		const items = [...ids, ...ids].map((agreementId, i) => item({ agreementId, productIdentifier: i < 6 ? 'E3' : 'BP' }));
		const results = await applyPlanned(s, items);
		expect(results.every((r) => typeof r !== 'string' && r.applied)).toBe(true);
		expect(s.count('readGroup')).toBe(2);
		expect(s.count('readLines')).toBe(0);
		expect(s.count('createLine')).toBe(12);
	});

	test('the second group is read when its first item comes, so a line changed while the first group was written is refused', async () => {
		const s = groupStore();
		const line = s.addLine(506, { productIdentifier: 'E3', quantity: 3, marker: MANAGED_MARKER });
		const managed = s.addLine(505, { productIdentifier: 'E3', quantity: 4, invoiceDescription: 'E3', effectiveDate: '2026-03-01', marker: MANAGED_MARKER });
		const create = s.createLine.bind(s);
		s.createLine = async (...args) => {
			const created = await create(...args);
			// Someone sets the line to 8 in the PSA, and adds the product by hand on 505, after the plan, while the first group is written.
			if (args[0] === 500) {
				s.lines.find((l) => l.id === line.id)!.quantity = 8;
				s.lines.find((l) => l.id === managed.id)!.quantity = 6;
			}
			return created;
		};
		const items = [
			...[500, 501, 504].map((agreementId) => item({ agreementId })),
			item({ agreementId: 505, action: 'update', additionId: managed.id, currentQuantity: 4, quantity: 5 }),
			item({ agreementId: 506, action: 'update', additionId: line.id, currentQuantity: 3, quantity: 5 }),
			item({ agreementId: 507 }),
		];
		const results = await applyPlanned(s, items);
		expect(results[3]).toMatch(new RegExp(`Line ${managed.id} has quantity 6 in the PSA but the plan expected 4; nothing was changed`));
		expect(results[4]).toMatch(new RegExp(`Line ${line.id} has quantity 8 in the PSA but the plan expected 3; nothing was changed`));
		expect(results[5]).toMatchObject({ applied: true });
		expect(s.calls.filter((c) => c.call === 'changeLine')).toHaveLength(0);
		expect(s.calls.filter((c) => c.call === 'readGroup').map((c) => c.detail)).toEqual(['read group 500,501,504', 'read group 505,506,507']);
		// The first group was read before the change: the second group's read came after it.
		expect(s.calls.findIndex((c) => c.detail === 'read group 505,506,507')).toBeGreaterThan(s.calls.findIndex((c) => c.call === 'createLine' && c.agreementId === 500));
	});

	test('a group that could not be read writes nothing for its agreements: each item fails with the error, never "no lines"', async () => {
		const s = groupStore();
		// A line the sync already made on 501: had the failed read counted as "no lines", the create would write it twice.
		s.addLine(501, { productIdentifier: 'E3', quantity: 5, invoiceDescription: 'E3', effectiveDate: '2026-03-01', marker: MANAGED_MARKER });
		s.faults.push({ call: 'readGroup', kind: 'down', when: (d) => d.includes('500') });
		const items = [...ids, 501, 504].map((agreementId, i) => item({ agreementId, key: `k${i}` }));
		const results = await applyPlanned(s, items);
		const firstGroup = [0, 1, 2, 6, 7].map((i) => results[i]);
		expect(firstGroup).toEqual(firstGroup.map(() => expect.stringMatching(/Could not read group 500,501,504: Memory answered 503/)));
		expect([3, 4, 5].map((i) => results[i])).toEqual([3, 4, 5].map(() => expect.objectContaining({ applied: true })));
		expect(s.calls.filter((c) => c.call === 'createLine').map((c) => c.agreementId).sort()).toEqual([505, 506, 507]);
		// Not asked again for every item of a PSA that did not answer: one failed read, one good one.
		expect(s.count('readGroup')).toBe(2);
		expect(s.count('readLines')).toBe(0);
	});

	test('the failure names the item it belongs to (audit facts), as any other refusal', async () => {
		const s = groupStore();
		s.faults.push({ call: 'readGroup', kind: 'down' });
		const session = new ApplySession(s, [500]);
		const thrown = await session.apply(item({ key: 'k-500' }), false).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(thrown).toBeInstanceOf(IdentifiedError);
		expect(unwrapIdentified(thrown).identity).toMatchObject({ key: 'k-500', agreementId: 500, action: 'create', before: null });
	});

	test('a write that failed (outcome unknown) still makes the next item of that agreement read its lines again', async () => {
		const s = groupStore();
		s.faults.push({ call: 'createLine', kind: 'lost', when: (d) => d.includes(' E3 ') });
		const results = await applyPlanned(s, [item({}), item({}), item({ agreementId: 501 })]);
		expect(results[0]).toMatch(/answered 503/);
		expect(results[1]).toMatchObject({ reasons: ['already created in the PSA'] });
		expect(s.count('readGroup')).toBe(1);
		expect(s.calls.filter((c) => c.call === 'readLines').map((c) => c.agreementId)).toEqual([AGREEMENT]);
		expect(s.linesOf(AGREEMENT).filter((l) => l.productIdentifier === 'E3')).toHaveLength(1);
	});
});
