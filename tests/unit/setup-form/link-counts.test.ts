import { GO_BACK, MAX_GROUPS, SPLIT_SAVE, groupPage, linkToken, shareSuffix, splitStep, wantsGroup, type MapRow, type SplitInput } from '../../../nodes/SetupForm/core';

const CONTOSO: MapRow = { tenantId: 't-1', tenantName: 'Contoso', defaultDomain: 'contoso.com', companyId: 250, companyName: 'Contoso Ltd' };
const NORTH: MapRow = { ...CONTOSO, companyId: 251, companyName: 'Contoso North', splitAttribute: 'officeLocation', splitValues: 'London HQ, Manchester' };
const fieldsOf = (page: { fields: string }) => JSON.parse(page.fields) as Array<{ fieldName?: string; html?: string; fieldOptions?: { values: Array<{ option: string }> } }>;

describe('link licenses: the skuIds entry a choice saves', () => {
	test.each([
		['Microsoft 365 E3 [05E9A617-0261-4CEE-BB44-138D3EF5D965]', CONTOSO, {}, '05e9a617-0261-4cee-bb44-138d3ef5d965'],
		['Licensed users [count:licensedusers] (linked)', CONTOSO, {}, 'count:licensedusers'],
		['Licensed users in the domains typed below [count:licensedusers:typed]', CONTOSO, { domains: 'Fabrikam.com + contoso.com' }, 'count:licensedusers:contoso.com+fabrikam.com'],
		['Members of a group… (pick the group next) [count:group]', CONTOSO, { group: 'Managed Users [count:group:6f1c2b0e-8e1a-4c55-9a53-0a9f6f3e2d11]' }, 'count:group:6f1c2b0e-8e1a-4c55-9a53-0a9f6f3e2d11'],
		['Members of a group… (pick the group next) — officeLocation: london hq, manchester [count:group]', NORTH, { group: 'Managed Users [count:group:6f1c2b0e-8e1a-4c55-9a53-0a9f6f3e2d11]' }, 'count:group:6f1c2b0e-8e1a-4c55-9a53-0a9f6f3e2d11@officelocation=london hq+manchester'],
		['Licensed users in the domains typed below [count:licensedusers:typed]', NORTH, { domains: 'contoso.com' }, 'count:licensedusers:contoso.com@officelocation=london hq+manchester'],
	])('%s → the id the sync reads', (license, company, detail, expected) => {
		expect(linkToken(company, license, detail)).toBe(expected);
	});

	test('a group count without a group, typed domains without a domain or with a bad one: a clear error, nothing saved', () => {
		expect(() => linkToken(CONTOSO, 'Members of a group… [count:group]', {})).toThrow('No group was picked');
		expect(() => linkToken(CONTOSO, 'Licensed users in the domains typed below [count:licensedusers:typed]', { domains: ' ' })).toThrow('needs at least one domain');
		expect(() => linkToken(CONTOSO, 'Licensed users in the domains typed below [count:licensedusers:typed]', { domains: 'not a domain' })).toThrow(/domains separated by "\+"/);
		expect(() => linkToken(CONTOSO, 'Something without an id', {})).toThrow('names no SKU or count');
		expect(wantsGroup('Members of a group… [count:group]')).toBe(true);
		expect(wantsGroup('Members of Managed Users [count:group:6f1c2b0e-8e1a-4c55-9a53-0a9f6f3e2d11]')).toBe(false);
	});

	test("a company map row's split: its suffix, or a clear error for an attribute the sync cannot split by", () => {
		expect(shareSuffix(CONTOSO)).toBe('');
		expect(shareSuffix(NORTH)).toBe('@officelocation=london hq+manchester');
		expect(() => shareSuffix({ splitAttribute: 'jobTitle', splitValues: 'x' })).toThrow(/attribute must be one of/);
	});
});

describe('link licenses: the group page', () => {
	const groups = Array.from({ length: MAX_GROUPS + 5 }, (_, i) => ({ tenantId: 't-1', groupId: `g-${i}`, displayName: `Team ${String(i).padStart(3, '0')}` }));
	test('at most MAX_GROUPS, with a note to narrow them; a search that finds nothing says so and offers the way back', () => {
		const many = groupPage(CONTOSO, groups, 'team');
		expect(fieldsOf(many)[1].fieldOptions!.values).toHaveLength(MAX_GROUPS);
		expect(fieldsOf(many)[0].html).toContain(`${MAX_GROUPS + 5} groups`);
		expect(fieldsOf(many)[0].html).toContain('type more of the name');
		const none = groupPage(CONTOSO, groups, 'finance');
		expect(none.title).toBe('No such group');
		expect(fieldsOf(none)[1].fieldOptions!.values[0].option).toBe(GO_BACK);
	});
});

describe('onboarding: splitting a tenant', () => {
	const input: SplitInput = {
		tenants: [{ tenantId: 't-1', tenantName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' }],
		companies: [{ companyId: 251, name: 'Contoso North', identifier: 'CN', types: [] }, { companyId: 252, name: 'Contoso South', identifier: 'CS', types: [] }],
		mapRows: [{ tenantId: 't-1', companyId: 250, companyName: 'Contoso Group' }],
		search: 'contoso',
		now: '2026-12-01T00:00:00Z',
		reads: [],
	};
	test('values a share cannot hold send the person back to the companies page, naming the company', () => {
		let step = splitStep(input, null, {});
		step = splitStep(input, step.next === 'page' ? step.progress : null, { tenant: 'Contoso (contoso.onmicrosoft.com)', attribute: 'Department', companies: '2' });
		expect(step.next === 'page' && step.page.title).toBe('Companies of the tenant');
		const progress = step.next === 'page' ? step.progress : null;
		const back = splitStep(input, progress, { company1: 'North', values1: 'a@b', company2: 'South', values2: 'Support' });
		expect(back.next === 'page' && back.page.title).toBe('Companies of the tenant');
		expect(back.next === 'page' && fieldsOf(back.page)[0].html).toContain('Company 1: a value may not contain @ or = (got &quot;a@b&quot;)');
	});

	test('a failed read says so instead of counts; saving names the company still mapped without a share; one company for two shares is refused', () => {
		let step = splitStep(input, null, {});
		step = splitStep(input, step.next === 'page' ? step.progress : null, { tenant: 'Contoso (contoso.onmicrosoft.com)', attribute: 'Department', companies: '2' });
		step = splitStep(input, step.next === 'page' ? step.progress : null, { company1: 'North', values1: 'Sales', company2: 'Contoso', values2: 'Support' });
		expect(step.next).toBe('read');
		const read = step.next === 'read' ? step.progress : null;
		const confirm = splitStep({ ...input, reads: [{ tenantId: 't-1', error: 'Graph refused the users (403)' }] }, read, {});
		expect(confirm.next === 'page' && fieldsOf(confirm.page)[0].html).toContain('could not be read');
		expect(confirm.next === 'page' && fieldsOf(confirm.page)[0].html).not.toMatch(/<td>0<\/td>/);
		const progress = confirm.next === 'page' ? confirm.progress : null;
		const saved = splitStep(input, progress, { company1: 'Contoso North (CN)', company2: 'Contoso South (CS)', whatNow: SPLIT_SAVE });
		expect(saved.next === 'save' && saved.rows.map((r) => [r.companyId, r.splitAttribute, r.splitValues])).toEqual([[251, 'department', 'Sales'], [252, 'department', 'Support']]);
		expect(saved.next === 'save' && saved.summaryHtml).toContain('still mapped to Contoso Group');
		expect(() => splitStep(input, progress, { company1: 'Contoso North (CN)', company2: 'Contoso North (CN)', whatNow: SPLIT_SAVE })).toThrow(/picked for two shares/);
	});

	test('a company id the tenant is already mapped to in the other PSA is refused, never turned into this PSA\'s row', () => {
		const confirmOf = (given: SplitInput) => {
			let step = splitStep(given, null, {});
			step = splitStep(given, step.next === 'page' ? step.progress : null, { tenant: 'Contoso (contoso.onmicrosoft.com)', attribute: 'Department', companies: '2' });
			step = splitStep(given, step.next === 'page' ? step.progress : null, { company1: 'North', values1: 'Sales', company2: 'South', values2: 'Support' });
			step = splitStep(given, step.next === 'read' ? step.progress : null, {});
			return step.next === 'page' ? step.progress : null;
		};
		const answers = { company1: 'Contoso North (CN)', company2: 'Contoso South (CS)', whatNow: SPLIT_SAVE };
		const inConnectWise = { ...input, psa: 'autotask', mapRows: [{ tenantId: 'T-1', companyId: 251, companyName: 'Contoso (CW)', psa: 'connectwise' }] };
		expect(() => splitStep(inConnectWise, confirmOf(inConnectWise), answers)).toThrow(/Company #251 is already mapped to Contoso in ConnectWise \(Contoso \(CW\)\): a company with the same id in Autotask cannot be mapped/);
		// A row from before Autotask support (no psa) is a ConnectWise row.
		const legacy = { ...inConnectWise, mapRows: [{ tenantId: 't-1', companyId: 252, companyName: 'Old row' }] };
		expect(() => splitStep(legacy, confirmOf(legacy), answers)).toThrow(/Company #252 .* in ConnectWise \(Old row, a row with no psa\)/);
		// The same PSA re-splits its own rows.
		const again = { ...input, psa: 'connectwise', mapRows: [{ tenantId: 't-1', companyId: 251, companyName: 'Contoso North' }, { tenantId: 't-1', companyId: 252, psa: 'connectwise' }] };
		expect(splitStep(again, confirmOf(again), answers).next).toBe('save');
	});
});
