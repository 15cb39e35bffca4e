import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { toNodeApiError } from '../../shared';
import { ItemError, unwrapIdentified } from '../../shared/itemError';
import { runItems, serviceDetails } from '../../shared/itemRunner';
import { toItemError } from '../../shared/parameters';
import { createContext, utcToday, type OperationContext } from '../helpers/context';
import { autotaskClient, CredentialSettingsError } from '../transport';
import { DEFAULT_CONCURRENCY } from './common.descriptions';
import * as company from './company';
import * as contact from './contact';
import * as contract from './contract';
import * as contractCategory from './contractCategory';
import * as contractService from './contractService';
import type { AutotaskPsaType } from './node.type';
import * as plan from './plan';
import * as service from './service';

const resources = { company, contract, contractCategory, contractService, service, contact, plan };

type Operation = { execute: (this: IExecuteFunctions, i: number, ctx: OperationContext) => Promise<INodeExecutionData[]> };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as AutotaskPsaType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (resources[resource] as unknown as Record<string, Operation | undefined>)[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);

	let ctx: OperationContext;
	try {
		ctx = createContext(await autotaskClient.call(this), utcToday());
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Check the Autotask PSA credential' });
	}
	const concurrency = this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as number;

	return await runItems(this, {
		concurrency,
		// A failed contract read must say which contract (contract C1 in License Reconcile), a failed apply its plan item's key; the names are the ConnectWise node's.
		identityKeys: ['agreementId', 'additionId', 'companyId', 'key'],
		run: async (i) => await handler.execute.call(this, i, ctx),
		fail: (thrown, i) => {
			const { error, identity } = unwrapIdentified(thrown);
			return {
				nodeError:
					error instanceof ItemError || error instanceof CredentialSettingsError
						? toItemError(this.getNode(), error as ItemError, i)
						: toNodeApiError(this.getNode(), error, { itemIndex: i, secrets: ctx.client.secrets }),
				identity,
				details: serviceDetails(error),
			};
		},
	});
}
