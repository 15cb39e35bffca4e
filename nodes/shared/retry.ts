/** Retry timing: Retry-After parsing, exponential back-off with jitter, cancellable waits. */

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Longest Retry-After we honour; a service asking for more gets this much. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
});

/** `Retry-After` is either delta-seconds or an HTTP date. Returns ms, or undefined if absent/garbled. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Full-jitter exponential back-off: attempt 1 waits up to base, attempt 2 up to 2×base... */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	// Half fixed, half random: never a zero wait, still spreads a thundering herd.
	return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export function retryDelay(
	attempt: number,
	retryAfterHeader: string | undefined,
	policy: RetryPolicy,
	now: number,
	random: () => number,
): number {
	const retryAfter = parseRetryAfter(retryAfterHeader, now);
	if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxRetryAfterMs);
	return backoffDelay(attempt, policy, random);
}

export class CancelledError extends Error {
	constructor() {
		super('The request was cancelled');
		this.name = 'CancelledError';
	}
}

export function cancelled(): CancelledError {
	return new CancelledError();
}

/** A wait that ends early (rejecting) when the signal aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw cancelled();
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(cancelled());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
