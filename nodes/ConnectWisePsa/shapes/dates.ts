/** ConnectWise sends `2026-01-01T00:00:00Z`; our items carry `2026-01-01`. */
export function day(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
	return match ? match[1] : null;
}

/** `2026-01-01` → the form ConnectWise stores (`2026-01-01T00:00:00Z`). */
export function toCwDate(value: string): string {
	return `${value}T00:00:00Z`;
}

export function isDay(value: unknown): value is string {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
