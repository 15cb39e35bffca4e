import { toIsoDate } from './dates';
import type { Row } from './types';

/** A field of an input row that is missing or wrong; the row goes to Not Synced naming it. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; reason: string };

/** Runs a row parser, turning a FieldError into a result instead of a throw. */
export function parseRow<T>(read: () => T): Parsed<T> {
	try {
		return { ok: true, value: read() };
	} catch (error) {
		if (error instanceof FieldError) return { ok: false, field: error.field, reason: error.message };
		// One unreadable row must not stop the run: report it like a bad field.
		return { ok: false, field: 'row', reason: `row could not be read: ${(error as Error).message}` };
	}
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function optionalString(row: Row, field: string): string | null {
	const value = row[field];
	if (isBlank(value)) return null;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new FieldError(field, `${field} must be text`);
}

export function requiredString(row: Row, field: string): string {
	const value = optionalString(row, field);
	if (value === null) throw new FieldError(field, `${field} is missing`);
	return value;
}

/** `label` names the field in errors when it sits inside a list (subscriptions[0].quantity). */
export function optionalNumber(row: Row, field: string, label = field): number | null {
	const value = row[field];
	if (isBlank(value)) return null;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(number)) throw new FieldError(label, `${label} must be a number (got ${JSON.stringify(value)})`);
	return number;
}

/** A whole count ≥ 0 (quantities, minimums); blank → the default. */
export function count(row: Row, field: string, fallback: number, label = field): number {
	const value = optionalNumber(row, field, label);
	if (value === null) return fallback;
	if (!Number.isInteger(value) || value < 0) {
		throw new FieldError(label, `${label} must be a whole number of 0 or more (got ${value})`);
	}
	return value;
}

export function positiveId(row: Row, field: string): number {
	const value = optionalNumber(row, field);
	if (value === null) throw new FieldError(field, `${field} is missing`);
	if (!Number.isInteger(value) || value <= 0) throw new FieldError(field, `${field} must be a positive whole number (got ${value})`);
	return value;
}

/** A positive whole id, or null when blank. */
export function optionalId(row: Row, field: string): number | null {
	return isBlank(row[field]) ? null : positiveId(row, field);
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off']);

export function optionalBoolean(row: Row, field: string): boolean | null {
	const value = row[field];
	if (isBlank(value)) return null;
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (TRUE.has(text)) return true;
	if (FALSE.has(text)) return false;
	throw new FieldError(field, `${field} must be true or false (got ${JSON.stringify(value)})`);
}

export function flag(row: Row, field: string, fallback: boolean): boolean {
	return optionalBoolean(row, field) ?? fallback;
}

export function optionalDate(row: Row, field: string): string | null {
	const value = row[field];
	if (isBlank(value)) return null;
	const date = toIsoDate(value);
	if (date === null) throw new FieldError(field, `${field} must be a date YYYY-MM-DD (got ${JSON.stringify(value)})`);
	return date;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A list given as an array, a JSON array text, or text separated by commas, semicolons or lines. */
export function stringList(row: Row, field: string): string[] {
	const value = row[field];
	if (isBlank(value)) return [];
	let items: unknown[];
	if (Array.isArray(value)) items = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		const parsed = parseJson(value);
		if (!Array.isArray(parsed)) throw new FieldError(field, `${field} is not a valid JSON list`);
		items = parsed;
	} else if (typeof value === 'string') items = value.split(/[,;\n]/);
	else throw new FieldError(field, `${field} must be a list`);
	return items
		.map((item) => (typeof item === 'string' || typeof item === 'number' ? String(item).trim() : ''))
		.filter((item) => item !== '');
}

/** One of the allowed values, compared without case, spaces or dashes; blank → null. */
export function optionalChoice<T extends string>(row: Row, field: string, allowed: readonly T[]): T | null {
	const text = optionalString(row, field);
	if (text === null) return null;
	const squash = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');
	const found = allowed.find((choice) => squash(choice) === squash(text));
	if (!found) throw new FieldError(field, `${field} must be one of ${allowed.join(', ')} (got "${text}")`);
	return found;
}
