import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError } from '../../../shared/parameters';
import { toProduct } from '../../shapes/records';

const properties: INodeProperties[] = [
	{
		displayName: 'Product',
		name: 'productIdentifier',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'Catalog product, by its identifier (e.g. the SKU part number)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchProducts', searchable: true },
			},
			{ displayName: 'By Identifier', name: 'identifier', type: 'string', placeholder: 'e.g. SPE_E3' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['product'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const identifier = String(this.getNodeParameter('productIdentifier', i, '', { extractValue: true }) ?? '').trim();
	if (identifier === '') throw new ItemError('Product identifier is empty');
	const product = await ctx.lookups.product(identifier);
	if (!product) throw new ItemError(`Product "${identifier}" is not in the ConnectWise catalog`);
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(toProduct(product) as never), { itemData: { item: i } });
}
