import { mapWithConcurrency } from '../../../nodes/shared/concurrency';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapWithConcurrency', () => {
	test('never runs more than the limit at once, and keeps input order', async () => {
		let running = 0;
		let peak = 0;
		const items = Array.from({ length: 40 }, (_, i) => i);
		const out = await mapWithConcurrency(items, 5, async (n) => {
			running++;
			peak = Math.max(peak, running);
			await delay((n * 7) % 11);
			running--;
			return n * 2;
		});
		expect(out).toEqual(items.map((n) => n * 2));
		expect(peak).toBe(5);
	});

	test('the first failure rejects and stops scheduling', async () => {
		const started: number[] = [];
		const p = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (n) => {
			started.push(n);
			await delay(5);
			if (n === 1) throw new Error('tenant 1 failed');
			return n;
		});
		await expect(p).rejects.toThrow('tenant 1 failed');
		expect(started.length).toBeLessThan(6);
	});

	test('empty input and silly limits', async () => {
		expect(await mapWithConcurrency([], 4, async (n) => n)).toEqual([]);
		expect(await mapWithConcurrency([1, 2], 0, async (n) => n + 1)).toEqual([2, 3]);
	});
});
