import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { buildConditions } from '../../transport';
import { toProduct } from '../../shapes/records';
import type { CwCatalogItem } from '../../shapes/types';
import { readLimit } from '../../../shared/parameters';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Identifier', name: 'identifier', type: 'string', default: '', description: 'Text the product identifier contains' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Text the product description contains' },
			{ displayName: 'Include Inactive', name: 'includeInactive', type: 'boolean', default: false, description: 'Whether to include inactive catalog products' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['product'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as { identifier?: string; description?: string; includeInactive?: boolean };
	const products = await ctx.client.getAll<CwCatalogItem>('/procurement/catalog', {
		conditions: buildConditions(
			filters.identifier?.trim() ? { field: 'identifier', op: 'contains', value: filters.identifier.trim() } : undefined,
			filters.description?.trim() ? { field: 'description', op: 'contains', value: filters.description.trim() } : undefined,
			filters.includeInactive ? undefined : { field: 'inactiveFlag', op: '=', value: false },
		),
		limit,
		action: 'list catalog products',
	});
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(products.map(toProduct) as never), { itemData: { item: i } });
}
