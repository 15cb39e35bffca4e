/**
 * The write path of the core in node code (#17): plan items carry the PSA and company Apply
 * needs, the `started` audit row says what is about to be written, and the result row says
 * what happened, falling back to the plan where Apply did not get as far.
 */
import { intentRow, plansToApply, resultRows, routed } from '../../../nodes/SyncRun/core';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const NOW = '2026-12-01T06:00:00.000Z';

const create = {
	action: 'create',
	key: 'k-create',
	lineKey: 'l-create',
	tenantId: T1,
	agreementId: 100,
	productIdentifier: 'M365-E3',
	quantity: 12,
	lessIncluded: 0,
	invoiceDescription: 'Microsoft 365 E3',
	effectiveDate: '2026-12-01',
	billCustomer: 'Billable',
	unitPrice: null,
	current: null,
	prorate: {
		quantity: 2,
		from: '2026-12-01',
		to: '2026-12-31',
		serialNumber: 'm365-license-sync-prorate#abc',
	},
	reasons: ['new licenses', 'first sync'],
};
const update = {
	...create,
	action: 'update',
	key: 'k-update',
	lineKey: 'l-update',
	tenantId: T2,
	agreementId: 200,
	additionId: 9001,
	current: { quantity: 10, lessIncluded: 0 },
	prorate: null,
	reasons: [],
};

const scope = {
	agreementPsa: { '100': 'connectwise' as const, '200': 'autotask' as const },
	links: [
		{
			tenantId: T1,
			agreementId: 100,
			companyId: 250,
			companyName: 'Contoso',
			psa: 'connectwise' as const,
		},
		{
			tenantId: T1,
			agreementId: 100,
			companyId: 250,
			companyName: 'Contoso',
			psa: 'connectwise' as const,
		},
		{
			tenantId: T2,
			agreementId: 200,
			companyId: 260,
			companyName: 'Fabrikam',
			psa: 'autotask' as const,
		},
		{
			tenantId: T2,
			agreementId: 200,
			companyId: 261,
			companyName: 'Fabrikam North',
			psa: 'autotask' as const,
		},
	],
};

describe('plan items to apply', () => {
	it('carry the PSA of their agreement and the one company their tenant bills on it', () => {
		const [first, second, unrouted] = plansToApply([create, update, { ...create, agreementId: 300 }], scope);
		expect(first).toMatchObject({
			...create,
			psa: 'connectwise',
			companyId: 250,
			companyName: 'Contoso',
		});
		// Two companies of one tenant on the agreement: no guess, Apply checks nothing it cannot know.
		expect(second.psa).toBe('autotask');
		expect(second).not.toHaveProperty('companyId');
		// An agreement the scope does not route reaches no Apply (the summary counts it failed) and is not announced.
		expect(unrouted.psa).toBeNull();
		expect(routed(unrouted)).toBe(false);
		expect(routed(first)).toBe(true);
		expect(unrouted).not.toHaveProperty('companyId');
	});

	it('keep a company the plan item already names', () => {
		const [item] = plansToApply([{ ...create, companyId: 999 }], scope);
		expect(item.companyId).toBe(999);
	});
});

describe('the started audit row', () => {
	it('records what is about to be written, before the PSA is touched', () => {
		const [item] = plansToApply([create], scope);
		expect(intentRow(item, '4711', NOW)).toEqual({
			time: NOW,
			runId: '4711',
			status: 'started',
			action: 'create',
			tenantId: T1,
			companyId: 250,
			agreementId: 100,
			additionId: null,
			product: 'M365-E3',
			lineKey: 'l-create',
			key: 'k-create',
			prorate: JSON.stringify(create.prorate),
			before: '',
			after: JSON.stringify({
				quantity: 12,
				lessIncluded: 0,
				unitPrice: null,
				billCustomer: 'Billable',
				invoiceDescription: 'Microsoft 365 E3',
				effectiveDate: '2026-12-01',
			}),
			reason: 'new licenses; first sync',
		});
		expect(intentRow(update, '4711', NOW)).toMatchObject({
			action: 'update',
			additionId: 9001,
			before: JSON.stringify(update.current),
			prorate: '',
			reason: '',
			companyId: null,
		});
	});
});

describe('the finished audit row', () => {
	const [plannedCreate, plannedUpdate] = plansToApply([create, update], scope);
	const intents = [intentRow(plannedCreate, '4711', '2026-12-01T05:59:00.000Z'), intentRow(plannedUpdate, '4711', '2026-12-01T05:59:00.000Z')];

	it('is its started row, applied or already done, with what Apply read and wrote', () => {
		const written = {
			action: 'create',
			key: 'k-create',
			additionId: 5001,
			before: null,
			after: { quantity: 12 },
			prorate: { additionId: 5000, applied: true },
			applied: true,
		};
		const already = {
			action: 'update',
			key: 'k-update',
			additionId: 9001,
			before: { quantity: 12 },
			after: { quantity: 12 },
			prorate: null,
			applied: false,
		};
		const rows = resultRows([written, already], intents, '4711', NOW);
		expect(rows[0]).toEqual({
			...intents[0],
			status: 'applied',
			additionId: 5001,
			after: JSON.stringify({ quantity: 12 }),
			prorate: JSON.stringify({ additionId: 5000, applied: true }),
			result: 'written; prorate line written',
			finishedAt: NOW,
		});
		// Started at the intent's time, finished now.
		expect(rows[0].time).toBe('2026-12-01T05:59:00.000Z');
		expect(rows[1]).toMatchObject({
			key: 'k-update',
			status: 'alreadyDone',
			additionId: 9001,
			before: JSON.stringify({ quantity: 12 }),
			prorate: '',
			result: 'already in the PSA',
			reason: '',
		});
	});

	it('of a failed write names the error and, where Apply did not get that far, keeps what the started row planned', () => {
		// A failure item on Apply's regular output: the error, the identity on top and under details.
		const failed = {
			error: 'Agreement 200 was not found in Autotask PSA',
			key: 'k-update',
			agreementId: 200,
			details: { key: 'k-update', before: null, after: null, prorate: null },
		};
		const [row] = resultRows([failed], intents, '4711', NOW);
		expect(row).toEqual({
			...intents[1],
			status: 'failed',
			result: 'Agreement 200 was not found in Autotask PSA',
			finishedAt: NOW,
		});
		expect(row.before).toBe(JSON.stringify(update.current));
		expect(row.after).toContain('"quantity":12');
	});

	it('of a failed write after the prorate line keeps what was written for it', () => {
		const failed = {
			error: 'ConnectWise answered 500',
			key: 'k-create',
			details: {
				key: 'k-create',
				before: null,
				after: { quantity: 12 },
				prorate: { additionId: 5000, applied: true },
			},
		};
		const [row] = resultRows([failed], intents, '4711', NOW);
		expect(row).toMatchObject({
			status: 'failed',
			after: JSON.stringify({ quantity: 12 }),
			prorate: '{"additionId":5000,"applied":true}',
			result: 'ConnectWise answered 500',
		});
	});

	it('of an Apply item whose started row is missing is still written, from what Apply says', () => {
		const written = {
			action: 'create',
			key: 'k-other',
			tenantId: T1,
			agreementId: 100,
			productIdentifier: 'M365-E5',
			lineKey: 'l-other',
			additionId: 7001,
			after: { quantity: 3 },
			applied: true,
		};
		const [row] = resultRows([written], intents, '4711', NOW);
		expect(row).toMatchObject({
			runId: '4711',
			key: 'k-other',
			status: 'applied',
			agreementId: 100,
			additionId: 7001,
			product: 'M365-E5',
			after: '{"quantity":3}',
			result: 'written',
		});
	});
});
