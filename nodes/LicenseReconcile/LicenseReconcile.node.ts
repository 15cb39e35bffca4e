import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { planEntries, splitPlan, type PlanOrigin, type ReconcileOptions, type Row } from './core';
import { referenceDay } from './core/dates';
import { properties } from './properties';

const INPUT_INDEX: Record<PlanOrigin['input'], number> = { licenses: 0, links: 1, additions: 2, profiles: 3 };

type NodeOptions = Partial<Omit<ReconcileOptions, 'referenceDate'>> & { referenceDate?: string };

/** The input's rows with the item index each came from; empty placeholder items are dropped. */
function rowsOf(context: IExecuteFunctions, input: number): { rows: Row[]; itemIndex: number[] } {
	let items: INodeExecutionData[];
	try {
		items = context.getInputData(input);
	} catch {
		items = [];
	}
	const rows: Row[] = [];
	const itemIndex: number[] = [];
	items.forEach((item, index) => {
		if (Object.keys(item.json).length === 0) return;
		rows.push(item.json);
		itemIndex.push(index);
	});
	return { rows, itemIndex };
}

// Four inputs and four outputs of plain rows: not a shape an AI agent can call as a tool.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class LicenseReconcile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'License Reconcile',
		name: 'licenseReconcile',
		icon: { light: 'file:licenseReconcile.svg', dark: 'file:licenseReconcile.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"plan for " + ($parameter["options"]["referenceDate"] || "today")}}',
		description: 'Compare Microsoft 365 license counts with PSA agreement additions and plan the changes',
		defaults: { name: 'License Reconcile' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Licenses' },
			{ type: NodeConnectionTypes.Main, displayName: 'Links', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Current Additions' },
			{ type: NodeConnectionTypes.Main, displayName: 'Billing Profiles' },
		],
		// Runs once the links arrive, even when a customer has no licenses or no additions yet.
		requiredInputs: [1],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Changes' },
			{ type: NodeConnectionTypes.Main, displayName: 'Unchanged' },
			{ type: NodeConnectionTypes.Main, displayName: 'Needs Approval' },
			{ type: NodeConnectionTypes.Main, displayName: 'Not Synced' },
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = this.getNodeParameter('options', 0, {}) as NodeOptions;
		const timeZone = options.timeZone?.trim() || this.getTimezone();
		const referenceDate = options.referenceDate?.trim() || new Date();
		try {
			referenceDay(referenceDate, timeZone);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Check the Reference Date and Time Zone options: ${(error as Error).message}`);
		}
		const inputs = [0, 1, 2, 3].map((input) => rowsOf(this, input));
		const [licenses, links, additions, profiles] = inputs;
		const entries = planEntries(licenses.rows, links.rows, profiles.rows, additions.rows, {
			...options,
			descriptionTemplate: options.descriptionTemplate || undefined,
			timeZone,
			referenceDate,
		});
		const toItem = ({ item, origin }: (typeof entries)[number]): INodeExecutionData => {
			const input = INPUT_INDEX[origin.input];
			return { json: item as unknown as IDataObject, pairedItem: { item: inputs[input].itemIndex[origin.index], input } };
		};
		const outputs = splitPlan(entries, (entry) => entry.item);
		return [outputs.changes, outputs.unchanged, outputs.needsApproval, outputs.notSynced].map((list) => list.map(toItem));
	}
}
