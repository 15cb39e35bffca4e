import { buildConditions, ConditionsError, cwDate, quote, type ConditionNode } from '../../../nodes/ConnectWisePsa/transport/conditions';
import { matches, parseConditions } from '../../../sandbox/connectwise/conditions';

describe('buildConditions', () => {
	test.each([
		['plain string', [{ field: 'name', op: '=', value: 'Contoso' }], 'name = "Contoso"'],
		['double quotes', [{ field: 'name', op: '=', value: 'Smith "The Best"' }], 'name = "Smith \\"The Best\\""'],
		['backslash', [{ field: 'name', op: '=', value: 'A\\B' }], 'name = "A\\\\B"'],
		['backslash before quote', [{ field: 'name', op: '=', value: 'end\\"' }], 'name = "end\\\\\\""'],
		['and / or inside the value', [{ field: 'name', op: 'contains', value: 'Sons and Co or Other' }], 'name contains "Sons and Co or Other"'],
		['unicode', [{ field: 'name', op: '=', value: 'Müller & Søn – 東京' }], 'name = "Müller & Søn – 東京"'],
		['number', [{ field: 'company/id', op: '=', value: 250 }], 'company/id = 250'],
		['boolean', [{ field: 'inactiveFlag', op: '=', value: false }], 'inactiveFlag = false'],
		['null', [{ field: 'cancelledDate', op: '=', value: null }], 'cancelledDate = null'],
		['date', [{ field: 'lastUpdated', op: '>', value: cwDate('2026-01-01') }], 'lastUpdated > [2026-01-01T00:00:00Z]'],
		['date-time', [{ field: 'lastUpdated', op: '>', value: cwDate('2026-01-01T10:00:00Z') }], 'lastUpdated > [2026-01-01T10:00:00Z]'],
		['in list', [{ field: 'type/name', op: 'in', value: ['M365 "Monthly"', 'Annual'] }], 'type/name in ("M365 \\"Monthly\\"","Annual")'],
		['not in numbers', [{ field: 'id', op: 'not in', value: [1, 2] }], 'id not in (1,2)'],
		['several joined with and, falsy skipped', [{ field: 'a', op: '=', value: 1 }, undefined, false, { field: 'b', op: '!=', value: 'x' }], 'a = 1 and b != "x"'],
		['or group parenthesised', [{ field: 'a', op: '=', value: 1 }, { or: [{ field: 'b', op: '=', value: 2 }, { field: 'c', op: '=', value: 3 }] }], 'a = 1 and (b = 2 or c = 3)'],
	] as const)('%s', (_name, nodes, expected) => {
		expect(buildConditions(...(nodes as unknown as ConditionNode[]))).toBe(expected);
	});

	test('nothing to filter gives undefined (no empty conditions parameter)', () => {
		expect(buildConditions(undefined, false, { or: [] })).toBeUndefined();
	});

	test.each([
		['operator injected in field', 'name = "x" or id'],
		['space in field', 'company name'],
		['reserved word', 'and'],
		['empty segment', 'company//id'],
		['quote in field', 'na"me'],
	])('rejects field name: %s', (_name, field) => {
		expect(() => buildConditions({ field, op: '=', value: 1 })).toThrow(ConditionsError);
	});

	test('rejects values ConnectWise cannot compare', () => {
		expect(() => buildConditions({ field: 'a', op: '=', value: Number.NaN })).toThrow(/not a number/);
		expect(() => buildConditions({ field: 'a', op: '=', value: cwDate('2026-13-45') })).toThrow(/not a date/);
		expect(() => buildConditions({ field: 'a', op: '=', value: cwDate('tomorrow') })).toThrow(/not a date/);
		expect(() => buildConditions({ field: 'a', op: 'in', value: [] })).toThrow(/at least one value/);
		expect(() => buildConditions({ field: 'a', op: 'contains', value: 5 })).toThrow(/text value/);
	});

	// The sandbox's parser (written independently) reads our strings back to the same value.
	const hostile = [
		'Smith "The Best" \\ Sons and Co or Other',
		'"',
		'\\',
		'\\"',
		'a" or id > 0 or name = "b',
		'Ünïcödé — 株式会社 🚀',
		'trailing backslash \\',
	];
	test.each(hostile)('round trip through a conditions parser: %s', (name) => {
		const text = buildConditions({ field: 'name', op: '=', value: name }, { field: 'id', op: '=', value: 7 })!;
		const expr = parseConditions(text);
		expect(matches(expr, { id: 7, name })).toBe(true);
		expect(matches(expr, { id: 7, name: `${name}x` })).toBe(false);
		expect(matches(expr, { id: 8, name })).toBe(false);
	});

	test('quote escapes backslash first, then quotes', () => {
		expect(quote('\\"')).toBe('"\\\\\\""');
	});
});
