import { ApiError } from '../../../nodes/shared';
import { AccessTokenCache, type AccessToken } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenCache';
import { forExecution, type TokenProvider } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenProvider';

function fakeFetcher(lifetimeMs: number, clock: { now: number }) {
	const calls: string[] = [];
	let n = 0;
	const fetch = async (tenantId: string, scope: string): Promise<AccessToken> => {
		calls.push(`${tenantId} ${scope}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
		return { token: `token-${++n}`, expiresAt: clock.now + lifetimeMs };
	};
	return { fetch, calls };
}

describe('AccessTokenCache', () => {
	test('concurrent requests for one (tenant, scope) share one fetch; other tenants get their own', async () => {
		const clock = { now: 1_000_000 };
		const { fetch, calls } = fakeFetcher(3_600_000, clock);
		const cache = new AccessTokenCache(fetch, { now: () => clock.now });
		const tokens = await Promise.all([...Array(20)].map(() => cache.get('T1', 'pc')));
		expect(new Set(tokens)).toEqual(new Set(['token-1']));
		await Promise.all([cache.get('t1', 'graph'), cache.get('T2', 'graph'), cache.get('T2', 'graph')]);
		expect(calls).toEqual(['T1 pc', 't1 graph', 'T2 graph']);
	});

	test('kept until 5 minutes before expiry, then fetched again', async () => {
		const clock = { now: 0 };
		const { fetch, calls } = fakeFetcher(3_600_000, clock);
		const cache = new AccessTokenCache(fetch, { now: () => clock.now });
		await cache.get('T', 's');
		clock.now = 3_600_000 - 5 * 60_000 - 1;
		expect(await cache.get('T', 's')).toBe('token-1');
		clock.now += 2;
		expect(await cache.get('T', 's')).toBe('token-2');
		expect(calls).toHaveLength(2);
	});

	test('short-lived tokens refresh at half their life, not immediately', async () => {
		const clock = { now: 0 };
		const { fetch } = fakeFetcher(60_000, clock);
		const cache = new AccessTokenCache(fetch, { now: () => clock.now });
		await cache.get('T', 's');
		clock.now = 29_000;
		expect(await cache.get('T', 's')).toBe('token-1');
		clock.now = 31_000;
		expect(await cache.get('T', 's')).toBe('token-2');
	});

	test('a failure is not remembered: the next call asks again', async () => {
		let calls = 0;
		const cache = new AccessTokenCache(async () => {
			calls++;
			throw new Error('dead refresh token');
		});
		await expect(cache.get('T', 's')).rejects.toThrow('dead refresh token');
		await expect(cache.get('T', 's')).rejects.toThrow('dead refresh token');
		expect(calls).toBe(2);
	});
});

describe('forExecution', () => {
	const loginFailure = (message: string) => new ApiError(message, { service: 'login', serviceMessage: message });

	test('a lasting login failure fails the rest of this execution fast; a new execution asks again (a fix works on the next run)', async () => {
		let calls = 0;
		const provider: TokenProvider = {
			cache: new AccessTokenCache(async () => ({ token: 't', expiresAt: 0 })),
			useRefreshToken: () => undefined,
			forgetPartnerCenter: () => undefined,
			forgetGraph: () => undefined,
			partnerCenter: async () => 'pc',
			graph: async (tenantId) => {
				calls++;
				if (tenantId === 'unconsented') throw loginFailure('Could not get a token for tenant unconsented: the app is not consented in customer tenant unconsented');
				if (tenantId === 'dead') throw loginFailure('Could not get a token for tenant dead: the refresh token was refused');
				return `graph-${tenantId}`;
			},
		};
		const run1 = forExecution(provider);
		await expect(run1.graph('unconsented')).rejects.toThrow(/not consented/);
		await expect(run1.graph('unconsented')).rejects.toThrow(/not consented/);
		expect(await run1.graph('other')).toBe('graph-other');
		expect(calls).toBe(2);
		await expect(run1.graph('dead')).rejects.toThrow(/refresh token/);
		// Partner-wide: every tenant now fails at once in this execution.
		await expect(run1.graph('other')).rejects.toThrow(/refresh token/);
		expect(calls).toBe(3);
		const run2 = forExecution(provider);
		expect(await run2.graph('other')).toBe('graph-other');
		await expect(run2.graph('unconsented')).rejects.toThrow(/not consented/);
		expect(calls).toBe(5);
	});
});
