/**
 * `npm run demo -- --exit` end to end, in-process: the sandbox and a real n8n start, the
 * onboarding workflow maps tenants, the sync writes changes, the report says what happened,
 * a second sync writes nothing, and everything is stopped when it returns 0.
 */
import { main } from '../../scripts/demo';

describe('npm run demo -- --exit', () => {
	let output = '';
	let code: number;
	const started = Date.now();

	beforeAll(async () => {
		code = await main(['--exit', '--tenants', '40', '--seed', '7'], (text) => {
			output += text;
		});
		process.stdout.write(`e2e demo: ${JSON.stringify({ totalMs: Date.now() - started, exitCode: code })}\n`);
	});

	const number = (pattern: RegExp): number => {
		const match = pattern.exec(output);
		if (!match) throw new Error(`the demo output has no ${pattern}:\n${output}`);
		return Number(match[1]);
	};

	it('ends with exit code 0 after the report', () => {
		expect(code).toBe(0);
		expect(output).toContain('M365 License Sync demo: report');
		expect(output.trimEnd().endsWith('Stopping (--exit)')).toBe(true);
	});

	it('reports tenants, mapped, needs review and linked licences', () => {
		expect(number(/^Tenants +(\d+) customer tenants/m)).toBe(40);
		const mapped = number(/^Mapped +(\d+) confident auto-map matches/m);
		const review = number(/^Needs review +(\d+) tenants/m);
		expect(mapped).toBeGreaterThan(20);
		expect(mapped + review).toBeLessThanOrEqual(40);
		expect(number(/^Licenses linked +(\d+) links/m)).toBeGreaterThan(0);
	});

	it('lists every change it wrote with before → after, and what it held back or skipped with reasons', () => {
		const created = number(/^Daily sync \([\d.]+ s\): (\d+) created/m);
		const updated = number(/ (\d+) updated, \d+ unchanged/);
		expect(created + updated).toBeGreaterThan(0);
		expect(number(/^Changes written \(before → after\): (\d+)/m)).toBe(created + updated);
		const changeLines = output.split('\n').filter((line) => /^ {2}(create|update) +.+ · agreement \d+ · .+: (–|\d+) → \d+$/.test(line));
		expect(changeLines.length).toBe(Math.min(created + updated, 20));
		expect(output).toMatch(/^Needs approval .*: \d+$/m);
		expect(output).toMatch(/^Not synced: \d+$/m);
		expect(output).toMatch(/^ {2}unlinked +.+: no link for /m);
	});

	it('writes nothing when the sync runs again straight away', () => {
		expect(output).toMatch(/^Second run straight away: 0 created, 0 updated, 0 writes to the PSA/m);
	});

	it('has stopped n8n when it returns', async () => {
		const url = /^Starting n8n[^\n]*\n {2}(http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1];
		expect(url).toBeDefined();
		await expect(fetch(`${url}/healthz`)).rejects.toThrow();
	});
});
