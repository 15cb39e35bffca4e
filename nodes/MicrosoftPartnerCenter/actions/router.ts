/**
 * Routes to the chosen operation; the shared item runner (shared/itemRunner) runs it per
 * input item. A failing item names its tenant, from the input item or the TenantError.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type NodeApiError } from 'n8n-workflow';
import { ApiError, redactText, toNodeApiError } from '../../shared';
import { runItems, serviceDetails } from '../../shared/itemRunner';
import { TenantError } from '../helpers/tenantErrors';
import { getApi, type PartnerCenterApi } from '../transport';
import * as customer from './customer';
import * as gdapRelationship from './gdapRelationship';
import * as group from './group';
import * as license from './license';
import type { MicrosoftPartnerCenterType } from './node.type';
import * as organization from './organization';
import * as subscription from './subscription';
import * as user from './user';
import { DEFAULT_CONCURRENCY } from './common.descriptions';

type Execute = (this: IExecuteFunctions, i: number, api: PartnerCenterApi) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Execute>> = {
	customer: { get: customer.get.execute, getAll: customer.getAll.execute, grantConsent: customer.grantConsent.execute },
	license: { getAll: license.getAll.execute },
	subscription: { getAll: subscription.getAll.execute },
	user: { getAll: user.getAll.execute },
	organization: { get: organization.get.execute },
	gdapRelationship: { getAll: gdapRelationship.getAll.execute },
	group: { getAll: group.getAll.execute },
};

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number, secrets: string[]): NodeApiError | NodeOperationError {
	if (error instanceof ApiError) return toNodeApiError(context.getNode(), error, { itemIndex, secrets });
	const message = redactText(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** The tenant a failure is about, so the failure item names it (contract C1). */
function tenantIdentity(error: unknown): IDataObject {
	if (!(error instanceof TenantError)) return {};
	return { tenantId: error.tenant.tenantId, ...(error.tenant.tenantName ? { tenantName: error.tenant.tenantName } : {}) };
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter<MicrosoftPartnerCenterType>('resource', 0);
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[resource]?.[operation];
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	const concurrency = Number(this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY)) || DEFAULT_CONCURRENCY;

	let api: PartnerCenterApi;
	try {
		api = await getApi(this);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error instanceof Error ? error.message : String(error));
	}
	return await runItems(this, {
		concurrency,
		identityKeys: ['tenantId', 'tenantName'],
		run: async (i) => await execute.call(this, i, api),
		fail: (error, i) => ({
			nodeError: asNodeError(this, error, i, api.secrets),
			identity: tenantIdentity(error),
			details: serviceDetails(error),
		}),
	});
}
