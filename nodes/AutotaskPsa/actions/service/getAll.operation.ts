import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { readLimit } from '../../../shared/parameters';
import { concurrencyOptions, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { eq, type Filter } from '../../transport';
import { toService } from '../../shapes/records';
import type { AtService } from '../../shapes/types';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text the service name or SKU contains' },
			{ displayName: 'Active Only', name: 'activeOnly', type: 'boolean', default: true, description: 'Whether to leave out inactive services' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['service'], operation: ['getAll'] } }, properties);

export function serviceFilters(filters: { search?: string; activeOnly?: boolean }): Filter[] {
	const text = filters.search?.trim();
	return [
		...(filters.activeOnly === false ? [] : [eq('isActive', true)]),
		...(text ? [{ op: 'or', items: [{ op: 'contains', field: 'name', value: text }, { op: 'contains', field: 'sku', value: text }] } as Filter] : []),
	];
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as { search?: string; activeOnly?: boolean };
	const services = await ctx.client.query<AtService>('Services', serviceFilters(filters), { limit: readLimit.call(this, i), action: 'list services' });
	return paired(this, services.map(toService), i);
}
