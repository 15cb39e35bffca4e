import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { toNodeApiError } from '../../shared';
import { runItems, serviceDetails } from '../../shared/itemRunner';
import { createContext } from '../helpers/context';
import { unwrapIdentified } from '../../shared/itemError';
import { ItemError, toItemError } from '../../shared/parameters';
import { connectWiseClient, ConditionsError } from '../transport';
import { DEFAULT_CONCURRENCY } from './common.descriptions';
import * as agreement from './agreement';
import * as agreementAddition from './agreementAddition';
import * as agreementType from './agreementType';
import * as company from './company';
import * as contact from './contact';
import type { ConnectWisePsaType } from './node.type';
import * as plan from './plan';
import * as product from './product';

const resources = { company, agreement, agreementType, agreementAddition, product, contact, plan };

type Operation = {
	execute: (this: IExecuteFunctions, i: number, ctx: ReturnType<typeof createContext>) => Promise<INodeExecutionData[]>;
	/** Work for all items at once before they run one by one (e.g. agreement facts in a few calls). */
	prepare?: (this: IExecuteFunctions, ctx: ReturnType<typeof createContext>, concurrency: number) => Promise<void>;
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as ConnectWisePsaType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (resources[resource] as unknown as Record<string, Operation | undefined>)[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);

	let ctx: ReturnType<typeof createContext>;
	try {
		ctx = createContext(await connectWiseClient.call(this));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Check the ConnectWise PSA credential' });
	}
	const concurrency = this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number;
	await handler.prepare?.call(this, ctx, concurrency);

	return await runItems(this, {
		concurrency,
		// A failed agreement read must say which agreement (contract C1 in License Reconcile); a failed apply names its plan item's key.
		identityKeys: ['agreementId', 'additionId', 'companyId', 'key'],
		run: async (i) => await handler.execute.call(this, i, ctx),
		fail: (thrown, i) => {
			// The operation may say what failed (an agreement id from a parameter, an apply's audit facts).
			const { error, identity } = unwrapIdentified(thrown);
			return {
				nodeError:
					error instanceof ItemError || error instanceof ConditionsError
						? toItemError(this.getNode(), error, i)
						: toNodeApiError(this.getNode(), error, { itemIndex: i, secrets: ctx.client.secrets }),
				identity,
				details: serviceDetails(error),
			};
		},
	});
}
