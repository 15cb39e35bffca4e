/**
 * Runs the chosen operation for every input item with bounded concurrency, keeping order
 * and pairing. A failing item (one tenant) either stops the node with a NodeApiError
 * naming the item, or — with "continue" — becomes an error item for that item alone.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type NodeApiError } from 'n8n-workflow';
import { ApiError, mapWithConcurrency, redactText, SERVICE_LABEL, toNodeApiError } from '../../shared';
import { TenantError } from '../helpers/tenantErrors';
import { getApi, type PartnerCenterApi } from '../transport';
import * as customer from './customer';
import * as gdapRelationship from './gdapRelationship';
import * as license from './license';
import type { MicrosoftPartnerCenterType } from './node.type';
import * as organization from './organization';
import * as subscription from './subscription';
import * as user from './user';
import { DEFAULT_CONCURRENCY } from './common.descriptions';

type Execute = (this: IExecuteFunctions, i: number, api: PartnerCenterApi) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Execute>> = {
	customer: { get: customer.get.execute, getAll: customer.getAll.execute },
	license: { getAll: license.getAll.execute },
	subscription: { getAll: subscription.getAll.execute },
	user: { getAll: user.getAll.execute },
	organization: { get: organization.get.execute },
	gdapRelationship: { getAll: gdapRelationship.getAll.execute },
};

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number, secrets: string[]): NodeApiError | NodeOperationError {
	if (error instanceof ApiError) return toNodeApiError(context.getNode(), error, { itemIndex, secrets });
	const message = redactText(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/**
 * The item for a failed input item under "continue". n8n routes an item to the error
 * output only when its json holds nothing but error/message/details (it then merges the
 * input item in, which normally carries tenantId), and it would overwrite the json of an
 * item carrying `.error`; so the tenant goes in `details` there, and on top level otherwise.
 */
function failedItem(context: IExecuteFunctions, error: unknown, i: number, secrets: string[]): INodeExecutionData[] {
	const nodeError = asNodeError(context, error, i, secrets);
	if (!context.continueOnFail()) throw nodeError;
	const tenant = error instanceof TenantError ? { tenantId: error.tenant.tenantId, ...(error.tenant.tenantName ? { tenantName: error.tenant.tenantName } : {}) } : {};
	const details = {
		...tenant,
		...(error instanceof ApiError ? { service: SERVICE_LABEL[error.details.service], ...(error.details.status ? { httpCode: error.details.status } : {}) } : {}),
	};
	const json = context.getNode().onError === 'continueErrorOutput'
		? { error: nodeError.message, details }
		: { error: nodeError.message, ...tenant, details };
	return [{ json, pairedItem: { item: i } }];
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
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
	const results = await mapWithConcurrency(
		items,
		concurrency,
		async (_item, i) => {
			try {
				return await execute.call(this, i, api);
			} catch (error) {
				return failedItem(this, error, i, api.secrets);
			}
		},
		this.getExecutionCancelSignal(),
	);
	return [results.flat()];
}
