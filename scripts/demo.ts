/**
 * `npm run demo [-- --exit] [-- --tenants 40 --seed 7] [-- --psa autotask]`: the sandbox and a
 * real n8n with this package and its templates, onboarding, configuration and the daily sync,
 * then a report. The n8n editor stays up until Ctrl-C; `--exit` stops everything after the report.
 * `--psa autotask` bills the customers in the sandbox's Autotask PSA instead of ConnectWise.
 */
import { startDemo } from './demo/session';
import { DEMO_PSAS, type DemoPsa } from './demo/psa';

export interface DemoArgs {
	exit: boolean;
	tenants: number;
	seed: number;
	psa: DemoPsa;
}

export function parseDemoArgs(argv: string[]): DemoArgs {
	const args: DemoArgs = { exit: false, tenants: 40, seed: 7, psa: 'connectwise' };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (flag === '--exit') {
			args.exit = true;
		} else if (flag === '--tenants' || flag === '--seed') {
			const value = Number(argv[++i]);
			if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive whole number`);
			args[flag === '--tenants' ? 'tenants' : 'seed'] = value;
		} else if (flag === '--psa') {
			const value = String(argv[++i] ?? '').toLowerCase();
			if (!(DEMO_PSAS as readonly string[]).includes(value)) throw new Error(`--psa needs one of ${DEMO_PSAS.join(', ')}`);
			args.psa = value as DemoPsa;
		} else {
			throw new Error(`unknown option ${flag} (options: --exit, --tenants N, --seed N, --psa connectwise|autotask)`);
		}
	}
	return args;
}

/**
 * Resolves on the first Ctrl-C / SIGTERM. Under `npm run` the terminal's Ctrl-C reaches us
 * twice (directly and forwarded by npm), so repeats within a second are ignored; a later one
 * means "stop now" and exits at once (n8n's process group is still killed on exit).
 */
function untilStopSignal(log: (line: string) => void): Promise<NodeJS.Signals> {
	return new Promise((resolve) => {
		let firstAt = 0;
		const onSignal = (signal: NodeJS.Signals): void => {
			if (firstAt === 0) {
				firstAt = Date.now();
				resolve(signal);
			} else if (Date.now() - firstAt > 1000) {
				log('Stopping at once.');
				process.exit(130);
			}
		};
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	});
}

export async function main(argv: string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
	const started = Date.now();
	const log = (line: string): void => write(`${line}\n`);
	let args: DemoArgs;
	try {
		args = parseDemoArgs(argv);
	} catch (error) {
		log(`demo: ${(error as Error).message}`);
		return 2;
	}
	try {
		const session = await startDemo({ tenants: args.tenants, seed: args.seed, psa: args.psa, log });
		log(`\n${session.report}\n`);
		log(`Demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		if (args.exit) {
			log('Stopping (--exit)');
			await session.stop();
			return 0;
		}
		log(`${session.access}\n\nn8n keeps running for you to explore. Press Ctrl-C to stop everything.`);
		await untilStopSignal(log);
		log('\nStopping n8n and the sandbox…');
		await session.stop();
		log('Stopped.');
		return 0;
	} catch (error) {
		log(`\ndemo failed: ${(error as Error).message}`);
		return 1;
	}
}

if (require.main === module) {
	void main(process.argv.slice(2)).then((code) => process.exit(code));
}
