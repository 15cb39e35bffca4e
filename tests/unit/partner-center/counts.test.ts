import { isCountToken, parseCountId, type CountSpec } from '../../../nodes/shared/customCount';
import { countRows, type CountSources, type DirectoryUser } from '../../../nodes/MicrosoftPartnerCenter/helpers/counts';

const TENANT = { tenantId: 't1', tenantName: 'Contoso' };
const GROUP = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

function user(upn: string, extra: Partial<DirectoryUser> = {}): DirectoryUser {
	return { id: upn, userPrincipalName: upn, accountEnabled: true, skuIds: [E3], attributes: {}, ...extra };
}

function spec(token: string): CountSpec {
	const parsed = parseCountId(token, (t) => (t === 'spe_e3' ? E3 : /^[0-9a-f-]{36}$/.test(t) ? t : null));
	if ('problem' in parsed) throw new Error(parsed.problem);
	return parsed;
}

describe('count ids', () => {
	test.each([
		['count:group:0B1C2D3E-4F50-4A6B-8C7D-9E0F1A2B3C4D', `count:group:${GROUP}`],
		['count:licensedUsers', 'count:licensedusers'],
		['count:licensedUsers:Fabrikam.com+contoso.com', 'count:licensedusers:contoso.com+fabrikam.com'],
		['count:mailboxes:user', 'count:mailboxes:user'],
		['count:mailboxes:shared+user', 'count:mailboxes:user+shared'],
		['count:licensedUsers@Department=Sales+Marketing', 'count:licensedusers@department=marketing+sales'],
		['SPE_E3@officeLocation=London', `${E3}@officelocation=london`],
		[`count:group:${GROUP}@domain=contoso.com`, `count:group:${GROUP}@domain=contoso.com`],
	])('%s → %s (same count however it is written)', (token, id) => {
		expect(spec(token).id).toBe(id);
	});

	test.each([
		['count:group:Managed Users', /group's object id/],
		['count:mailboxes:room', /"user" or "user\+shared"/],
		['count:licensedUsers:not a domain', /domains separated by "\+"/],
		['count:devices', /not a custom count/],
		['count:licensedUsers@jobTitle=CEO', /attribute must be one of officeLocation, department/],
		['count:licensedUsers@department=', /names no values/],
		['NOT_A_SKU@city=paris', /not a SKU of the tenant/],
		[E3, /is a SKU, not a custom count/],
	])('%s is refused, saying why', (token, reason) => {
		const parsed = parseCountId(token, (t) => (t === E3 ? E3 : null));
		expect(parsed).toEqual({ problem: expect.stringMatching(reason) });
	});

	test('plain SKUs are not count tokens; counts and shares are', () => {
		expect([E3, 'SPE_E3', 'count:licensedUsers', 'SPE_E3@city=paris'].map(isCountToken)).toEqual([false, false, true, true]);
	});
});

describe('counts', () => {
	const users = [
		user('ann@contoso.com'),
		user('bob@fabrikam.com'),
		user('cid@contoso.com', { skuIds: [] }),
		user('dee@contoso.com', { accountEnabled: false }),
	];

	test('licensed users: enabled and holding any license, optionally only some UPN domains', () => {
		const rows = countRows(TENANT, [spec('count:licensedUsers'), spec('count:licensedUsers:contoso.com')], { users });
		expect(rows.map((r) => [r.skuId, r.assigned, r.users])).toEqual([
			['count:licensedusers', 2, ['ann@contoso.com', 'bob@fabrikam.com']],
			['count:licensedusers:contoso.com', 1, ['ann@contoso.com']],
		]);
	});

	test('a count row has the fields License Reconcile reads from a SKU row, purchased = assigned', () => {
		const [row] = countRows(TENANT, [spec('count:licensedUsers')], { users });
		expect(row).toEqual({
			tenantId: 't1', tenantName: 'Contoso', skuId: 'count:licensedusers', skuPartNumber: 'count:licensedusers', productName: 'Licensed users',
			purchased: 2, assigned: 2, unassigned: 0, suspended: 0, warning: 0, status: 'Enabled', countKind: 'licensedUsers',
			users: ['ann@contoso.com', 'bob@fabrikam.com'],
		});
	});

	test('group: enabled members only (a leaver still in the group is not billed), named after the group', () => {
		const groups: CountSources['groups'] = new Map([[GROUP, { displayName: 'Managed Users', members: users }]]);
		const [row] = countRows(TENANT, [spec(`count:group:${GROUP}`)], { groups });
		expect(row).toMatchObject({ productName: 'Members of Managed Users', assigned: 3, countKind: 'group' });
		expect(row.users).not.toContain('dee@contoso.com');
	});

	test('mailboxes: user mailboxes, or user and shared; deleted and room mailboxes never', () => {
		const mailboxes: CountSources['mailboxes'] = [
			{ userPrincipalName: 'ann@contoso.com', recipientType: 'user', deleted: false },
			{ userPrincipalName: 'old@contoso.com', recipientType: 'user', deleted: true },
			{ userPrincipalName: 'info@contoso.com', recipientType: 'shared', deleted: false },
			{ userPrincipalName: 'room1@contoso.com', recipientType: 'other', deleted: false },
		];
		const rows = countRows(TENANT, [spec('count:mailboxes:user'), spec('count:mailboxes:user+shared')], { mailboxes, users });
		expect(rows.map((r) => [r.productName, r.assigned, r.users])).toEqual([
			['User mailboxes', 1, ['ann@contoso.com']],
			['User and shared mailboxes', 2, ['ann@contoso.com', 'info@contoso.com']],
		]);
	});

	test('concealed report names: the count stands, usernames are left out with a warning; a split by attribute fails', () => {
		const mailboxes: CountSources['mailboxes'] = [
			{ userPrincipalName: '6A1F3C0E9B2D4E8F', recipientType: 'user', deleted: false },
			{ userPrincipalName: 'C0FFEE00BADF00D1', recipientType: 'user', deleted: false },
		];
		const [row] = countRows(TENANT, [spec('count:mailboxes:user')], { mailboxes, users: [] });
		expect(row).toMatchObject({ assigned: 2, users: [], warnings: [expect.stringMatching(/conceals user names/)] });
		expect(() => countRows(TENANT, [spec('count:mailboxes:user@department=sales')], { mailboxes, users: [] })).toThrow(/cannot be split.*Display concealed user names/);
	});

	test('a source that was not read is an error, never a count of 0', () => {
		expect(() => countRows(TENANT, [spec(`count:group:${GROUP}`)], {})).toThrow(/was not read/);
		expect(() => countRows(TENANT, [spec('count:licensedUsers')], {})).toThrow(/was not read/);
	});
});

describe('split tenant', () => {
	const staff = [
		user('ann@contoso.com', { attributes: { department: 'Sales', city: 'London' } }),
		user('bob@contoso.com', { attributes: { department: 'sales ', city: 'Paris' } }),
		user('cid@contoso.com', { attributes: { department: 'Support', city: 'London' } }),
		user('dee@contoso.com', { attributes: { department: null, city: 'Berlin' } }),
		user('eve@fabrikam.com', { attributes: { department: 'Support', city: 'Paris' } }),
	];

	test.each([
		{
			name: 'by department: each company counts its users, a user without a department is reported',
			tokens: ['count:licensedUsers@department=Sales', 'count:licensedUsers@department=Support'],
			expected: [
				['count:licensedusers@department=sales', 2, ['ann@contoso.com', 'bob@contoso.com']],
				['count:licensedusers@department=support', 2, ['cid@contoso.com', 'eve@fabrikam.com']],
				['count:licensedusers@unmatched', 1, ['dee@contoso.com']],
			],
		},
		{
			name: 'by UPN domain: everyone matches one company, no unmatched row',
			tokens: ['count:licensedUsers@domain=contoso.com', 'count:licensedUsers@domain=fabrikam.com'],
			expected: [
				['count:licensedusers@domain=contoso.com', 4, ['ann@contoso.com', 'bob@contoso.com', 'cid@contoso.com', 'dee@contoso.com']],
				['count:licensedusers@domain=fabrikam.com', 1, ['eve@fabrikam.com']],
			],
		},
		{
			name: 'a SKU split by city (several values per company)',
			tokens: ['SPE_E3@city=London+Berlin', 'SPE_E3@city=Paris'],
			expected: [
				[`${E3}@city=berlin+london`, 3, ['ann@contoso.com', 'cid@contoso.com', 'dee@contoso.com']],
				[`${E3}@city=paris`, 2, ['bob@contoso.com', 'eve@fabrikam.com']],
			],
		},
	])('$name', ({ tokens, expected }) => {
		const rows = countRows(TENANT, tokens.map(spec), { users: staff });
		expect(rows.map((r) => [r.skuId, r.assigned, r.users])).toEqual(expected);
		// Every seat is billed once or reported: the shares and the unmatched row add up to the base.
		expect(rows.reduce((sum, r) => sum + r.assigned, 0)).toBe(staff.length);
	});

	test('a user matching two companies is counted once (by the share whose id sorts first) and named on both', () => {
		const rows = countRows(TENANT, [spec('count:licensedUsers@department=Support'), spec('count:licensedUsers@city=London')], { users: staff });
		const byId = new Map(rows.map((r) => [r.skuId, r]));
		// cid is in Support and in London: "…@city=london" sorts before "…@department=support".
		expect(byId.get('count:licensedusers@city=london')).toMatchObject({ assigned: 2, users: ['ann@contoso.com', 'cid@contoso.com'], matchedTwice: ['cid@contoso.com'] });
		expect(byId.get('count:licensedusers@department=support')).toMatchObject({ assigned: 1, users: ['eve@fabrikam.com'], matchedTwice: ['cid@contoso.com'] });
		expect(byId.get('count:licensedusers@unmatched')).toMatchObject({ countKind: 'unmatched', assigned: 2, users: ['bob@contoso.com', 'dee@contoso.com'] });
		expect(rows.reduce((sum, r) => sum + r.assigned, 0)).toBe(staff.length);
	});

	test('the same split in any order gives the same rows', () => {
		const tokens = ['count:licensedUsers@department=Support', 'count:licensedUsers@city=London', 'count:licensedUsers@department=Sales'];
		const a = countRows(TENANT, tokens.map(spec), { users: staff });
		const b = countRows(TENANT, [...tokens].reverse().map(spec), { users: [...staff].reverse() });
		expect(b).toEqual(a);
	});
});
