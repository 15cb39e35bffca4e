import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError } from '../../../shared/itemError';
import { locatorId } from '../../../shared/parameters';
import { companyLocator, concurrencyOption, tenantIdFieldOption, DEFAULT_TENANT_ID_FIELD } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { toCompany } from '../../shapes/records';
import type { AtCompany } from '../../shapes/types';

const properties: INodeProperties[] = [
	companyLocator(true, 'The company to read, by name or by its ID'),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [concurrencyOption, tenantIdFieldOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['get'] } }, properties);

export async function readCompany(ctx: OperationContext, companyId: number): Promise<AtCompany> {
	const company = await ctx.lookups.company(companyId);
	if (!company) throw new ItemError(`Company ${companyId} was not found in Autotask PSA`);
	return company;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const tenantIdField = (this.getNodeParameter('options.tenantIdField', i, DEFAULT_TENANT_ID_FIELD) as string) || DEFAULT_TENANT_ID_FIELD;
	return paired(this, toCompany(await readCompany(ctx, companyId), { tenantIdField }), i);
}
