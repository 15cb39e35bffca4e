/**
 * `npm run sandbox -- --tenants 200 --seed 7 [--port 3999] [--https] [--latency-ms 40] [--fault-rate 0.1]`
 * Starts the sandbox and prints the URLs and the credential values to paste into n8n.
 */
import { type Sandbox, type SandboxOptions, startSandbox } from './index';

export function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	const number = (flag: string, value: string | undefined): number => {
		const parsed = Number(value);
		if (value === undefined || Number.isNaN(parsed)) throw new Error(`${flag} needs a number`);
		return parsed;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--tenants':
				options.tenants = number(flag, argv[++i]);
				break;
			case '--seed':
				options.seed = number(flag, argv[++i]);
				break;
			case '--port':
				options.port = number(flag, argv[++i]);
				break;
			case '--latency-ms':
				options.latencyMs = number(flag, argv[++i]);
				break;
			case '--fault-rate':
				options.faultRate = number(flag, argv[++i]);
				break;
			case '--today':
				options.today = argv[++i];
				break;
			case '--https':
				options.https = true;
				break;
			default:
				throw new Error(`Unknown option ${flag}`);
		}
	}
	return options;
}

export function describe(sandbox: Sandbox): string {
	const { microsoft, connectWise, autotask } = sandbox.credentials;
	const state = sandbox.state;
	return [
		`Sandbox running: ${state.tenants.length} tenants, ${state.companies.length} companies, ${state.agreements.length} agreements, ${state.additions.length} additions (seed ${state.seed}, today ${state.today})`,
		'',
		'URLs',
		`  base            ${sandbox.urls.base}`,
		`  login           ${sandbox.urls.login}`,
		`  Partner Center  ${sandbox.urls.partnerCenter}`,
		`  Graph           ${sandbox.urls.graph}`,
		`  ConnectWise     ${sandbox.urls.connectWise}`,
		`  Autotask        ${sandbox.urls.autotask}/webservices/ATServicesRest/ (zone lookup)`,
		'',
		'Microsoft Partner Center API credential (Environment: Custom)',
		`  Login URL           ${sandbox.urls.login}`,
		`  Partner Center URL  ${sandbox.urls.partnerCenter}`,
		`  Graph URL           ${sandbox.urls.graph}`,
		`  Partner tenant ID   ${microsoft.partnerTenantId}`,
		`  Client ID           ${microsoft.clientId}`,
		`  Client secret       ${microsoft.clientSecret}`,
		`  Refresh token       ${microsoft.refreshToken}`,
		'',
		'ConnectWise PSA API credential',
		`  Site URL     ${connectWise.siteUrl}`,
		`  Company ID   ${connectWise.companyId}`,
		`  Public key   ${connectWise.publicKey}`,
		`  Private key  ${connectWise.privateKey}`,
		`  Client ID    ${connectWise.clientId}`,
		'',
		'Autotask PSA API credential (Zone: given by hand)',
		`  Zone URL          ${autotask.zoneUrl}`,
		`  API user name     ${autotask.userName}`,
		`  Secret            ${autotask.secret}`,
		`  Integration code  ${autotask.integrationCode}`,
		'',
		sandbox.certificate ? 'https with a self-signed certificate: set NODE_TLS_REJECT_UNAUTHORIZED=0 for the client or trust the certificate.' : '',
		'Ctrl-C stops the sandbox.',
		'',
	].join('\n');
}

export async function main(argv: string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<Sandbox> {
	const sandbox = await startSandbox(parseArgs(argv));
	write(describe(sandbox));
	return sandbox;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(sandbox) => {
			const stop = () => void sandbox.stop().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		},
		(error: Error) => {
			process.stderr.write(`${error.message}\n`);
			process.exit(1);
		},
	);
}
