import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { forTenant } from '../../helpers/tenantErrors';
import { toTenant } from '../../helpers/tenant';
import type { PartnerCenterApi } from '../../transport';
import { getCustomer } from '../../transport/resources';
import { paired } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer',
		name: 'customer',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 8d1b2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
							errorMessage: 'A customer ID is a GUID (the tenant ID)',
						},
					},
				],
			},
		],
		description: 'The customer, by name or by its ID (the tenant ID)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const customerId = String(this.getNodeParameter('customer', i, '', { extractValue: true })).trim();
	const customer = await forTenant({ tenantId: customerId }, async () => await getCustomer(api, customerId, this.getExecutionCancelSignal()));
	return paired(this, [toTenant(customer)], i);
}
