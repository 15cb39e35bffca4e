import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { checkSyncRequest, type CompanyMapRow } from './core';
import { properties } from './properties';

/** The input's items; an input that received nothing counts as empty. */
function itemsOf(context: IExecuteFunctions, input: number): INodeExecutionData[] {
	try {
		return context.getInputData(input);
	} catch {
		return [];
	}
}

// A request check between a trigger and its sub-workflow: not something an AI agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SyncRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Request',
		name: 'syncRequest',
		icon: { light: 'file:syncRequest.svg', dark: 'file:syncRequest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'companyId, tenantId or everyone',
		description: 'Check a Sync now request against the company map: accept one company, one tenant or everyone, or refuse it with a status and a message',
		defaults: { name: 'Sync Request' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Request', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Company Map' },
		],
		// Runs once the request arrives, even when the company map is empty.
		requiredInputs: [0],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Accepted' },
			{ type: NodeConnectionTypes.Main, displayName: 'Refused' },
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Empty placeholder items (alwaysOutputData on an empty table) are not rows.
		const companyMap = itemsOf(this, 1).map((item) => item.json as CompanyMapRow).filter((row) => Object.keys(row).length > 0);
		const accepted: INodeExecutionData[] = [];
		const refused: INodeExecutionData[] = [];
		itemsOf(this, 0).forEach((item, index) => {
			const verdict = checkSyncRequest(item.json, companyMap);
			const pairedItem = { item: index, input: 0 };
			if (verdict.accepted) accepted.push({ json: { ...verdict.scope } as IDataObject, pairedItem });
			else refused.push({ json: { ...verdict.refusal } as IDataObject, pairedItem });
		});
		return [accepted, refused];
	}
}
