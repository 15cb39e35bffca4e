/** The Autotask PSA node run in-process against a sandbox, and the credential that points it there. */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { AutotaskPsa } from '../../nodes/AutotaskPsa/AutotaskPsa.node';
import type { Sandbox } from '../../sandbox';
import { runNode, type RunNodeResult } from './harness';

/** The zone is found through the sandbox's stand-in for webservices.autotask.net, as a real credential finds it. */
export function autotaskCredential(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const { userName, secret, integrationCode } = sandbox.credentials.autotask;
	return { userName, secret, integrationCode, zone: 'lookup', lookupUrl: `${sandbox.urls.autotask}/webservices/ATServicesRest/`, ...overrides };
}

export const json = (rows: object[]): INodeExecutionData[] => rows.map((row) => ({ json: row as INodeExecutionData['json'] }));

/** `credential` is read at call time: tests set it in beforeAll, after the sandbox starts. */
export function autotaskRunner(credential: () => ICredentialDataDecryptedObject) {
	const run = async (parameters: INodeParameters, inputs: INodeExecutionData[] = [{ json: {} }], onError?: 'continueRegularOutput' | 'continueErrorOutput'): Promise<RunNodeResult> =>
		await runNode({ node: new AutotaskPsa(), parameters, inputs: [inputs], credentials: { autotaskPsaApi: credential() }, ...(onError ? { onError } : {}) });
	const autotask = async (parameters: INodeParameters, inputs?: INodeExecutionData[]): Promise<INodeExecutionData[]> => {
		const result = await run(parameters, inputs);
		if (result.error) throw result.error;
		return result.outputs[0];
	};
	/** Contract Service → Get Many for these contracts: their lines and agreement facts. */
	const readLines = async (agreementIds: number[]): Promise<INodeExecutionData[]> =>
		await autotask({ resource: 'contractService', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, json(agreementIds.map((agreementId) => ({ agreementId }))));
	return { run, autotask, readLines };
}
