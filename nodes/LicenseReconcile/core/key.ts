/** Deterministic keys: the same work gets the same key on every run and machine. */

/** FNV-1a 32-bit, hex: short, stable, no dependency (not for security). */
export function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/** JSON with object keys sorted, so field order in a row never changes a key. */
export function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.keys(value as object)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The agreement line a link writes: one product per agreement. */
export function slotKey(agreementId: number, productIdentifier: string): string {
	return `${agreementId}/${productIdentifier.trim().toLowerCase()}`;
}

export function lineKey(
	agreementId: number,
	productIdentifier: string,
	tenantId: string,
	skuIds: string[],
	term: string | null,
): string {
	return `${slotKey(agreementId, productIdentifier)}/${tenantId}/${skuIds.join('+')}/${term ?? 'all'}`;
}

/** Line + day + a digest of the values to write (given as one text). */
export function planKey(line: string, referenceDate: string, values: string): string {
	return `${line}@${referenceDate}#${fnv1a(values)}`;
}

/** A copy of a row with its fields in sorted order, so a reported row never depends on field order. */
export function sortedRow<T>(row: T): T {
	return JSON.parse(stableJson(row)) as T;
}
