import {
	ConditionsSyntaxError,
	conditionsError,
	matches,
	parseConditions,
	tryParseConditions,
} from '../../sandbox/connectwise/conditions';

const contoso = {
	id: 3,
	identifier: 'Contoso',
	name: 'Contoso "Ltd" \\ Sales and Marketing or Not',
	website: null,
	deletedFlag: false,
	company: { id: 7, identifier: 'ContosoLtd', name: 'Contoso Ltd' },
	status: { id: 1, name: 'Active' },
	type: { id: 2, name: 'M365 Monthly' },
	startDate: '2026-02-01T00:00:00Z',
	quantity: 12,
	types: [{ name: 'Client' }, { name: 'Partner' }],
	city: 'Zürich',
};

const tableOf = (rows: Array<[string, boolean]>) => rows;

describe('parseConditions + matches', () => {
	test.each(
		tableOf([
			// comparison operators on numbers
			['id = 3', true],
			['id != 3', false],
			['id < 4', true],
			['id <= 3', true],
			['id > 3', false],
			['id >= 3', true],
			['quantity > 11.5', true],
			// case-insensitive strings and field names
			['identifier = "CONTOSO"', true],
			['Identifier = "contoso"', true],
			['identifier != "contoso"', false],
			['identifier < "D"', true],
			// nested fields
			['company/id = 7', true],
			['status/name = "active"', true],
			['type/name = "M365 Monthly"', true],
			['company/name = "Contoso"', false],
			['company/missing/deeper = 1', false],
			// arrays on the path match any element
			['types/name = "partner"', true],
			['types/name = "vendor"', false],
			// booleans and null
			['deletedFlag = false', true],
			['deletedFlag = TRUE', false],
			['website = null', true],
			['website != null', false],
			['notThere = null', true],
			['identifier != null', true],
			// a missing value never satisfies other comparisons (SQL semantics)
			['website != "x"', false],
			['website not like "x*"', false],
			// dates
			['startDate > [2026-01-01T00:00:00Z]', true],
			['startDate >= [2026-02-01T00:00:00Z]', true],
			['startDate < [2026-02-01T00:00:00Z]', false],
			['startDate = [2026-02-01T00:00:00Z]', true],
			// like with * and % wildcards, anchored
			['identifier like "Cont*"', true],
			['identifier like "%toso"', true],
			['identifier like "c*o*s*o"', true],
			['identifier like "Cont"', false],
			['identifier like "*.*"', false],
			['identifier not like "Fab*"', true],
			// contains
			['name contains "sales"', true],
			['name contains "SALES AND"', true],
			['name not contains "sales"', false],
			// in
			['id in (1, 2, 3)', true],
			['id in (1,2)', false],
			['id not in (1,2)', true],
			['identifier in ("fabrikam", "CONTOSO")', true],
			// precedence: and binds tighter than or
			['id = 1 or id = 3 and company/id = 7', true],
			['id = 3 or id = 1 and company/id = 8', true],
			['id = 1 or id = 3 and company/id = 8', false],
			['(id = 1 or id = 3) and company/id = 8', false],
			['id = 3 and (company/id = 8 or status/name = "Active")', true],
			['((id = 3))', true],
			['not (id = 3)', false],
			['not (id = 1 or id = 2)', true],
			// keywords are case-insensitive
			['id = 1 OR id = 3 AnD company/id = 7', true],
			['id NOT IN (1) and identifier LIKE "c*"', true],
			// escapes, keywords and unicode inside strings
			['name = "Contoso \\"Ltd\\" \\\\ Sales and Marketing or Not"', true],
			['name contains "\\"Ltd\\""', true],
			['name contains " or Not"', true],
			['name like "* and *"', true],
			['city = "ZÜRICH"', true],
			['city = "Zurich"', false],
		]),
	)('%s → %s', (text, expected) => {
		expect(matches(parseConditions(text), contoso)).toBe(expected);
	});

	it('keeps a backslash that does not escape a quote or backslash', () => {
		expect(matches(parseConditions('path = "C:\\temp"'), { path: 'C:\\temp' })).toBe(true);
	});

	it('builds the tree with and under or', () => {
		expect(parseConditions('a = 1 or b = 2 and c = 3')).toEqual({
			type: 'or',
			left: {
				type: 'condition',
				field: ['a'],
				operator: '=',
				negated: false,
				value: { type: 'number', value: 1 },
			},
			right: {
				type: 'and',
				left: {
					type: 'condition',
					field: ['b'],
					operator: '=',
					negated: false,
					value: { type: 'number', value: 2 },
				},
				right: {
					type: 'condition',
					field: ['c'],
					operator: '=',
					negated: false,
					value: { type: 'number', value: 3 },
				},
			},
		});
	});
});

describe('malformed conditions', () => {
	test.each([
		['', 0, 'Expected a field name but found end of conditions'],
		['name = ', 7, 'Expected a value but found end of conditions'],
		['name = "Contoso', 7, 'Unterminated string'],
		['name = "Contoso" and', 20, 'Expected a field name but found end of conditions'],
		['name = "Contoso" or or id = 1', 20, "Expected a field name but found 'or'"],
		['(id = 1', 7, "Expected ')' but found end of conditions"],
		['id = 1)', 6, "Unexpected ')'"],
		['id == 1', 4, "Expected a value but found '='"],
		["name = 'Contoso'", 7, "Unexpected character '''"],
		['id in 1, 2', 6, "Expected '(' after 'in' but found a value"],
		['id in (1 2)', 9, "Expected ',' or ')' but found a value"],
		['id not = 1', 7, "Expected 'like', 'contains' or 'in' after 'not' but found '='"],
		['startDate > [2026-13-45]', 12, 'Invalid date'],
		['startDate > [2026-01-01', 12, 'Unterminated date'],
		['name like 5', 10, "Operator 'like' needs a quoted string"],
		['id 1', 3, 'Expected an operator but found a value'],
		['company//id = 1', 0, "Invalid field name 'company//id'"],
		['id = 1 name = "x"', 7, "Unexpected 'name'"],
	])('%j fails at %i', (text, position, detail) => {
		let error: unknown;
		try {
			parseConditions(text);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConditionsSyntaxError);
		expect(error).toMatchObject({
			position,
			detail,
			message: `${detail} at position ${position}`,
		});
	});
});

describe('tryParseConditions', () => {
	it('hands back the expression or the error instead of throwing', () => {
		expect(tryParseConditions('id = 1')).toEqual({ expr: parseConditions('id = 1') });
		expect(tryParseConditions('id = ')).toMatchObject({ error: { position: 5 } });
	});

	it('turns absurd nesting into a syntax error rather than a crash', () => {
		const deep = '('.repeat(200000) + 'id = 1' + ')'.repeat(200000);
		const result = tryParseConditions(deep);
		expect(result).toMatchObject({ error: { detail: 'Conditions are nested too deeply' } });
	});
});

describe('conditionsError', () => {
	it('has ConnectWise error shape naming the parameter', () => {
		expect(conditionsError('Unterminated string at position 7', 'childConditions')).toEqual({
			code: 'InvalidObject',
			message: 'childConditions: Unterminated string at position 7',
			errors: [
				{
					code: 'InvalidField',
					message: 'Unterminated string at position 7',
					resource: 'childConditions',
					field: 'childConditions',
				},
			],
		});
	});
});
