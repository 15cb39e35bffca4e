/**
 * Access tokens per (tenant, scope), kept until shortly before they expire. Callers that
 * ask for the same token at the same time share one fetch, so 2,000 tenants starting at
 * once cost one Partner Center token call. Failures are not kept here: a refused grant is
 * remembered for one execution only (tokenProvider.forExecution), so a fix works on the next run.
 */
export interface AccessToken {
	token: string;
	/** Epoch ms. */
	expiresAt: number;
}

export type TokenFetcher = (tenantId: string, scope: string) => Promise<AccessToken>;

export interface TokenCacheOptions {
	now?: () => number;
	/** Refresh this long before expiry (capped at half the token's lifetime). */
	refreshMarginMs?: number;
}

interface Entry {
	token?: AccessToken;
	fetchedAt?: number;
	pending?: Promise<AccessToken>;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export class AccessTokenCache {
	private readonly entries = new Map<string, Entry>();

	private readonly now: () => number;

	private readonly margin: number;

	/** Entries left after the last sweep of expired tokens. */
	private sweptAt = 0;

	constructor(
		private readonly fetchToken: TokenFetcher,
		options: TokenCacheOptions = {},
	) {
		this.now = options.now ?? Date.now;
		this.margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
	}

	private fresh(entry: Entry | undefined, now: number): boolean {
		if (!entry?.token || entry.fetchedAt === undefined) return false;
		const lifetime = entry.token.expiresAt - entry.fetchedAt;
		const margin = Math.min(this.margin, lifetime / 2);
		return now < entry.token.expiresAt - margin;
	}

	async get(tenantId: string, scope: string): Promise<string> {
		const key = `${tenantId.toLowerCase()}|${scope}`;
		const now = this.now();
		const entry = this.entries.get(key);
		if (this.fresh(entry, now)) return entry!.token!.token;
		if (entry?.pending) return (await entry.pending).token;

		const pending = this.fetchToken(tenantId, scope);
		this.entries.set(key, { pending });
		// Book-keeping runs before any awaiting caller resumes; callers see the original outcome.
		pending.then(
			(token) => {
				this.entries.set(key, { token, fetchedAt: now });
				this.prune(now);
			},
			() => this.entries.delete(key),
		);
		return (await pending).token;
	}

	/** How many tokens (and token requests in flight) are kept. */
	get size(): number {
		return this.entries.size;
	}

	/**
	 * Drops expired tokens once the cache has doubled since the last sweep: a process that
	 * served thousands of tenants yesterday does not keep their tokens, and a sweep costs
	 * O(1) per token stored.
	 */
	private prune(now: number): void {
		if (this.entries.size < Math.max(64, this.sweptAt * 2)) return;
		for (const [key, entry] of this.entries) {
			if (entry.token && entry.token.expiresAt <= now) this.entries.delete(key);
		}
		this.sweptAt = this.entries.size;
	}

	/** Forget one token: the service refused it (401) before it expired by our clock (revoked, clock skew). */
	forget(tenantId: string, scope: string): void {
		const key = `${tenantId.toLowerCase()}|${scope}`;
		if (this.entries.get(key)?.token) this.entries.delete(key);
	}

	/** Forget every token (tests). */
	clear(): void {
		this.entries.clear();
	}
}
