import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { forTenant } from '../../helpers/tenantErrors';
import type { PartnerCenterApi } from '../../transport';
import { GRAPH_SCOPES, grantApplicationConsent, removeApplicationConsent } from '../../transport/resources';
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
			concurrencyOption,
			{
				displayName: 'Replace an Existing Consent',
				name: 'replaceExisting',
				type: 'boolean',
				default: false,
				description: "Whether to remove the app's existing consent in the tenant and grant it again with today's scopes (e.g. to add GroupMember.Read.All and Reports.Read.All for custom counts). The app cannot read the tenant between the two calls.",
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['grantConsent'] } }, properties);

/**
 * Consents the partner's app in the customer tenant with exactly the Graph scopes this package
 * reads (Partner Center applicationconsents, CIPP's CPV consent). An existing consent is not an error;
 * with "Replace an Existing Consent" it is removed and granted again (`consent: 'replaced'`).
 */
export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const { replaceExisting } = options(this, i, { replaceExisting: false });
	const signal = this.getExecutionCancelSignal();
	const consent = await forTenant(tenant, async () => {
		const first = await grantApplicationConsent(api, tenant.tenantId, signal);
		if (first === 'granted' || !replaceExisting) return first;
		await removeApplicationConsent(api, tenant.tenantId, signal);
		return (await grantApplicationConsent(api, tenant.tenantId, signal)) === 'granted' ? 'replaced' : 'alreadyGranted';
	});
	return paired(this, [{ tenantId: tenant.tenantId, ...(tenant.tenantName ? { tenantName: tenant.tenantName } : {}), consent, scopes: GRAPH_SCOPES }], i);
}
