/**
 * Refresh tokens as Entra ID issues them: each carries its issue time and lives at most
 * 90 days; every redemption hands out a new one, and redeeming an old one does not extend
 * it ("Refresh tokens in the Microsoft identity platform", Microsoft Learn). A token that
 * was redeemed stays valid until its own end, as in Entra ID (it is not single-use).
 */
import { randomBytes } from 'node:crypto';
import { DAY_MS } from '../server/clock';
import type { Resource } from './tokens';

export const REFRESH_TOKEN_LIFETIME_MS = 90 * DAY_MS;

export interface RefreshTokenRecord {
	issuedAt: number;
	expiresAt: number;
	clientId: string;
	/** The resource of the sign-in it came from: a refresh without `scope` gets a token for it. */
	resource: Resource;
}

/** One accepted refresh-token grant: when the redeemed token was issued and when it was used. */
export interface RefreshTokenRedemption {
	issuedAt: number;
	redeemedAt: number;
}

export type RefreshTokenCheck = { record: RefreshTokenRecord } | { refused: 'unknown' | 'expired' | 'otherClient'; record?: RefreshTokenRecord };

export class RefreshTokenStore {
	private readonly tokens = new Map<string, RefreshTokenRecord>();

	private readonly accepted: RefreshTokenRedemption[] = [];

	issue(clientId: string, resource: Resource, now: number, token = `sbx-rt.${randomBytes(24).toString('base64url')}`): string {
		this.tokens.set(token, { issuedAt: now, expiresAt: now + REFRESH_TOKEN_LIFETIME_MS, clientId, resource });
		return token;
	}

	check(token: string, clientId: string, now: number): RefreshTokenCheck {
		const record = this.tokens.get(token);
		if (!record) return { refused: 'unknown' };
		if (record.clientId !== clientId) return { refused: 'otherClient', record };
		if (record.expiresAt <= now) return { refused: 'expired', record };
		return { record };
	}

	/** Checks a token and, when it is accepted, records the redemption (tests: which token age a client redeems). */
	redeem(token: string, clientId: string, now: number): RefreshTokenCheck {
		const checked = this.check(token, clientId, now);
		if ('record' in checked && !('refused' in checked)) this.accepted.push({ issuedAt: checked.record.issuedAt, redeemedAt: now });
		return checked;
	}

	/** Accepted redemptions, oldest first. */
	redemptions(): RefreshTokenRedemption[] {
		return [...this.accepted];
	}

	/** How many were handed out (tests: every use rotated). */
	get size(): number {
		return this.tokens.size;
	}
}
