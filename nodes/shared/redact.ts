/**
 * Secrets must never reach node output, errors or logs. Everything we throw or log
 * passes through here: known secret values are replaced, and so are the shapes
 * secrets take on the wire even when we were not told the value.
 */
const PLACEHOLDER = '[redacted]';

const WIRE_PATTERNS: Array<[RegExp, string]> = [
	[/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi, `$1$2 ${PLACEHOLDER}`],
	[/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{16,}=*/gi, `$1 ${PLACEHOLDER}`],
	[/((?:client_secret|refresh_token|access_token|assertion|password|privateKey|private_key)["']?\s*[:=]\s*["']?)[^&\s"',}]+/gi, `$1${PLACEHOLDER}`],
];

/** Minimum length of a value worth redacting: shorter ones would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;

export function redactText(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
	let out = text;
	const values = secrets
		.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	for (const secret of values) {
		out = out.split(secret).join(PLACEHOLDER);
		// Secrets also travel URL-encoded (form bodies) and base64-encoded (Basic auth).
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) out = out.split(encoded).join(PLACEHOLDER);
	}
	for (const [pattern, replacement] of WIRE_PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/** Deep copy of a JSON-like value with every string redacted. */
export function redactValue<T>(value: T, secrets: ReadonlyArray<string | undefined> = []): T {
	if (typeof value === 'string') return redactText(value, secrets) as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets)) as unknown as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			out[key] = /secret|password|token|privatekey|authorization/i.test(key) && typeof v === 'string'
				? PLACEHOLDER
				: redactValue(v, secrets);
		}
		return out as T;
	}
	return value;
}
