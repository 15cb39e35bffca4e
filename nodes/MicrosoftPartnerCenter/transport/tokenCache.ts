/**
 * Access tokens per (tenant, scope), kept until shortly before they expire. Callers that
 * ask for the same token at the same time share one fetch, so 2,000 tenants starting at
 * once cost one Partner Center token call. A refused grant is remembered for a minute so
 * a dead refresh token fails every item fast instead of hammering the login service.
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
	/** How long a refused grant is remembered. */
	failureTtlMs?: number;
	/** Which failures are worth remembering (the credential itself is wrong). */
	isLasting?: (error: unknown) => boolean;
}

interface Entry {
	token?: AccessToken;
	fetchedAt?: number;
	pending?: Promise<AccessToken>;
	failure?: { error: unknown; until: number };
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export class AccessTokenCache {
	private readonly entries = new Map<string, Entry>();

	private readonly now: () => number;

	private readonly margin: number;

	private readonly failureTtl: number;

	private readonly isLasting: (error: unknown) => boolean;

	constructor(
		private readonly fetchToken: TokenFetcher,
		options: TokenCacheOptions = {},
	) {
		this.now = options.now ?? Date.now;
		this.margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
		this.failureTtl = options.failureTtlMs ?? 60_000;
		this.isLasting = options.isLasting ?? (() => false);
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
		if (entry?.failure && now < entry.failure.until) throw entry.failure.error;
		if (entry?.pending) return (await entry.pending).token;

		const pending = this.fetchToken(tenantId, scope);
		this.entries.set(key, { pending });
		// Book-keeping runs before any awaiting caller resumes; callers see the original outcome.
		pending.then(
			(token) => this.entries.set(key, { token, fetchedAt: now }),
			(error: unknown) => {
				if (this.isLasting(error)) this.entries.set(key, { failure: { error, until: this.now() + this.failureTtl } });
				else this.entries.delete(key);
			},
		);
		return (await pending).token;
	}

	/** Forget every token (tests; a 401 that says the token is no good any more). */
	clear(): void {
		this.entries.clear();
	}
}
