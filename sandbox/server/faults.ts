/** Fault injection per endpoint: latency, 429 with Retry-After, 5xx, connection resets, rate limits. */
import type { Random } from '../random';
import type { SandboxState } from '../types';
import { type EndpointMatch, endpointMatches } from './requestLog';

export type Fault =
	| { kind: 'throttle'; retryAfterSeconds: number }
	| { kind: 'serverError'; status: number }
	| { kind: 'reset' };

interface CountedRule {
	match: EndpointMatch;
	/** Matching requests let through before the fault starts (fail the Nth: after = N - 1). */
	skip: number;
	remaining: number;
	fault: Fault;
}

/** How many requests a counted fault answers, and how many it lets through first. */
export interface CountOptions {
	count?: number;
	after?: number;
}

interface RateLimitRule {
	match: EndpointMatch;
	limit: number;
	windowMs: number;
	retryAfterSeconds: number;
	hits: number[];
}

/** Switches the service handlers read: who lost GDAP, where the app is not consented, whether refresh tokens are dead. */
export interface AccessSwitches {
	gdapRemoved: Set<string>;
	/** Customer tenants where the app has no consent (service principal) yet. */
	consentMissing: Set<string>;
	/** Customer tenants whose GDAP relationship has no role that may read usage reports (Reports Reader, Global Reader, …). */
	reportsDenied: Set<string>;
	refreshTokenRevoked: boolean;
}

export class Faults {
	private latencies: Array<{ match: EndpointMatch; ms: number }> = [];
	private counted: CountedRule[] = [];
	private rateLimits: RateLimitRule[] = [];

	constructor(
		private readonly getState: () => SandboxState,
		readonly access: AccessSwitches,
		private readonly faultRate: number,
		private readonly random: Random,
	) {}

	latency(match: EndpointMatch, ms: number): void {
		this.latencies.push({ match, ms });
	}

	throttle(match: EndpointMatch, { count = 1, after = 0, retryAfterSeconds = 1 }: CountOptions & { retryAfterSeconds?: number } = {}): void {
		this.counted.push({ match, skip: after, remaining: count, fault: { kind: 'throttle', retryAfterSeconds } });
	}

	/** Answers with `status` in the service's error shape: 5xx, or a 4xx for a definitive refusal. */
	serverError(match: EndpointMatch, { count = 1, after = 0, status = 503 }: CountOptions & { status?: number } = {}): void {
		this.counted.push({ match, skip: after, remaining: count, fault: { kind: 'serverError', status } });
	}

	reset(match: EndpointMatch, { count = 1, after = 0 }: CountOptions = {}): void {
		this.counted.push({ match, skip: after, remaining: count, fault: { kind: 'reset' } });
	}

	rateLimit(match: EndpointMatch, { limit, windowMs = 1000, retryAfterSeconds = 1 }: { limit: number; windowMs?: number; retryAfterSeconds?: number }): void {
		this.rateLimits.push({ match, limit, windowMs, retryAfterSeconds, hits: [] });
	}

	removeGdap(tenantIds: string[]): void {
		for (const tenantId of tenantIds) this.access.gdapRemoved.add(tenantId);
	}

	restoreGdap(tenantIds: string[]): void {
		for (const tenantId of tenantIds) this.access.gdapRemoved.delete(tenantId);
	}

	/** The app is not (or no longer) consented in these tenants: their tokens get AADSTS65001 until consent is granted. */
	removeConsent(tenantIds: string[]): void {
		for (const tenantId of tenantIds) this.access.consentMissing.add(tenantId);
	}

	/** Consent back in place without going through Partner Center (as if someone consented in the customer's own portal). */
	restoreConsent(tenantIds: string[]): void {
		for (const tenantId of tenantIds) this.access.consentMissing.delete(tenantId);
	}

	/** The GDAP relationship of these tenants gives no role that reads usage reports: Graph refuses the mailbox report. */
	denyReports(tenantIds: string[]): void {
		for (const tenantId of tenantIds) this.access.reportsDenied.add(tenantId);
	}

	removeTenant(tenantId: string): void {
		const tenant = this.getState().tenants.find((candidate) => candidate.tenantId === tenantId);
		if (!tenant) throw new Error(`No tenant ${tenantId} in the sandbox`);
		tenant.removed = true;
	}

	revokeRefreshToken(): void {
		this.access.refreshTokenRevoked = true;
	}

	clear(): void {
		this.latencies = [];
		this.counted = [];
		this.rateLimits = [];
		this.access.gdapRemoved.clear();
		this.access.consentMissing.clear();
		this.access.reportsDenied.clear();
		this.access.refreshTokenRevoked = false;
	}

	latencyFor(endpoint: string): number {
		return this.latencies.filter(({ match }) => endpointMatches(match, endpoint)).reduce((sum, { ms }) => sum + ms, 0);
	}

	/**
	 * The fault that answers this request instead of the service, if any (consumes counted
	 * rules). A rule matches the endpoint key (`cw GET /finance/agreements/{id}/additions`) or
	 * the request itself (`cw GET /finance/agreements/812/additions`), so one record can fail.
	 */
	take(endpoint: string, now: number, request?: string): Fault | undefined {
		const matches = (match: EndpointMatch) => endpointMatches(match, endpoint) || (request !== undefined && endpointMatches(match, request));
		for (const rule of this.counted) {
			if (rule.remaining <= 0 || !matches(rule.match)) continue;
			if (rule.skip > 0) {
				rule.skip -= 1;
				continue;
			}
			rule.remaining -= 1;
			return rule.fault;
		}
		for (const limit of this.rateLimits) {
			if (!endpointMatches(limit.match, endpoint)) continue;
			limit.hits = limit.hits.filter((at) => at > now - limit.windowMs);
			if (limit.hits.length >= limit.limit) return { kind: 'throttle', retryAfterSeconds: limit.retryAfterSeconds };
			limit.hits.push(now);
		}
		if (this.faultRate > 0 && !endpoint.startsWith('login ') && this.random.next() < this.faultRate) {
			return this.random.chance(0.5) ? { kind: 'throttle', retryAfterSeconds: 1 } : { kind: 'serverError', status: 503 };
		}
		return undefined;
	}
}
