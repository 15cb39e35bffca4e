/**
 * The one place `conditions` strings are built. ConnectWise has no documented escaping
 * rule, so values are quoted and `\` and `"` are backslash-escaped; numbers, booleans
 * and null are bare; dates are `[...]`. Field names are checked against a strict
 * pattern so no input can inject an operator or a second clause.
 */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'like' | 'not contains' | 'not like';
export type ListOperator = 'in' | 'not in';

/** A date or date-time; wrapped in [...] instead of quotes. */
export interface DateValue {
	readonly date: string;
}

export type ScalarValue = string | number | boolean | null | DateValue;

export type Condition =
	| { field: string; op: ComparisonOperator; value: ScalarValue }
	| { field: string; op: ListOperator; value: ReadonlyArray<string | number> };

export type ConditionNode = Condition | { and: ConditionNode[] } | { or: ConditionNode[] } | undefined | null | false;

export class ConditionsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConditionsError';
	}
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const RESERVED = new Set(['and', 'or', 'not', 'like', 'contains', 'in', 'true', 'false', 'null']);
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function cwDate(value: string): DateValue {
	return { date: value };
}

export function quote(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function field(name: string): string {
	if (!FIELD.test(name) || name.split('/').some((part) => RESERVED.has(part.toLowerCase()))) {
		throw new ConditionsError(`"${name}" is not a valid ConnectWise field name`);
	}
	return name;
}

function scalar(value: ScalarValue | string | number): string {
	if (value === null) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new ConditionsError(`${value} is not a number ConnectWise can compare`);
		return String(value);
	}
	if (typeof value === 'string') return quote(value);
	const date = value.date.trim();
	if (!DATE.test(date) || Number.isNaN(Date.parse(date))) throw new ConditionsError(`"${value.date}" is not a date`);
	// A bare day is midnight UTC, the form ConnectWise documents.
	return `[${date.length === 10 ? `${date}T00:00:00Z` : date}]`;
}

function condition(c: Condition): string {
	const name = field(c.field);
	if (c.op === 'in' || c.op === 'not in') {
		const values = c.value as ReadonlyArray<string | number>;
		if (!Array.isArray(values) || values.length === 0) throw new ConditionsError(`"${name} ${c.op}" needs at least one value`);
		return `${name} ${c.op} (${values.map(scalar).join(',')})`;
	}
	const value = c.value as ScalarValue;
	if (/(contains|like)$/.test(c.op) && typeof value !== 'string') throw new ConditionsError(`"${c.op}" needs a text value`);
	return `${name} ${c.op} ${scalar(value)}`;
}

function node(n: ConditionNode, top: boolean): string {
	if (!n) return '';
	if ('field' in n) return condition(n);
	const [joiner, children] = 'and' in n ? ['and', n.and] : ['or', n.or];
	const parts = children.map((child) => node(child, false)).filter((s) => s !== '');
	if (parts.length === 0) return '';
	if (parts.length === 1) return parts[0];
	const joined = parts.join(` ${joiner} `);
	return top ? joined : `(${joined})`;
}

/** All the given conditions joined with `and`; falsy entries are skipped. Undefined when nothing is left. */
export function buildConditions(...nodes: ConditionNode[]): string | undefined {
	const text = node({ and: nodes }, true);
	return text === '' ? undefined : text;
}
