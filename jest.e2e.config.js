/**
 * `npm run test:e2e`: a real n8n server per test file (tests/e2e/harness.ts), one file at a time.
 * Build first (`npm run build`): the harness installs the packed package, not the sources.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/tests/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	// The first run installs n8n (minutes); later runs start a server in seconds.
	testTimeout: 900000,
	maxWorkers: 1,
	verbose: true,
};
