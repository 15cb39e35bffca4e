/** Reading single request fields strictly: a value that is not exactly understood is `undefined`. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[1-9][0-9]*$/;

/** A positive whole number, as a JSON number or a string of digits ("250" from a PSA button template). */
export function positiveInteger(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' && DIGITS.test(value) ? Number(value) : NaN;
	return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** A tenant id in GUID form, lower-cased as the company map and Partner Center compare them. */
export function tenantGuid(value: unknown): string | undefined {
	return typeof value === 'string' && GUID.test(value) ? value.toLowerCase() : undefined;
}

/** true / false, or their lower-case text: anything else ("yes", 1, "TRUE") is not understood. */
export function strictBoolean(value: unknown): boolean | undefined {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return undefined;
}

/** How a refused value is shown back to the caller: JSON, cut short. */
export function shown(value: unknown): string {
	const text = value === undefined ? 'nothing' : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
