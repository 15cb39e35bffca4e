/**
 * The sandbox's clock: real time plus an offset a test can move forward, so a refresh token's
 * 90 days or a GDAP relationship's end can pass in a test that runs for seconds.
 */
export const DAY_MS = 86_400_000;

export class SandboxClock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`The sandbox clock only moves forward (got ${ms} ms)`);
		this.offsetMs += ms;
	}

	advanceDays(days: number): void {
		this.advance(days * DAY_MS);
	}

	/** Back to real time (reset()). */
	reset(): void {
		this.offsetMs = 0;
	}
}
