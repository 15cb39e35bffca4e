/** A seeded sandbox, its credentials and the demo's links for node tests that run the whole sync chain. */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { demoConfiguration } from '../../scripts/demo/configuration';
import { startSandbox, type Sandbox } from '../../sandbox';
import { partnerCenterCredential } from '../unit/partner-center/sandboxCredential';
import { runNode } from './harness';

export const TODAY = '2026-03-10';

export interface SandboxSync {
	sandbox: () => Sandbox;
	/** Runs one node against the sandbox; its error, if any, is thrown. */
	run: (node: INodeType, parameters: INodeParameters, inputs: INodeExecutionData[][], onError?: 'continueErrorOutput') => Promise<INodeExecutionData[][]>;
	/** The demo's billing profiles and links for every tenant the seed maps to a company. */
	configuration: () => ReturnType<typeof demoConfiguration>;
}

/** Starts the sandbox (40 tenants, seed 5) before the file's tests and stops it after. */
export function useSandboxSync(): SandboxSync {
	let sandbox: Sandbox;
	let credentials: Record<string, ICredentialDataDecryptedObject>;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 40, seed: 5, today: TODAY });
		credentials = {
			microsoftPartnerCenterApi: partnerCenterCredential(sandbox),
			connectWisePsaApi: { ...sandbox.credentials.connectWise, apiVersion: '2025.16' },
		};
	});
	afterAll(async () => await sandbox?.stop());

	return {
		sandbox: () => sandbox,
		run: async (node, parameters, inputs, onError) => {
			const result = await runNode({ node, parameters, inputs, credentials, ...(onError ? { onError } : {}) });
			if (result.error) throw result.error;
			return result.outputs;
		},
		configuration: () => {
			const companyMap = Object.entries(sandbox.state.groundTruth.tenantToCompany)
				.filter((entry): entry is [string, number] => entry[1] !== null)
				.map(([tenantId, companyId]) => ({ tenantId, companyId }));
			return demoConfiguration(sandbox.state, companyMap);
		},
	};
}
