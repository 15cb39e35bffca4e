import { buildDescription, normalizeUsernames } from '../../../nodes/LicenseReconcile/core';
import { addition, license, link, only, quiet } from './fixtures';

const base = {
	template: '{productName}',
	productName: 'Microsoft 365 E3',
	skuPartNumber: 'SPE_E3',
	quantity: 3,
	term: null,
	tenantName: 'Contoso',
	usernames: null,
	unassigned: null,
	usernameLimit: 500,
	maxLength: 6000,
};

describe('invoice description (rule 3)', () => {
	test.each([
		{ name: 'product name only', input: {}, text: 'Microsoft 365 E3' },
		{ name: 'template placeholders', input: { template: '{productName} ({skuPartNumber}) x{quantity} {term} for {tenantName}', term: 'P1Y' }, text: 'Microsoft 365 E3 (SPE_E3) x3 P1Y for Contoso' },
		{ name: 'unknown placeholders stay as typed', input: { template: '{productName} {nope}' }, text: 'Microsoft 365 E3 {nope}' },
		{ name: 'unassigned count', input: { unassigned: 2 }, text: 'Microsoft 365 E3\nUnassigned: 2' },
		{ name: 'usernames sorted and de-duplicated without case', input: { usernames: ['bob@x.com', 'Alice@x.com', 'alice@x.com ', 'BOB@x.com'] }, text: 'Microsoft 365 E3\nUsers: alice@x.com, bob@x.com' },
		{ name: 'unassigned then usernames', input: { usernames: ['b@x', 'a@x'], unassigned: 0 }, text: 'Microsoft 365 E3\nUnassigned: 0\nUsers: a@x, b@x' },
		{ name: 'username limit → +N more', input: { usernames: ['d@x', 'c@x', 'b@x', 'a@x'], usernameLimit: 2 }, text: 'Microsoft 365 E3\nUsers: a@x, b@x, +2 more' },
		{ name: 'username limit 0 → only the count', input: { usernames: ['a@x', 'b@x'], usernameLimit: 0 }, text: 'Microsoft 365 E3\nUsers: +2 more' },
		{ name: 'no usernames → no users line', input: { usernames: [] }, text: 'Microsoft 365 E3' },
	])('$name', ({ input, text }) => {
		expect(buildDescription({ ...base, ...input })).toBe(text);
	});

	test('cut at 6000 characters with "+N more", keeping whole names', () => {
		const usernames = Array.from({ length: 400 }, (_, i) => `user${String(i).padStart(3, '0')}@contoso.onmicrosoft.com`);
		const text = buildDescription({ ...base, usernames });
		expect(text.length).toBeLessThanOrEqual(6000);
		const shown = text.split('\nUsers: ')[1].split(', ');
		const more = shown.pop();
		expect(more).toBe(`+${400 - shown.length} more`);
		expect(shown).toEqual(normalizeUsernames(usernames).slice(0, shown.length));
		// Nothing more fits: one more name (its ", " minus at most one digit of the count) breaks the limit.
		expect(text.length + ', '.length + usernames[shown.length].length - 1).toBeGreaterThan(6000);
	});

	test('a smaller PSA limit is honoured', () => {
		const text = buildDescription({ ...base, usernames: ['aaaa@x', 'bbbb@x', 'cccc@x'], maxLength: 40 });
		expect(text).toBe('Microsoft 365 E3\nUsers: aaaa@x, +2 more');
	});

	test('same inputs in another order → byte-identical text', () => {
		const names = ['zed@x.com', 'amy@x.com', 'Émile@x.com', 'bob@x.com'];
		const a = buildDescription({ ...base, usernames: names, unassigned: 4 });
		const b = buildDescription({ ...base, usernames: [...names].reverse(), unassigned: 4 });
		expect(Buffer.from(a)).toEqual(Buffer.from(b));
	});

	test.each([
		{ name: 'users shown on the line', linkFields: { showUsernames: true }, text: 'Microsoft 365 E3\nUsers: ann@c.com, bo@c.com' },
		{ name: 'unassigned shown on the line', linkFields: { showUnassigned: 'yes' }, text: 'Microsoft 365 E3\nUnassigned: 2' },
		{ name: 'link template', linkFields: { descriptionTemplate: 'Licenses: {productName}' }, text: 'Licenses: Microsoft 365 E3' },
	])('link options: $name', ({ linkFields, text }) => {
		const item = only({ links: [link(linkFields)], licenses: [license({ users: ['bo@c.com', { userPrincipalName: 'Ann@c.com' }] })] });
		expect(item).toMatchObject({ action: 'create', invoiceDescription: text });
	});

	test('same quantity, lessIncluded and description → unchanged', () => {
		expect(quiet(only({ additions: [addition()] }))).toMatchObject({ action: 'unchanged', additionId: 1, delta: 0, reasons: [] });
	});

	test('the PSA storing CRLF line breaks does not make a change', () => {
		const item = only({
			links: [link({ showUnassigned: true })],
			additions: [addition({ invoiceDescription: 'Microsoft 365 E3\r\nUnassigned: 2' })],
		});
		expect(item.action).toBe('unchanged');
	});

	test('a different description → update naming the change', () => {
		const item = quiet(only({ additions: [addition({ invoiceDescription: 'edited by hand' })] }));
		expect(item).toMatchObject({ action: 'update', delta: 0, reasons: ['invoice description changed'] });
	});
});
