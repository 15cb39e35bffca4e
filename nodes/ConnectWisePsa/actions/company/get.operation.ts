import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { companyLocator, concurrencyOption, tenantIdFieldOption, DEFAULT_TENANT_ID_FIELD } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError, locatorId } from '../../../shared/parameters';
import { toCompany } from '../../shapes/company';
import type { CwCompany } from '../../shapes/types';
import { contactsByCompany } from './companyDomains';

const properties: INodeProperties[] = [
	companyLocator(true, 'The company to read, by name or by its ID'),
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
				description: 'Whether to add the email domains of active contacts to domains',
			},
			tenantIdFieldOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['get'] } }, properties);

export async function readCompany(ctx: OperationContext, companyId: number): Promise<CwCompany> {
	const company = await ctx.client.find<CwCompany>(`/company/companies/${companyId}`, `read company ${companyId}`);
	if (!company) throw new ItemError(`Company ${companyId} was not found in ConnectWise PSA`);
	return company;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const options = this.getNodeParameter('options', i, {}) as { includeContactDomains?: boolean; tenantIdField?: string };
	const company = await readCompany(ctx, companyId);
	const contacts = options.includeContactDomains ? (await contactsByCompany(ctx.client, [company.id])).get(company.id) : undefined;
	const out = toCompany(company, { tenantIdField: options.tenantIdField ?? DEFAULT_TENANT_ID_FIELD, contacts });
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(out as never), { itemData: { item: i } });
}
