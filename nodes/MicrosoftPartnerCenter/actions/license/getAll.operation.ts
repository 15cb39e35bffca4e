import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { forTenant } from '../../helpers/tenantErrors';
import type { PartnerCenterApi } from '../../transport';
import { concurrencyOption, DEFAULT_CONCURRENCY, tenantIdProperties } from '../common.descriptions';
import { options, paired, requireTenantId, tenantOf } from '../common';
import { countTokens } from './readCounts';
import { readLicenses, type LicenseSource } from './readLicenses';

/** What execute() uses for an option left out; must equal the editor defaults below (n8n lint wants them literal; a unit test holds them together). */
export const LICENSE_OPTION_DEFAULTS = Object.freeze({
	concurrency: DEFAULT_CONCURRENCY,
	counts: '',
	excludeFree: true,
	includeSubscriptions: false,
	includeUsers: false,
});

const properties: INodeProperties[] = [
	...tenantIdProperties,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Partner Center',
				value: 'partnerCenter',
				description: 'Subscribed SKUs from Partner Center, one call per tenant. Needs App + User sign-in and a GDAP role in the tenant (Directory Readers, Global Reader, User Administrator or License Administrator); App only cannot read them.',
			},
			{
				name: 'Microsoft Graph (GDAP)',
				value: 'graph',
				description: "The tenant's subscribedSkus through GDAP, with the app consented in the tenant (Customer → Grant App Consent): exactly what the tenant's admin center shows",
			},
		],
		default: 'partnerCenter',
		description: 'Where license counts come from',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{
				displayName: 'Custom Counts',
				name: 'counts',
				type: 'string',
				default: '',
				placeholder: 'e.g. count:group:<groupId>, count:licensedUsers@department=Sales',
				description: 'Counts to add as license-like items (Graph, needs GDAP): count:group:&lt;groupId&gt; (enabled members, nested groups included), count:licensedUsers[:&lt;domain&gt;+&lt;domain&gt;], count:mailboxes:user or count:mailboxes:user+shared (count:group:* lists a count per group, e.g. for a form to offer); any of them or a SKU with @&lt;attribute&gt;=&lt;value&gt;+&lt;value&gt; for one company of a split tenant (officeLocation, department, companyName, city, state or domain). A list, or the skuIds of the tenant\'s links (other entries are ignored).',
			},
			{
				displayName: 'Exclude Free, Trial and Self-Service SKUs',
				name: 'excludeFree',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out SKUs that are never billed (e.g. Power Automate Free, trials, viral sign-ups)',
			},
			{
				displayName: 'Include Subscriptions',
				name: 'includeSubscriptions',
				type: 'boolean',
				default: false,
				description: "Whether to add each SKU's Partner Center subscriptions (term, billing cycle, quantity, commitment end, auto-renew, status) for term-split billing. Matched to SKUs through Graph directory/subscriptions (GDAP and app consent needed). Two extra calls per tenant.",
			},
			{
				displayName: 'Include Usernames',
				name: 'includeUsers',
				type: 'boolean',
				default: false,
				description: 'Whether to add the user principal names holding each SKU (from Graph, needs GDAP). One extra call per tenant plus paging.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['license'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const tenant = tenantOf(this, i);
	requireTenantId(tenant);
	const source = this.getNodeParameter('source', i, 'partnerCenter') as LicenseSource;
	const { counts, ...chosen } = options(this, i, { ...LICENSE_OPTION_DEFAULTS });
	const licenses = await forTenant(tenant, async () =>
		await readLicenses(api, tenant, { source, ...chosen, counts: countTokens(counts), signal: this.getExecutionCancelSignal() }));
	return paired(this, licenses, i);
}
