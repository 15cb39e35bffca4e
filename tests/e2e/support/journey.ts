/** A sandbox and a real n8n with some shipped templates published, their credentials pointing at the sandbox. */
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startN8n, type N8nServer } from '../harness';
import { credentialsFor, loadTemplate } from '../templates/templates';

export interface Journey {
	sandbox: Sandbox;
	n8n: N8nServer;
	/** Production URL of a published form trigger, by its path. */
	formUrl(path: string): string;
	stop(): Promise<void>;
}

/** `without`: credential types the install does not have (e.g. a ConnectWise-only MSP has no Autotask credential). */
export async function startJourney(options: { name: string; templates: string[]; tenants?: number; seed?: number; without?: string[] }): Promise<Journey> {
	const sandbox = await startSandbox({ tenants: options.tenants ?? 16, seed: options.seed ?? 5 });
	const workflows = options.templates.map((file) => ({ ...loadTemplate(file), active: true }));
	let started: N8nServer | undefined;
	try {
		started = await startN8n({ name: options.name, credentials: credentialsFor(sandbox, workflows, options.without), workflows });
	} finally {
		if (!started) await sandbox.stop();
	}
	const n8n = started;
	return {
		sandbox,
		n8n,
		formUrl: (path) => `${n8n.baseUrl}/form/${path}`,
		async stop() {
			await n8n.stop();
			await sandbox.stop();
		},
	};
}
