/**
 * Autotask limits each database to a number of API requests per hour (10,000 by default,
 * shared by every integration; `GET /ThresholdInformation` says the limit and the count of
 * the current hour). Past it the API refuses every integration of the MSP, so a large sync
 * stops itself first: the guard reads the threshold before the first call and again every
 * `recheckEvery` calls (and whenever its own count says the stop line is near), and refuses
 * to send once the database is at `stopShare` of its limit.
 */
import { ItemError } from '../../shared/itemError';

export interface ThresholdInformation {
	externalRequestThreshold?: number;
	requestThresholdTimeframe?: number;
	currentTimeframeRequestCount?: number;
}

export class ThresholdReachedError extends ItemError {}

export interface ThresholdGuardOptions {
	/** Share of the hourly limit at which this node stops sending (default 0.9: others keep 10 %). */
	stopShare?: number;
	recheckEvery?: number;
	/** Past the stop line, how long the last count stands before it is read again (default a minute). */
	recheckAfterMs?: number;
	now?: () => number;
}

export class ThresholdGuard {
	private limit: number | undefined;
	private used = 0;
	private sinceCheck = 0;
	private checking: Promise<void> | undefined;
	private checkedAt = -Infinity;
	private readonly stopShare: number;
	private readonly recheckEvery: number;
	private readonly recheckAfterMs: number;
	private readonly now: () => number;

	constructor(
		private readonly read: () => Promise<ThresholdInformation>,
		options: ThresholdGuardOptions = {},
	) {
		this.stopShare = options.stopShare ?? 0.9;
		this.recheckEvery = options.recheckEvery ?? 250;
		this.recheckAfterMs = options.recheckAfterMs ?? 60_000;
		this.now = options.now ?? Date.now;
	}

	/** What the guard last knew (for the node's output and tests). */
	state(): { limit: number | undefined; used: number } {
		return { limit: this.limit, used: this.used };
	}

	private stopLine(): number {
		return Math.floor((this.limit ?? Infinity) * this.stopShare);
	}

	private async check(): Promise<void> {
		this.checking ??= (async () => {
			try {
				const info = await this.read();
				this.limit = info.externalRequestThreshold ?? this.limit;
				// The threshold call itself counts too.
				this.used = (info.currentTimeframeRequestCount ?? this.used) + 1;
				this.sinceCheck = 0;
				this.checkedAt = this.now();
			} finally {
				this.checking = undefined;
			}
		})();
		await this.checking;
	}

	/** Call before each request: waits for a check when one is due, refuses past the stop line. */
	async admit(): Promise<void> {
		const overLine = this.used + 1 > this.stopLine();
		// Past the line the count is read again only now and then: asking every time would spend what is left.
		if (this.limit === undefined || this.sinceCheck >= this.recheckEvery || (overLine && this.now() - this.checkedAt >= this.recheckAfterMs)) await this.check();
		if (this.used + 1 > this.stopLine()) {
			throw new ThresholdReachedError(
				`Autotask's hourly API limit is nearly used (${this.used} of ${this.limit} requests in the last hour): this node stops at ${Math.round(this.stopShare * 100)} % so your other integrations keep working`,
				'Nothing more was sent for this item. Run the sync again later (the count is over a rolling hour), or see API Activity by Hour in Autotask for who uses the requests.',
			);
		}
		this.used++;
		this.sinceCheck++;
	}
}
