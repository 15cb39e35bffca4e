import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOption, returnAllAndLimit, tenantIdFieldOption, DEFAULT_TENANT_ID_FIELD } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { buildConditions, type ConditionNode } from '../../transport';
import { toCompany } from '../../shapes/company';
import type { CwCompany } from '../../shapes/types';
import { contactsByCompany } from './companyDomains';
import { readLimit } from '../../../shared/parameters';

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
			{ displayName: 'Status', name: 'status', type: 'string', default: '', placeholder: 'Active', description: 'Company status name, e.g. Active' },
			{ displayName: 'Type', name: 'type', type: 'string', default: '', placeholder: 'Client', description: 'Company type name, e.g. Client' },
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
				description: 'Whether to add the email domains of active contacts to domains (one extra read per 100 companies)',
			},
			tenantIdFieldOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['getAll'] } }, properties);

interface Filters {
	name?: string;
	nameMatch?: 'contains' | 'exact';
	status?: string;
	type?: string;
}

export function companyConditions(filters: Filters): { conditions?: string; childConditions?: string } {
	const name = filters.name?.trim();
	const nodes: ConditionNode[] = [
		{ field: 'deletedFlag', op: '=', value: false },
		name ? { field: 'name', op: filters.nameMatch === 'exact' ? '=' : 'contains', value: name } : undefined,
		filters.status?.trim() ? { field: 'status/name', op: '=', value: filters.status.trim() } : undefined,
	];
	const type = filters.type?.trim();
	return {
		conditions: buildConditions(...nodes),
		childConditions: type ? buildConditions({ field: 'types/name', op: '=', value: type }) : undefined,
	};
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as Filters;
	const options = this.getNodeParameter('options', i, {}) as { includeContactDomains?: boolean; tenantIdField?: string };
	const companies = await ctx.client.getAll<CwCompany>('/company/companies', { ...companyConditions(filters), limit, action: 'list companies' });
	const contacts = options.includeContactDomains ? await contactsByCompany(ctx.client, companies.map((c) => c.id)) : undefined;
	const tenantIdField = options.tenantIdField ?? DEFAULT_TENANT_ID_FIELD;
	const out = companies.map((c) => toCompany(c, { tenantIdField, contacts: contacts?.get(c.id) }));
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(out as never), { itemData: { item: i } });
}
