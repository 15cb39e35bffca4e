import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { toSubscriptionItem } from '../../helpers/directory';
import { forTenant } from '../../helpers/tenantErrors';
import type { PartnerCenterApi } from '../../transport';
import { partnerCenterSubscriptions } from '../../transport/resources';
import { concurrencyOption, tenantIdProperties } from '../common.descriptions';
import { options, paired, requireTenantId, tenantOf } from '../common';

const properties: INodeProperties[] = [
	...tenantIdProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Active Only',
				name: 'activeOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out expired, deleted and suspended subscriptions',
			},
			concurrencyOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const { activeOnly } = options(this, i, { activeOnly: false });
	const subscriptions = await forTenant(tenant, async () => await partnerCenterSubscriptions(api, tenant.tenantId, this.getExecutionCancelSignal()));
	const items = subscriptions
		.map((subscription) => toSubscriptionItem(tenant.tenantId, subscription))
		.filter((item) => !activeOnly || item.status === 'active');
	return paired(this, items, i);
}
