import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { companyLocator, concurrencyOption, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { locatorId, readLimit } from '../../../shared/parameters';
import { buildConditions } from '../../transport';
import { toContact } from '../../shapes/records';
import type { CwContact } from '../../shapes/types';

const properties: INodeProperties[] = [
	companyLocator(true, 'The company whose contacts to list'),
	...returnAllAndLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{ displayName: 'Include Inactive', name: 'includeInactive', type: 'boolean', default: false, description: 'Whether to include inactive contacts' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const limit = readLimit.call(this, i);
	const includeInactive = this.getNodeParameter('options.includeInactive', i, false) as boolean;
	const contacts = await ctx.client.getAll<CwContact>('/company/contacts', {
		conditions: buildConditions(
			{ field: 'company/id', op: '=', value: companyId },
			includeInactive ? undefined : { field: 'inactiveFlag', op: '=', value: false },
		),
		limit,
		action: `list contacts of company ${companyId}`,
	});
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(contacts.map(toContact) as never), { itemData: { item: i } });
}
