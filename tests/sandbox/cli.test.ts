import { main, parseArgs } from '../../sandbox/cli';

describe('sandbox CLI', () => {
	it('reads the documented flags', () => {
		expect(parseArgs(['--tenants', '200', '--seed', '7', '--port', '0', '--https', '--latency-ms', '40', '--fault-rate', '0.1'])).toEqual({
			tenants: 200,
			seed: 7,
			port: 0,
			https: true,
			latencyMs: 40,
			faultRate: 0.1,
		});
		expect(() => parseArgs(['--tenants'])).toThrow('--tenants needs a number');
		expect(() => parseArgs(['--bogus'])).toThrow('Unknown option --bogus');
	});

	it('prints the URLs and every credential value to paste into n8n', async () => {
		let printed = '';
		const sandbox = await main(['--tenants', '5', '--seed', '7'], (text) => {
			printed += text;
		});
		try {
			const { microsoft, connectWise } = sandbox.credentials;
			for (const value of [sandbox.urls.login, sandbox.urls.partnerCenter, sandbox.urls.graph, connectWise.siteUrl, microsoft.partnerTenantId, microsoft.clientId, microsoft.clientSecret, microsoft.refreshToken, connectWise.companyId, connectWise.publicKey, connectWise.privateKey, connectWise.clientId]) {
				expect(printed).toContain(value);
			}
		} finally {
			await sandbox.stop();
		}
	});
});
