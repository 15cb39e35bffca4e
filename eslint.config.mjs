import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		// The one departure from n8n's community-node rules: this package has runtime
		// dependencies (@azure/msal-node for GDAP tokens, axios, fast-levenshtein), so it
		// targets self-hosted n8n as an unverified community node, not n8n Cloud.
		// (configWithoutCloudSupport already allows timers for retry back-off.)
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// Tests, the sandbox, benchmarks and scripts are not shipped node code.
		files: ['tests/**/*.ts', 'sandbox/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
	{ ignores: ['dist/**', '.build/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
];
