import { backoffDelay, CancelledError, DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay, sleep } from '../../../nodes/shared/retry';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-23T12:00:00Z');
	test.each([
		['120', 120_000],
		['0', 0],
		['1.5', 1_500],
		['Mon, 23 Nov 2026 12:00:30 GMT', 30_000],
		['Mon, 23 Nov 2026 11:59:00 GMT', 0],
		['', undefined],
		['soon', undefined],
		[undefined, undefined],
	])('%p → %p ms', (header, expected) => {
		expect(parseRetryAfter(header, now)).toBe(expected);
	});
});

describe('retryDelay', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };
	test('honours Retry-After over back-off', () => {
		expect(retryDelay(1, '3', policy, 0, () => 0.5)).toBe(3_000);
	});
	test('caps a Retry-After that asks for too long', () => {
		expect(retryDelay(1, '3600', policy, 0, () => 0.5)).toBe(5_000);
	});
	test('back-off doubles per attempt, jittered between half and full, capped', () => {
		expect(backoffDelay(1, policy, () => 0)).toBe(50);
		expect(backoffDelay(1, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(400);
		expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
		expect(backoffDelay(10, policy, () => 0)).toBe(500);
	});
});

describe('sleep', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	test('resolves after the delay', async () => {
		let done = false;
		const p = sleep(1_000).then(() => (done = true));
		jest.advanceTimersByTime(999);
		await Promise.resolve();
		expect(done).toBe(false);
		jest.advanceTimersByTime(1);
		await p;
		expect(done).toBe(true);
	});

	test('is cancelled by the signal', async () => {
		const controller = new AbortController();
		const p = sleep(60_000, controller.signal);
		controller.abort();
		await expect(p).rejects.toBeInstanceOf(CancelledError);
	});

	test('an already-aborted signal rejects at once', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(sleep(10, controller.signal)).rejects.toBeInstanceOf(CancelledError);
	});
});
