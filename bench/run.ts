/**
 * `npm run bench`: runs the compiled benchmarks in plain Node. Jest runs code inside a vm
 * context where every global lookup (Math, Date...) is slower; measured here it tripled the
 * CPU time of the pure cores, so figures from it would describe Jest, not our code.
 * Bench files keep Jest's `describe`/`test`/`expect` shape; this file supplies a tiny subset.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';

type Body = () => unknown | Promise<unknown>;
const registered: Array<{ name: string; body: Body }> = [];
const prefix: string[] = [];

const api = {
	describe(name: string, body: () => void) {
		prefix.push(name);
		body();
		prefix.pop();
	},
	test(name: string, body: Body) {
		registered.push({ name: [...prefix, name].join(' › '), body });
	},
	expect(actual: unknown) {
		return {
			toBe: (expected: unknown) => assert.strictEqual(actual, expected),
			toEqual: (expected: unknown) => assert.deepStrictEqual(actual, expected),
			toBeGreaterThan: (n: number) => assert.ok((actual as number) > n, `${String(actual)} > ${n}`),
			toBeLessThan: (n: number) => assert.ok((actual as number) < n, `${String(actual)} < ${n}`),
		};
	},
};
Object.assign(globalThis, { describe: api.describe, test: api.test, it: api.test, expect: api.expect });

async function main(filter: string[]): Promise<void> {
	const files = readdirSync(__dirname)
		.filter((file) => file.endsWith('.bench.js'))
		.filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
		.sort();
	let failed = 0;
	for (const file of files) {
		registered.length = 0;
		await import(path.join(__dirname, file));
		for (const { name, body } of registered) {
			process.stdout.write(`\n▶ ${name}\n`);
			try {
				await body();
			} catch (error) {
				failed++;
				process.stdout.write(`✗ ${name}: ${(error as Error).stack ?? String(error)}\n`);
			}
		}
	}
	process.stdout.write(`\n${files.length} benchmark files run, ${failed} failed\n`);
	process.exit(failed > 0 ? 1 : 0);
}

void main(process.argv.slice(2));
