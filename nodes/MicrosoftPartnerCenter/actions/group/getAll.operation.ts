import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { forTenant } from '../../helpers/tenantErrors';
import type { PartnerCenterApi } from '../../transport';
import { groups } from '../../transport/countResources';
import { optionsCollection } from '../../../shared/descriptions';
import { concurrencyOption, tenantIdProperties } from '../common.descriptions';
import { paired, requireTenantId, tenantOf } from '../common';

const properties: INodeProperties[] = [
	...tenantIdProperties,
	{
		displayName: 'Name Contains',
		name: 'nameContains',
		type: 'string',
		default: '',
		description: 'Only groups whose display name contains this text (any case); empty lists every group',
	},
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['getAll'] } }, properties);

/** The tenant's Entra groups by name, each with the custom count id that bills its members (count:group:<id>). */
export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const text = String(this.getNodeParameter('nameContains', i, '') ?? '').trim().toLowerCase();
	// Graph's startswith/$search do not do "contains": list id + name (999 a page) and narrow here.
	const list = await forTenant(tenant, async () => await groups(api, tenant.tenantId, this.getExecutionCancelSignal()));
	const rows = list
		.filter((g) => text === '' || (g.displayName ?? '').toLowerCase().includes(text))
		.sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '') || a.id.localeCompare(b.id))
		.map((g) => ({ tenantId: tenant.tenantId, groupId: g.id, displayName: g.displayName, countId: `count:group:${g.id}` }));
	return paired(this, rows, i);
}
