import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { buildConditions } from '../../transport';
import { toAgreementType } from '../../shapes/records';
import type { CwAgreementType } from '../../shapes/types';
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
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Text the type name contains' },
			{ displayName: 'Include Inactive', name: 'includeInactive', type: 'boolean', default: false, description: 'Whether to include inactive agreement types' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['agreementType'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as { name?: string; includeInactive?: boolean };
	const name = filters.name?.trim();
	const types = await ctx.client.getAll<CwAgreementType>('/finance/agreements/types', {
		conditions: buildConditions(
			name ? { field: 'name', op: 'contains', value: name } : undefined,
			filters.includeInactive ? undefined : { field: 'inactiveFlag', op: '=', value: false },
		),
		limit,
		action: 'list agreement types',
	});
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(types.map(toAgreementType) as never), { itemData: { item: i } });
}
