import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { readLimit } from '../../../shared/parameters';
import { concurrencyOption, returnAllAndLimit, tenantIdFieldOption, DEFAULT_TENANT_ID_FIELD } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { chunks, eq, inList, type Filter } from '../../transport';
import { toCompany } from '../../shapes/records';
import type { AtCompany, AtContact } from '../../shapes/types';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Text the company name contains (or equals, see Name Match)' },
			{
				displayName: 'Name Match',
				name: 'nameMatch',
				type: 'options',
				default: 'contains',
				description: 'Whether the company name contains the Name text or equals it (ignoring case)',
				options: [
					{ name: 'Contains', value: 'contains' },
					{ name: 'Exact', value: 'exact' },
				],
			},
			{ displayName: 'Active Only', name: 'activeOnly', type: 'boolean', default: true, description: 'Whether to leave out inactive companies' },
			{ displayName: 'Tenant ID', name: 'tenantId', type: 'string', default: '', description: 'Only the company whose Tenant ID user-defined field holds this tenant ID' },
		],
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
				displayName: 'Include Contact Domains',
				name: 'includeContactDomains',
				type: 'boolean',
				default: false,
				description: 'Whether to add the email domains of active contacts to domains (one extra read per 500 companies)',
			},
			tenantIdFieldOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['getAll'] } }, properties);

interface Filters {
	name?: string;
	nameMatch?: 'contains' | 'exact';
	activeOnly?: boolean;
	tenantId?: string;
}

/** Autotask filters for the Get Many filters: always data, never text, so a name cannot add a clause. */
export function companyFilters(filters: Filters, tenantIdField: string): Filter[] {
	const name = filters.name?.trim();
	const tenantId = filters.tenantId?.trim();
	return [
		...(filters.activeOnly === false ? [] : [eq('isActive', true)]),
		...(name ? [{ op: filters.nameMatch === 'exact' ? 'eq' : 'contains', field: 'companyName', value: name } as Filter] : []),
		...(tenantId ? [{ op: 'eq', field: tenantIdField, value: tenantId, udf: true } as Filter] : []),
	];
}

async function contactEmails(ctx: OperationContext, companyIds: number[]): Promise<Map<number, string[]>> {
	const byCompany = new Map<number, string[]>();
	for (const part of chunks(companyIds)) {
		const contacts = await ctx.client.query<AtContact>('Contacts', [inList('companyID', part), eq('isActive', 1)], { action: 'read contact email domains', includeFields: ['companyID', 'emailAddress'] });
		for (const contact of contacts) {
			if (!contact.companyID || !contact.emailAddress) continue;
			byCompany.set(contact.companyID, [...(byCompany.get(contact.companyID) ?? []), contact.emailAddress]);
		}
	}
	return byCompany;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as Filters;
	const options = this.getNodeParameter('options', i, {}) as { includeContactDomains?: boolean; tenantIdField?: string };
	const tenantIdField = options.tenantIdField?.trim() || DEFAULT_TENANT_ID_FIELD;
	const companies = await ctx.client.query<AtCompany>('Companies', companyFilters(filters, tenantIdField), { limit, action: 'list companies' });
	const emails = options.includeContactDomains ? await contactEmails(ctx, companies.map((company) => company.id)) : undefined;
	return paired(this, companies.map((company) => toCompany(company, { tenantIdField, contactEmails: emails?.get(company.id) })), i);
}
