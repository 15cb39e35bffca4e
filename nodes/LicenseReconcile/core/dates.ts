/** Calendar dates as YYYY-MM-DD strings; arithmetic on UTC midnights so no zone leaks in. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** The calendar date of an instant in a time zone (throws RangeError for an unknown zone). */
export function isoDateInZone(instant: Date, timeZone: string): string {
	const parts = formatterFor(timeZone).formatToParts(instant);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A plain date stays as it is; an instant becomes its date in the zone. */
export function referenceDay(reference: Date | string, timeZone: string): string {
	if (typeof reference === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(reference.trim())) {
		return reference.trim();
	}
	const instant = reference instanceof Date ? reference : new Date(reference);
	if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid reference date: ${String(reference)}`);
	return isoDateInZone(instant, timeZone);
}

/**
 * The date part of a PSA or table date ("2026-01-01T00:00:00Z" → "2026-01-01"). PSA dates
 * are date-only values stored at midnight UTC, so the text date is the meant date.
 */
export function toIsoDate(value: unknown): string | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
	if (typeof value !== 'string') return null;
	const match = ISO_DATE.exec(value.trim());
	if (!match) return null;
	const [, y, m, d] = match;
	const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	if (check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) return null;
	return `${y}-${m}-${d}`;
}

export function maxDate(...dates: Array<string | null>): string {
	return dates.filter((d): d is string => d !== null).reduce((a, b) => (b > a ? b : a));
}

function parts(date: string): [number, number, number] {
	return [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))];
}

function fromUtc(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	const [y, m, d] = parts(date);
	return fromUtc(Date.UTC(y, m, d + days));
}

/** Adds months keeping the anchor day, clamped to the month's last day (Jan 31 + 1 → Feb 28). */
export function addMonthsClamped(date: string, months: number, anchorDay: number): string {
	const [y, m] = parts(date);
	const lastDay = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
	return fromUtc(Date.UTC(y, m + months, Math.min(anchorDay, lastDay)));
}

export function monthsBetween(from: string, to: string): number {
	const [fy, fm] = parts(from);
	const [ty, tm] = parts(to);
	return (ty - fy) * 12 + (tm - fm);
}
