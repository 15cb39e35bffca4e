import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { toOrganizationItem } from '../../helpers/directory';
import { forTenant } from '../../helpers/tenantErrors';
import type { PartnerCenterApi } from '../../transport';
import { organization } from '../../transport/resources';
import { optionsCollection } from '../../../shared/descriptions';
import { concurrencyOption, tenantIdProperties } from '../common.descriptions';
import { paired, requireTenantId, tenantOf } from '../common';

const properties: INodeProperties[] = [
	...tenantIdProperties,
	optionsCollection([concurrencyOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['organization'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const org = await forTenant(tenant, async () => await organization(api, tenant.tenantId, this.getExecutionCancelSignal()));
	if (!org) return paired(this, [], i);
	return paired(this, [toOrganizationItem(tenant.tenantId, org)], i);
}
