import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorId, readLimit } from '../../../shared/parameters';
import { companyLocator, concurrencyOptions, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { eq } from '../../transport';
import { toContact } from '../../shapes/records';
import type { AtContact } from '../../shapes/types';

const properties: INodeProperties[] = [
	companyLocator(true, 'The company whose contacts to list'),
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only the contact with this address' },
			{ displayName: 'Active Only', name: 'activeOnly', type: 'boolean', default: true, description: 'Whether to leave out inactive contacts' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const filters = this.getNodeParameter('filters', i, {}) as { email?: string; activeOnly?: boolean };
	const contacts = await ctx.client.query<AtContact>(
		'Contacts',
		[eq('companyID', companyId), filters.activeOnly === false ? undefined : eq('isActive', 1), filters.email?.trim() ? eq('emailAddress', filters.email.trim()) : undefined],
		{ limit: readLimit.call(this, i), action: `list the contacts of company ${companyId}` },
	);
	return paired(this, contacts.map(toContact), i);
}
