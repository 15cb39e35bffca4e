/** Custom counts (#18, contract C6): a count row is linked and reconciled exactly like a SKU. */
import type { PlanItem, Row } from '../../../nodes/LicenseReconcile/core';
import { E3, TENANT, addition, license, link, profile, run } from './fixtures';

const GROUP = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

function count(skuId: string, users: string[], overrides: Row = {}): Row {
	return { tenantId: TENANT, tenantName: 'Contoso', skuId, skuPartNumber: skuId, productName: 'Members of Managed Users', purchased: users.length, assigned: users.length, unassigned: 0, countKind: 'group', users, ...overrides };
}

const withAction = (plan: PlanItem[], action: PlanItem['action']) => plan.filter((p) => p.action === action);

describe('a count links and reconciles like a SKU', () => {
	const members = ['ann@contoso.com', 'bob@contoso.com', 'cid@contoso.com'];

	test.each([
		{ name: 'as written in the link (any case)', token: `count:group:${GROUP.toUpperCase()}` },
		{ name: 'as the node emits it', token: `count:group:${GROUP}` },
	])('create with usernames, minimum and included seats: $name', ({ token }) => {
		const plan = run({
			licenses: [license(), count(`count:group:${GROUP}`, members)],
			links: [link({ skuIds: [token], minimumQuantity: 5, includedQuantity: 1, showUsernames: true })],
		});
		const [create] = withAction(plan, 'create');
		expect(create).toMatchObject({ skuIds: [`count:group:${GROUP}`], quantity: 5, lessIncluded: 1 });
		expect(create.action === 'create' && create.invoiceDescription).toContain('ann@contoso.com');
		// The SKU nobody linked is still reported; the count is not.
		expect(withAction(plan, 'unlinked').map((p) => p.skuIds)).toEqual([[E3]]);
	});

	test('the sum of a SKU and a count is one line', () => {
		const [create] = withAction(run({ licenses: [license(), count('count:licensedusers', members)], links: [link({ skuIds: `${E3}, count:licensedUsers` })] }), 'create');
		expect(create).toMatchObject({ quantity: 10 + 3 });
	});

	test('the same guards: a count that drops to 0 waits for approval', () => {
		const plan = run({
			licenses: [count(`count:group:${GROUP}`, [])],
			links: [link({ skuIds: [`count:group:${GROUP}`] })],
			additions: [addition({ quantity: 3, invoiceDescription: 'Members of Managed Users', description: 'Members of Managed Users' })],
		});
		expect(withAction(plan, 'needsApproval')).toHaveLength(1);
	});

	test('a count the Licenses input lacks is the "missing" guard, never quantity 0 written', () => {
		const plan = run({ licenses: [license()], links: [link({ skuIds: ['count:mailboxes:user'] })], additions: [addition({ quantity: 4 })] });
		expect(plan.filter((p) => p.action === 'update' || p.action === 'create')).toEqual([]);
	});

	test('a malformed count names itself on the link', () => {
		const [skip] = withAction(run({ links: [link({ skuIds: ['count:group:Managed Users'] })] }), 'skip');
		expect(skip.reasons[0]).toMatch(/count:group needs the group's object id/);
	});
});

describe('split tenant', () => {
	const sales = count(`${E3}@department=sales`, ['ann@contoso.com', 'bob@contoso.com'], { countKind: 'share', productName: 'Microsoft 365 E3 — department: sales' });
	const support = count(`${E3}@department=support`, ['cid@contoso.com'], { countKind: 'share', productName: 'Microsoft 365 E3 — department: support' });
	const unmatched = count(`${E3}@unmatched`, ['dee@contoso.com'], { countKind: 'unmatched', productName: 'Microsoft 365 E3 — matching no company (department)' });

	test("each company's link counts its own users; the base SKU is not unlinked; users matching no company are reported", () => {
		const plan = run({
			licenses: [license(), sales, support, unmatched],
			links: [
				link({ skuIds: ['SPE_E3@department=Sales'], companyId: 1, agreementId: 100 }),
				link({ skuIds: ['SPE_E3@department=Support'], companyId: 2, agreementId: 200 }),
			],
		});
		expect(withAction(plan, 'create').map((p) => [p.agreementId, p.action === 'create' && p.quantity])).toEqual([[100, 2], [200, 1]]);
		const unlinked = withAction(plan, 'unlinked');
		expect(unlinked.map((p) => [p.skuIds, p.reasons[0]])).toEqual([[[`${E3}@unmatched`], 'no link for Microsoft 365 E3 — matching no company (department): link it to an agreement']]);
	});

	test('profiles stay per link: two companies on one tenant never share a line', () => {
		const plan = run({
			licenses: [sales, support],
			links: [link({ skuIds: [`${E3}@department=sales`], agreementId: 100 }), link({ skuIds: [`${E3}@department=support`], agreementId: 200 })],
			profiles: [profile()],
		});
		expect(withAction(plan, 'create')).toHaveLength(2);
	});
});

describe('unlinked', () => {
	test("a count no link of this run names (another company's share, read for its link) is not unlinked; users matching no company are", () => {
		const plan = run({
			licenses: [
				count(`${E3}@department=support`, ['cid@contoso.com'], { countKind: 'share' }),
				count(`count:group:${GROUP}`, ['ann@contoso.com'], { countKind: 'group' }),
				count(`${E3}@unmatched`, ['dee@contoso.com'], { countKind: 'unmatched', productName: 'Microsoft 365 E3 — matching no company (department)' }),
			],
			links: [link({ skuIds: [`${E3}@department=sales`] })],
		});
		expect(withAction(plan, 'unlinked').map((p) => p.skuIds)).toEqual([[`${E3}@unmatched`]]);
	});
});

describe('seats counted twice', () => {
	const sales = count(`${E3}@department=sales`, ['ann@contoso.com'], { countKind: 'share' });
	const support = count(`${E3}@department=support`, ['cid@contoso.com'], { countKind: 'share' });

	test('a link for a SKU and a link for a share of it count the same users: both wait for approval', () => {
		const plan = run({ licenses: [license(), sales], links: [link({ skuIds: [E3] }), link({ skuIds: [`${E3}@department=sales`], agreementId: 200 })] });
		expect(withAction(plan, 'needsApproval').map((p) => p.agreementId).sort()).toEqual([100, 200]);
	});

	test('two shares of one SKU divide its users: no overlap', () => {
		const plan = run({ licenses: [license(), sales, support], links: [link({ skuIds: [`${E3}@department=sales`] }), link({ skuIds: [`${E3}@department=support`], agreementId: 200 })] });
		expect(withAction(plan, 'needsApproval')).toEqual([]);
		expect(withAction(plan, 'create')).toHaveLength(2);
	});
});
