/** Access tokens the sandbox issued: bound to a tenant, a resource and a grant, and expiring. */
import { randomBytes } from 'node:crypto';

export type Resource = 'partnercenter' | 'graph';

export interface TokenGrant {
	tenantId: string;
	resource: Resource;
	/** `delegated` = App + User (refresh token); `app` = client credentials. */
	mode: 'delegated' | 'app';
	clientId: string;
	expiresAt: number;
}

function base64url(value: object): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class TokenStore {
	private readonly tokens = new Map<string, TokenGrant>();

	/** JWT-shaped so clients that peek at `tid`/`exp` work; the sandbox only trusts its own map. */
	issue(grant: TokenGrant, audience: string): string {
		const seconds = Math.floor(grant.expiresAt / 1000);
		const token = [
			base64url({ typ: 'JWT', alg: 'none' }),
			base64url({ aud: audience, tid: grant.tenantId, appid: grant.clientId, exp: seconds, iat: seconds - 3600, idtyp: grant.mode === 'app' ? 'app' : 'user' }),
			randomBytes(24).toString('base64url'),
		].join('.');
		this.tokens.set(token, grant);
		return token;
	}

	/** The grant behind a bearer token, or why it is refused. */
	check(authorization: string | undefined, now: number): TokenGrant | 'missing' | 'invalid' | 'expired' {
		const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
		if (!match) return 'missing';
		const grant = this.tokens.get(match[1].trim());
		if (!grant) return 'invalid';
		return grant.expiresAt <= now ? 'expired' : grant;
	}
}
