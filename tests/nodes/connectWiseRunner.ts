/** The ConnectWise PSA node run in-process against a sandbox, as the reconcile node tests drive it. */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { runNode } from './harness';

/** `credential` is read at call time: tests set it in beforeAll, after the sandbox starts. */
export function connectWiseRunner(credential: () => ICredentialDataDecryptedObject) {
	const connectWise = async (parameters: INodeParameters, inputs: INodeExecutionData[]): Promise<INodeExecutionData[]> => {
		const result = await runNode({ node: new ConnectWisePsa(), parameters, inputs: [inputs], credentials: { connectWisePsaApi: credential() } });
		if (result.error) throw result.error;
		return result.outputs[0];
	};
	/** Agreement Addition → Get Many for these agreements: their lines and agreement facts. */
	const readAdditions = async (agreementIds: number[]): Promise<INodeExecutionData[]> =>
		await connectWise({ resource: 'agreementAddition', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, agreementIds.map((agreementId) => ({ json: { agreementId } })));
	return { connectWise, readAdditions };
}
