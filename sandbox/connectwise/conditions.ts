/**
 * ConnectWise PSA `conditions` (also `childConditions` and `customFieldConditions`):
 * a tokenizer, a recursive-descent parser (`and` binds tighter than `or`) and an
 * evaluator with ConnectWise's case-insensitive string comparison.
 */

export type Literal =
	| { type: 'string'; value: string }
	| { type: 'number'; value: number }
	| { type: 'boolean'; value: boolean }
	| { type: 'null' }
	| { type: 'date'; value: number };

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'contains' | 'in';

export type Expr =
	| { type: 'and'; left: Expr; right: Expr }
	| { type: 'or'; left: Expr; right: Expr }
	| { type: 'not'; expr: Expr }
	| {
			type: 'condition';
			field: string[];
			operator: Operator;
			negated: boolean;
			value: Literal | Literal[];
	  };

export interface ConnectWiseErrorBody {
	code: string;
	message: string;
	errors: Array<{
		code: string;
		message: string;
		resource: string;
		field: string;
	}>;
}

export class ConditionsSyntaxError extends Error {
	constructor(
		readonly detail: string,
		readonly position: number,
	) {
		super(`${detail} at position ${position}`);
		this.name = 'ConditionsSyntaxError';
	}
}

/**
 * ConnectWise's 400 body for a query parameter it could not read. The detail goes in both
 * places so a client that only reads `message` still tells the user what was wrong.
 */
export function conditionsError(
	message: string,
	parameter: string = 'conditions',
): ConnectWiseErrorBody {
	return {
		code: 'InvalidObject',
		message: `${parameter}: ${message}`,
		errors: [{ code: 'InvalidField', message, resource: parameter, field: parameter }],
	};
}

type Token =
	| { kind: 'word'; text: string; position: number }
	| { kind: 'symbol'; text: string; position: number }
	| { kind: 'literal'; literal: Literal; position: number }
	| { kind: 'end'; position: number };

const SYMBOLS = ['!=', '<=', '>=', '=', '<', '>', '(', ')', ','];
const WORD = /[A-Za-z_][A-Za-z0-9_/]*/y;
const NUMBER = /-?\d+(\.\d+)?(?![A-Za-z_])/y;

function readString(text: string, start: number): { value: string; end: number } {
	let value = '';
	let i = start + 1;
	while (i < text.length) {
		const char = text[i];
		if (char === '"') return { value, end: i + 1 };
		// Only \" and \\ are escapes; any other backslash is kept as written (paths, regex-like names).
		if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
			value += text[i + 1];
			i += 2;
			continue;
		}
		value += char;
		i++;
	}
	throw new ConditionsSyntaxError('Unterminated string', start);
}

function readDate(text: string, start: number): { value: number; end: number } {
	const close = text.indexOf(']', start);
	if (close < 0) throw new ConditionsSyntaxError('Unterminated date', start);
	const value = Date.parse(text.slice(start + 1, close).trim());
	if (Number.isNaN(value)) throw new ConditionsSyntaxError('Invalid date', start);
	return { value, end: close + 1 };
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (/\s/.test(char)) {
			i++;
			continue;
		}
		if (char === '"') {
			const { value, end } = readString(text, i);
			tokens.push({
				kind: 'literal',
				literal: { type: 'string', value },
				position: i,
			});
			i = end;
			continue;
		}
		if (char === '[') {
			const { value, end } = readDate(text, i);
			tokens.push({
				kind: 'literal',
				literal: { type: 'date', value },
				position: i,
			});
			i = end;
			continue;
		}
		NUMBER.lastIndex = i;
		const number = NUMBER.exec(text);
		if (number) {
			tokens.push({
				kind: 'literal',
				literal: { type: 'number', value: Number(number[0]) },
				position: i,
			});
			i += number[0].length;
			continue;
		}
		WORD.lastIndex = i;
		const word = WORD.exec(text);
		if (word) {
			tokens.push({ kind: 'word', text: word[0], position: i });
			i += word[0].length;
			continue;
		}
		const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
		if (!symbol) throw new ConditionsSyntaxError(`Unexpected character '${char}'`, i);
		tokens.push({ kind: 'symbol', text: symbol, position: i });
		i += symbol.length;
	}
	tokens.push({ kind: 'end', position: text.length });
	return tokens;
}

const KEYWORD_LITERALS: Record<string, Literal> = {
	true: { type: 'boolean', value: true },
	false: { type: 'boolean', value: false },
	null: { type: 'null' },
};

const RESERVED = new Set([
	'and',
	'or',
	'not',
	'like',
	'contains',
	'in',
	...Object.keys(KEYWORD_LITERALS),
]);

function describe(token: Token): string {
	if (token.kind === 'end') return 'end of conditions';
	if (token.kind === 'literal') return 'a value';
	return `'${token.text}'`;
}

class Parser {
	private index = 0;

	constructor(private readonly tokens: Token[]) {}

	parse(): Expr {
		const expr = this.or();
		const next = this.peek();
		if (next.kind !== 'end') this.fail(`Unexpected ${describe(next)}`, next);
		return expr;
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private next(): Token {
		return this.tokens[this.index++];
	}

	private fail(detail: string, token: Token): never {
		throw new ConditionsSyntaxError(detail, token.position);
	}

	private isWord(token: Token, word: string): boolean {
		return token.kind === 'word' && token.text.toLowerCase() === word;
	}

	private isSymbol(token: Token, symbol: string): boolean {
		return token.kind === 'symbol' && token.text === symbol;
	}

	private or(): Expr {
		let left = this.and();
		while (this.isWord(this.peek(), 'or')) {
			this.next();
			left = { type: 'or', left, right: this.and() };
		}
		return left;
	}

	private and(): Expr {
		let left = this.unary();
		while (this.isWord(this.peek(), 'and')) {
			this.next();
			left = { type: 'and', left, right: this.unary() };
		}
		return left;
	}

	private unary(): Expr {
		// `not` before a parenthesis negates a group; elsewhere it belongs to an operator.
		if (this.isWord(this.peek(), 'not') && this.isSymbol(this.tokens[this.index + 1], '(')) {
			this.next();
			return { type: 'not', expr: this.unary() };
		}
		if (this.isSymbol(this.peek(), '(')) {
			this.next();
			const expr = this.or();
			const close = this.next();
			if (!this.isSymbol(close, ')')) this.fail(`Expected ')' but found ${describe(close)}`, close);
			return expr;
		}
		return this.condition();
	}

	private condition(): Expr {
		const fieldToken = this.next();
		if (fieldToken.kind !== 'word' || RESERVED.has(fieldToken.text.toLowerCase())) {
			this.fail(`Expected a field name but found ${describe(fieldToken)}`, fieldToken);
		}
		const field = fieldToken.text.split('/');
		if (field.some((part) => part === ''))
			this.fail(`Invalid field name '${fieldToken.text}'`, fieldToken);

		let negated = false;
		let operatorToken = this.next();
		if (this.isWord(operatorToken, 'not')) {
			negated = true;
			operatorToken = this.next();
		}
		const operator = this.operator(operatorToken, negated);

		if (operator === 'in')
			return {
				type: 'condition',
				field,
				operator,
				negated,
				value: this.list(),
			};
		const value = this.literal();
		if ((operator === 'like' || operator === 'contains') && value.type !== 'string') {
			this.fail(`Operator '${operator}' needs a quoted string`, this.tokens[this.index - 1]);
		}
		return { type: 'condition', field, operator, negated, value };
	}

	private operator(token: Token, negated: boolean): Operator {
		if (token.kind === 'word') {
			const word = token.text.toLowerCase();
			if (word === 'like' || word === 'contains' || word === 'in') return word;
		}
		if (
			!negated &&
			token.kind === 'symbol' &&
			['=', '!=', '<', '<=', '>', '>='].includes(token.text)
		) {
			return token.text as Operator;
		}
		const expected = negated ? "'like', 'contains' or 'in' after 'not'" : 'an operator';
		return this.fail(`Expected ${expected} but found ${describe(token)}`, token);
	}

	private literal(): Literal {
		const token = this.next();
		if (token.kind === 'literal') return token.literal;
		if (token.kind === 'word' && token.text.toLowerCase() in KEYWORD_LITERALS) {
			return KEYWORD_LITERALS[token.text.toLowerCase()];
		}
		return this.fail(`Expected a value but found ${describe(token)}`, token);
	}

	private list(): Literal[] {
		const open = this.next();
		if (!this.isSymbol(open, '('))
			this.fail(`Expected '(' after 'in' but found ${describe(open)}`, open);
		const values = [this.literal()];
		while (this.isSymbol(this.peek(), ',')) {
			this.next();
			values.push(this.literal());
		}
		const close = this.next();
		if (!this.isSymbol(close, ')'))
			this.fail(`Expected ',' or ')' but found ${describe(close)}`, close);
		return values;
	}
}

/** Parses a conditions string; throws ConditionsSyntaxError (0-based position) when malformed. */
export function parseConditions(text: string): Expr {
	return new Parser(tokenize(text)).parse();
}

/** Like parseConditions, but hands the syntax error back instead of throwing it. */
export function tryParseConditions(
	text: string,
): { expr: Expr } | { error: ConditionsSyntaxError } {
	try {
		return { expr: parseConditions(text) };
	} catch (error) {
		// Only nesting deep enough to overflow the stack gets here without a position.
		return {
			error:
				error instanceof ConditionsSyntaxError
					? error
					: new ConditionsSyntaxError('Conditions are nested too deeply', 0),
		};
	}
}

/** Values at a `a/b/c` path; arrays on the way are fanned out (child conditions on lists). */
function valuesAt(value: unknown, path: string[]): unknown[] {
	if (path.length === 0) return Array.isArray(value) ? value : [value];
	if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
	if (value === null || typeof value !== 'object') return [];
	const [head, ...rest] = path;
	// Field names are matched without regard to case, like ConnectWise does.
	const record = value as Record<string, unknown>;
	const key =
		head in record ? head : Object.keys(record).find((k) => k.toLowerCase() === head.toLowerCase());
	return key === undefined ? [] : valuesAt(record[key], rest);
}

const NON_ASCII = /[\u0080-\uffff]/;

function fold(text: string): string {
	return (NON_ASCII.test(text) ? text.normalize('NFC') : text).toLowerCase();
}

function asNumber(actual: unknown): number | undefined {
	if (typeof actual === 'number') return actual;
	if (typeof actual === 'string' && actual.trim() !== '' && !Number.isNaN(Number(actual)))
		return Number(actual);
	return undefined;
}

function asDate(actual: unknown): number | undefined {
	if (typeof actual !== 'string') return undefined;
	const parsed = Date.parse(actual);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** -1, 0 or 1; undefined when the value cannot be compared with the literal. */
function order(actual: unknown, literal: Literal): number | undefined {
	let left: string | number | boolean | undefined;
	let right: string | number | boolean;
	switch (literal.type) {
		case 'string':
			left = typeof actual === 'object' ? undefined : fold(String(actual));
			right = fold(literal.value);
			break;
		case 'number':
			left = asNumber(actual);
			right = literal.value;
			break;
		case 'date':
			left = asDate(actual);
			right = literal.value;
			break;
		case 'boolean':
			left = typeof actual === 'boolean' ? actual : undefined;
			right = literal.value;
			break;
		default:
			return undefined;
	}
	if (left === undefined) return undefined;
	return left < right ? -1 : left > right ? 1 : 0;
}

const likeCache = new Map<string, RegExp>();

/** Compiled once per pattern: a list request tests the same pattern against every record. */
function likePattern(pattern: string): RegExp {
	const cached = likeCache.get(pattern);
	if (cached) return cached;
	if (likeCache.size > 1000) likeCache.clear();
	const source = pattern
		.split(/[*%]/)
		.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	const regExp = new RegExp(`^${source}$`, 'isu');
	likeCache.set(pattern, regExp);
	return regExp;
}

function test(actual: unknown, operator: Operator, value: Literal | Literal[]): boolean {
	if (Array.isArray(value)) return value.some((item) => test(actual, '=', item));
	if (value.type === 'null') {
		const isNull = actual === null || actual === undefined;
		return operator === '=' ? isNull : operator === '!=' ? !isNull : false;
	}
	if (actual === null || actual === undefined) return false;
	if (operator === 'like' || operator === 'contains') {
		if (typeof actual === 'object' || value.type !== 'string') return false;
		const text = fold(String(actual));
		return operator === 'like'
			? likePattern(fold(value.value)).test(text)
			: text.includes(fold(value.value));
	}
	const result = order(actual, value);
	if (result === undefined) return false;
	switch (operator) {
		case '=':
			return result === 0;
		case '!=':
			return result !== 0;
		case '<':
			return result < 0;
		case '<=':
			return result <= 0;
		case '>':
			return result > 0;
		default:
			return result >= 0;
	}
}

/** True when the record satisfies the parsed conditions. */
export function matches(expr: Expr, record: unknown): boolean {
	switch (expr.type) {
		case 'and':
			return matches(expr.left, record) && matches(expr.right, record);
		case 'or':
			return matches(expr.left, record) || matches(expr.right, record);
		case 'not':
			return !matches(expr.expr, record);
		case 'condition': {
			const found = valuesAt(record, expr.field);
			const values = found.length > 0 ? found : [null];
			return values.some((actual) => {
				// Like SQL, a missing value never satisfies a negated operator either.
				if (expr.negated && (actual === null || actual === undefined)) return false;
				const result = test(actual, expr.operator, expr.value);
				return expr.negated ? !result : result;
			});
		}
	}
}
