import { AccessTokenCache, type AccessToken } from '../../../nodes/MicrosoftPartnerCenter/transport/tokenCache';

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

	test('a lasting failure is remembered for a while; a passing one is retried at once', async () => {
		const clock = { now: 0 };
		let calls = 0;
		const cache = new AccessTokenCache(async () => {
			calls++;
			throw new Error(calls === 1 ? 'dead refresh token' : 'timeout');
		}, { now: () => clock.now, failureTtlMs: 1000, isLasting: (e) => (e as Error).message === 'dead refresh token' });
		await expect(cache.get('T', 's')).rejects.toThrow('dead refresh token');
		await expect(cache.get('T', 's')).rejects.toThrow('dead refresh token');
		expect(calls).toBe(1);
		clock.now = 1001;
		await expect(cache.get('T', 's')).rejects.toThrow('timeout');
		await expect(cache.get('T', 's')).rejects.toThrow('timeout');
		expect(calls).toBe(3);
	});
});
