import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', description: 'Only categories whose name contains this text' },
			{ displayName: 'Include Inactive', name: 'includeInactive', type: 'boolean', default: false, description: 'Whether to include categories marked inactive in Autotask' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contractCategory'], operation: ['getAll'] } }, properties);

interface PicklistValue {
	value: string | number;
	label?: string | null;
	isActive?: boolean;
	sortOrder?: number;
}

export interface ContractCategory {
	categoryId: number;
	/** What billing profiles name as an agreement type, and what contracts report as `agreementType`. */
	name: string;
	active: boolean;
}

/** The contract categories of the `contractCategory` picklist, in Autotask's order; a value with no label is left out (no contract could be matched to it by name). */
export function toCategories(fields: Array<{ name: string; picklistValues?: PicklistValue[] | null }> | undefined): ContractCategory[] {
	const values = (fields ?? []).find((field) => field.name === 'contractCategory')?.picklistValues ?? [];
	return [...values]
		.sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
		.filter((value) => typeof value.label === 'string' && value.label.trim() !== '')
		.map((value) => ({ categoryId: Number(value.value), name: value.label!.trim(), active: value.isActive !== false }));
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { name?: string; includeInactive?: boolean };
	const answer = await ctx.client.get<{ fields?: Array<{ name: string; picklistValues?: PicklistValue[] | null }> }>('/Contracts/entityInformation/fields', 'read the contract categories');
	const text = filters.name?.trim().toLowerCase();
	const categories = toCategories(answer?.fields).filter((category) => (filters.includeInactive || category.active) && (!text || category.name.toLowerCase().includes(text)));
	return paired(this, categories, i);
}
