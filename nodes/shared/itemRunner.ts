/**
 * The one per-item runner of the API nodes: runs an operation for every input item with
 * bounded concurrency, keeping order and pairing. A failing item either stops the node
 * (the error names the item) or, with "continue", becomes a failure item for that item
 * alone — never an empty result, so a read that failed is never taken as "nothing there".
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ApiError, serviceLabel } from './apiError';
import { mapWithConcurrency } from './concurrency';

export type NodeError = NodeApiError | NodeOperationError;

export interface ItemFailure {
	nodeError: NodeError;
	/** Keys that say which tenant / agreement failed (e.g. from the error itself). */
	identity?: IDataObject;
	/** More for the user, e.g. the service and HTTP status. */
	details?: IDataObject;
}

export interface ItemRunnerOptions {
	concurrency: number;
	/** Keys copied from the input item onto its failure item, so the failure names what failed. */
	identityKeys: readonly string[];
	run: (i: number) => Promise<INodeExecutionData[]>;
	/** Turns any thrown value into the node error shown to the user (secrets redacted). */
	fail: (error: unknown, i: number) => ItemFailure;
}

/** Which service answered and how, for a failure item's details (empty for other errors). */
export function serviceDetails(error: unknown): IDataObject {
	if (!(error instanceof ApiError)) return {};
	return { service: serviceLabel(error.details.service), ...(error.details.status ? { httpCode: error.details.status } : {}) };
}

function identityOf(json: IDataObject, keys: readonly string[]): IDataObject {
	const identity: IDataObject = {};
	for (const key of keys) {
		const value = json[key];
		if (value !== undefined && value !== null && value !== '') identity[key] = value;
	}
	return identity;
}

/**
 * The failure item of contract C1. n8n replaces the json of an item that carries `.error`
 * with `{ error }` alone, and sends an item to the error output only when its json holds
 * nothing but error/message/details (merging the input item's json in there). So the
 * identity goes in `details` (always) and on top level too on the regular output, where
 * License Reconcile reads `error` + `tenantId` / `agreementId` as a failed read.
 */
export function failureItem(failure: ItemFailure, input: IDataObject, identityKeys: readonly string[], i: number, toErrorOutput: boolean): INodeExecutionData {
	const { nodeError } = failure;
	const identity = { ...identityOf(input, identityKeys), ...(failure.identity ?? {}) };
	const details: IDataObject = {
		...identity,
		...(nodeError.description ? { description: nodeError.description } : {}),
		...(failure.details ?? {}),
	};
	const json: IDataObject = toErrorOutput ? { error: nodeError.message, details } : { error: nodeError.message, ...identity, details };
	return { json, pairedItem: { item: i } };
}

export async function runItems(context: IExecuteFunctions, options: ItemRunnerOptions): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const results = await mapWithConcurrency(
		items,
		options.concurrency,
		async (item, i) => {
			try {
				return await options.run(i);
			} catch (error) {
				const failure = options.fail(error, i);
				if (!context.continueOnFail()) throw failure.nodeError;
				return [failureItem(failure, item.json, options.identityKeys, i, context.getNode().onError === 'continueErrorOutput')];
			}
		},
		context.getExecutionCancelSignal(),
	);
	return [results.flat()];
}
