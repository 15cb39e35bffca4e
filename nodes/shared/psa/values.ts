/**
 * Value checks of a plan item, the same for every PSA except the limits it passes in
 * (description length, marker length, bill-customer values). Pure; a bad value is an
 * ItemError that names the field and the value.
 */
import { ItemError } from '../itemError';
import type { PsaLimits } from './contracts';

export function isDay(value: unknown): value is string {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function day(value: unknown, what: string): string {
	if (!isDay(value)) throw new ItemError(`${what} must be a date written YYYY-MM-DD, got ${JSON.stringify(value ?? null)}`);
	return value;
}

export function quantity(value: unknown, what = 'Quantity', allowNegative = false): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(n)) throw new ItemError(`${what} must be a number, got ${JSON.stringify(value ?? null)}`);
	if (!allowNegative && n < 0) throw new ItemError(`${what} must not be negative, got ${n}`);
	return n;
}

export function positiveInteger(value: unknown, what: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		throw new ItemError(`${what} must be a positive whole number, got ${JSON.stringify(value ?? null)}`);
	}
	return Number(text);
}

export function invoiceDescription(value: unknown, limits: PsaLimits): string {
	const text = value === undefined || value === null ? '' : String(value);
	if (text.length > limits.descriptionMaxLength) {
		throw new ItemError(
			`Invoice description is ${text.length} characters; ${limits.psaName} allows at most ${limits.descriptionMaxLength}`,
			'Shorten the description template or turn off the user name list',
		);
	}
	return text;
}

/** The PSA's own spelling of a bill-customer value, whatever case it came in. */
export function billCustomer(value: unknown, limits: PsaLimits): string {
	const found = limits.billCustomerValues.find((b) => b.toLowerCase() === String(value ?? '').trim().toLowerCase());
	if (!found) throw new ItemError(`Bill customer must be one of ${limits.billCustomerValues.join(', ')}, got ${JSON.stringify(value ?? null)}`);
	return found;
}

export function marker(value: string, limits: PsaLimits): string {
	if (value.length > limits.markerMaxLength) {
		const label = limits.markerLabel.charAt(0).toUpperCase() + limits.markerLabel.slice(1);
		throw new ItemError(`${label} is ${value.length} characters; ${limits.psaName} allows at most ${limits.markerMaxLength}`);
	}
	return value;
}
