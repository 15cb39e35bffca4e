/** The shipped templates and the credentials they name, pointed at a sandbox. */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

import type { CredentialJson, WorkflowJson } from '../harness';
import { findRepoRoot } from '../support/repoRoot';

export const TEMPLATES_DIR = path.join(findRepoRoot(__dirname), 'workflows-templates');

export const WEBHOOK_HEADER = 'X-Sync-Secret';
export const WEBHOOK_SECRET = 'e2e-sync-now-secret-9f3a1c';

/** The Basic Auth login of the form templates' credential "M365 forms login". */
export const FORMS_LOGIN = { user: 'msp-admin', password: 'e2e-forms-password-7c2e' };

export function loadTemplate(file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(TEMPLATES_DIR, file), 'utf8')) as WorkflowJson;
}

/** The core sub-workflow's id, as the template carries it (CLI imports keep it). */
export const CORE_ID = loadTemplate('m365-license-sync-core.json').id as string;

export function templateFiles(): string[] {
	return readdirSync(TEMPLATES_DIR).filter((file) => file.endsWith('.json'));
}

interface CredentialRef {
	id: string | null;
	name: string;
}

/** Every credential a template's enabled nodes name: type → reference. */
export function credentialRefs(workflows: WorkflowJson[]): Map<string, CredentialRef> {
	const refs = new Map<string, CredentialRef>();
	for (const workflow of workflows) {
		for (const node of workflow.nodes as Array<{ disabled?: boolean; credentials?: Record<string, CredentialRef> }>) {
			if (node.disabled) continue;
			for (const [type, ref] of Object.entries(node.credentials ?? {})) refs.set(type, ref);
		}
	}
	return refs;
}

export interface SandboxCredentials {
	urls: { login: string; partnerCenter: string; graph: string; connectWise: string; autotask: string };
	credentials: {
		microsoft: { partnerTenantId: string; clientId: string; clientSecret: string; refreshToken: string };
		connectWise: { siteUrl: string; companyId: string; publicKey: string; privateKey: string; clientId: string };
		autotask: { userName: string; secret: string; integrationCode: string };
	};
}

/**
 * The credentials the templates name, with the ids and names they carry, holding the sandbox's
 * values. `without` leaves out credential types, as an install that never made them (a
 * ConnectWise-only MSP has no Autotask credential).
 */
export function credentialsFor(sandbox: SandboxCredentials, workflows: WorkflowJson[], without: string[] = []): CredentialJson[] {
	const refs = credentialRefs(workflows);
	for (const type of without) refs.delete(type);
	const data: Record<string, Record<string, unknown>> = {
		microsoftPartnerCenterApi: {
			environment: 'custom',
			loginUrl: sandbox.urls.login,
			partnerCenterUrl: sandbox.urls.partnerCenter,
			graphUrl: sandbox.urls.graph,
			partnerTenantId: sandbox.credentials.microsoft.partnerTenantId,
			clientId: sandbox.credentials.microsoft.clientId,
			clientSecret: sandbox.credentials.microsoft.clientSecret,
			authMode: 'appUser',
			refreshToken: sandbox.credentials.microsoft.refreshToken,
		},
		connectWisePsaApi: { ...sandbox.credentials.connectWise, apiVersion: '2025.16' },
		// The zone is found through the sandbox's stand-in for webservices.autotask.net, as a real credential finds it.
		autotaskPsaApi: {
			userName: sandbox.credentials.autotask.userName,
			secret: sandbox.credentials.autotask.secret,
			integrationCode: sandbox.credentials.autotask.integrationCode,
			zone: 'lookup',
			lookupUrl: `${sandbox.urls.autotask}/webservices/ATServicesRest/`,
		},
		httpHeaderAuth: { name: WEBHOOK_HEADER, value: WEBHOOK_SECRET },
		httpBasicAuth: FORMS_LOGIN,
	};
	return [...refs.entries()].map(([type, ref]) => {
		if (!data[type]) throw new Error(`a template names a ${type} credential the tests do not know`);
		return { ...(ref.id ? { id: ref.id } : {}), name: ref.name, type, data: data[type] };
	});
}
