import { NodeConnectionTypes, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { runScope, runSummary, type Row, type RunScope } from './core';
import { properties } from './properties';

/** A JSON parameter: the value of an expression, or JSON text typed in the field. */
function jsonParameter(context: IExecuteFunctions, name: string, i: number): unknown {
	const value = context.getNodeParameter(name, i);
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value === '' ? 'null' : value) as unknown;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The parameter "${name}" is not JSON: ${(error as Error).message}`, { itemIndex: i });
	}
}

function rowsParameter(context: IExecuteFunctions, name: string, i: number): Row[] {
	const value = jsonParameter(context, name, i);
	if (value === null || value === undefined) return [];
	if (!Array.isArray(value) || value.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
		throw new NodeOperationError(context.getNode(), `The parameter "${name}" must be a list of objects`, { itemIndex: i });
	}
	return value as Row[];
}

function objectParameter(context: IExecuteFunctions, name: string, i: number): Row {
	const value = jsonParameter(context, name, i);
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NodeOperationError(context.getNode(), `The parameter "${name}" must be an object`, { itemIndex: i });
	return value as Row;
}

function nowParameter(context: IExecuteFunctions, i: number): string {
	const now = String(context.getNodeParameter('now', i, '') ?? '').trim();
	if (now === '') return new Date().toISOString();
	if (Number.isNaN(Date.parse(now))) throw new NodeOperationError(context.getNode(), `The parameter "now" is not an ISO date-time: ${now}`, { itemIndex: i });
	return now;
}

// Adds up a run of the sync templates from other nodes' outputs: not something an AI agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SyncRun implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Run',
		name: 'syncRun',
		icon: { light: 'file:syncRun.svg', dark: 'file:syncRun.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: "Scope a license sync run (links, tenants, the company each link bills) and add up its outcome",
		defaults: { name: 'Sync Run' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as 'scope' | 'summary';
		// One run, one answer: the parameters name the run's data, whatever the input items are.
		const i = 0;
		let json: IDataObject;
		if (operation === 'scope') {
			json = runScope(objectParameter(this, 'request', i), rowsParameter(this, 'companyMap', i), rowsParameter(this, 'links', i)) as unknown as IDataObject;
		} else {
			json = runSummary({
				scope: objectParameter(this, 'scope', i) as unknown as RunScope,
				timeZone: (this.getNodeParameter('timeZone', i, 'UTC') as string).trim() || 'UTC',
				planned: rowsParameter(this, 'planned', i),
				reconcileChanges: rowsParameter(this, 'reconcileChanges', i),
				applied: rowsParameter(this, 'applied', i),
				unchanged: rowsParameter(this, 'unchanged', i),
				held: rowsParameter(this, 'held', i),
				notSynced: rowsParameter(this, 'notSynced', i),
				licenseReadFailures: rowsParameter(this, 'licenseReadFailures', i),
				lineReadFailures: rowsParameter(this, 'lineReadFailures', i),
				waitedSeconds: Number(this.getNodeParameter('waitedSeconds', i, 0)) || 0,
				reviewFormUrl: (this.getNodeParameter('reviewFormUrl', i, '') as string) || null,
				now: nowParameter(this, i),
			}) as unknown as IDataObject;
		}
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}
