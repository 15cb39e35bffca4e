import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { tenantMatches, toTenant } from '../../helpers/tenant';
import type { TenantItem } from '../../helpers/types';
import type { PartnerCenterApi } from '../../transport';
import { customerPages, gdapRelationshipPages } from '../../transport/resources';
import { collect } from '../../../shared';
import { limitProperty, pageSizeOption, returnAllProperty } from '../common.descriptions';
import { listLimit, options, paired } from '../common';
import { gdapStatusByTenant } from './gdapStatus';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only customers whose name or domain contains this text (case-insensitive)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include GDAP Status',
				name: 'includeGdapStatus',
				type: 'boolean',
				default: false,
				description: "Whether to add each tenant's GDAP relationship status (gdapStatus: active, expired, terminated, none...). Costs one extra list of the partner's GDAP relationships.",
			},
			pageSizeOption(500),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const limit = listLimit(this, i);
	const name = String((this.getNodeParameter('filters', i, {}) as { name?: string }).name ?? '');
	const { includeGdapStatus, pageSize } = options(this, i, { includeGdapStatus: false, pageSize: 500 });
	const signal = this.getExecutionCancelSignal();
	const tenants: TenantItem[] = [];
	for await (const page of customerPages(api, { pageSize, signal })) {
		for (const customer of page) {
			const tenant = toTenant(customer);
			if (tenantMatches(tenant, name)) tenants.push(tenant);
		}
		if (limit !== undefined && tenants.length >= limit) break;
	}
	const result = limit === undefined ? tenants : tenants.slice(0, limit);
	if (includeGdapStatus) {
		const statuses = gdapStatusByTenant(await collect(gdapRelationshipPages(api, { signal })));
		for (const tenant of result) tenant.gdapStatus = statuses.get(tenant.tenantId) ?? 'none';
	}
	return paired(this, result, i);
}
