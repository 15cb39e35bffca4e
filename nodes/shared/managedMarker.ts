/**
 * Marks the ConnectWise agreement additions this package owns, written to the addition's
 * `serialNumber`. That field is short (50 characters), rarely used for licenses, shown in
 * the PSA next to the line, and survives people editing the description or price — so the
 * sync recognises its own lines without touching anything a person typed. Documented in
 * the README: remove the marker to take a line out of the sync, set it to adopt one.
 */
export const MANAGED_MARKER = 'm365-license-sync';

/**
 * Marks a prorate line (the delta from the change day to the end of the billing period).
 * Different from MANAGED_MARKER so a prorate line is never mistaken for the product's line.
 * New prorate lines carry `<PRORATE_MARKER>#<change id>` (contract C3); old ones the bare marker.
 */
export const PRORATE_MARKER = 'm365-license-sync-prorate';

/** People retype serial numbers: compare trimmed and case-insensitive. */
export function normalizeSerial(serial: unknown): string {
	return typeof serial === 'string' ? serial.trim().toLowerCase() : '';
}

/** The product line the sync maintains (never a prorate line). */
export function isManagedSerial(serial: unknown): boolean {
	return normalizeSerial(serial) === MANAGED_MARKER;
}

/** A prorate line written by the sync: the bare marker (older runs) or `marker#change`. */
export function isProrateSerial(serial: unknown): boolean {
	const s = normalizeSerial(serial);
	return s === PRORATE_MARKER || s.startsWith(`${PRORATE_MARKER}#`);
}

/** Same serial number as ConnectWise users see it (trimmed, any case). */
export function sameSerial(a: unknown, b: unknown): boolean {
	const left = normalizeSerial(a);
	return left !== '' && left === normalizeSerial(b);
}
