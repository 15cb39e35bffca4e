import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { toUserItem } from '../../helpers/directory';
import { forTenant } from '../../helpers/tenantErrors';
import type { UserItem } from '../../helpers/types';
import type { PartnerCenterApi } from '../../transport';
import { userPages } from '../../transport/resources';
import { concurrencyOption, limitProperty, pageSizeOption, returnAllProperty, tenantIdProperties } from '../common.descriptions';
import { listLimit, options, paired, requireTenantId, tenantOf } from '../common';

const properties: INodeProperties[] = [
	...tenantIdProperties,
	{ ...returnAllProperty, default: true },
	limitProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Enabled Only',
				name: 'enabledOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only users whose account is enabled',
			},
			{
				displayName: 'Licensed Only',
				name: 'licensedOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only users holding at least one license',
			},
			{
				displayName: 'SKU ID',
				name: 'skuId',
				type: 'string',
				default: '',
				placeholder: 'e.g. cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
				description: 'Only users holding this SKU (its GUID, the skuId of a License item)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption, pageSizeOption(999)],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getAll'] } }, properties);

interface UserFilters {
	enabledOnly: boolean;
	licensedOnly: boolean;
	skuId: string;
}

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const limit = listLimit(this, i);
	// Without filters the operation is the contact-sync basis: licensed, enabled users.
	const filters: UserFilters = { enabledOnly: true, licensedOnly: true, skuId: '', ...(this.getNodeParameter('filters', i, {}) as Partial<UserFilters>) };
	const { pageSize } = options(this, i, { pageSize: 999 });
	const users = await forTenant(tenant, async () => {
		const found: UserItem[] = [];
		const pages = userPages(api, tenant.tenantId, { enabledOnly: filters.enabledOnly, skuId: filters.skuId || undefined, pageSize, signal: this.getExecutionCancelSignal() });
		for await (const page of pages) {
			for (const user of page) {
				const item = toUserItem(tenant.tenantId, user);
				if (filters.licensedOnly && item.skuIds.length === 0) continue;
				found.push(item);
			}
			if (limit !== undefined && found.length >= limit) break;
		}
		return limit === undefined ? found : found.slice(0, limit);
	});
	return paired(this, users, i);
}
