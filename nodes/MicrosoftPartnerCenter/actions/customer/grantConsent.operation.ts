import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { forTenant } from '../../helpers/tenantErrors';
import type { PartnerCenterApi } from '../../transport';
import { GRAPH_SCOPES, grantApplicationConsent } from '../../transport/resources';
import { concurrencyOption, tenantIdProperty } from '../common.descriptions';
import { paired, requireTenantId, tenantOf } from '../common';

const properties: INodeProperties[] = [
	tenantIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['grantConsent'] } }, properties);

/**
 * Consents the partner's app in the customer tenant with exactly the Graph scopes this package
 * reads (Partner Center applicationconsents, CIPP's CPV consent). An existing consent is not an error.
 */
export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const consent = await forTenant(tenant, async () => await grantApplicationConsent(api, tenant.tenantId, this.getExecutionCancelSignal()));
	return paired(this, [{ tenantId: tenant.tenantId, ...(tenant.tenantName ? { tenantName: tenant.tenantName } : {}), consent, scopes: GRAPH_SCOPES }], i);
}
