import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError } from '../../../shared/itemError';
import { locatorId } from '../../../shared/parameters';
import { companyLocator, concurrencyOption, tenantIdFieldOption, DEFAULT_TENANT_ID_FIELD } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { toCompany } from '../../shapes/records';
import type { AtCompany } from '../../shapes/types';
import { readCompany } from './get.operation';

const properties: INodeProperties[] = [
	companyLocator(true, 'The company to change, by name or by its ID'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Tenant ID', name: 'tenantId', type: 'string', default: '', description: 'Microsoft tenant ID to record in the Tenant ID user-defined field (see options)' },
			{ displayName: 'Website', name: 'website', type: 'string', default: '', description: "The company's website; the tenant matching reads its domain" },
			{
				displayName: 'User-Defined Fields',
				name: 'udfs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Company user-defined fields to set, by name',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the user-defined field' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value to write into the user-defined field' },
						],
					},
				],
			},
		],
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [concurrencyOption, tenantIdFieldOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['update'] } }, properties);

interface UpdateFields {
	tenantId?: string;
	website?: string;
	udfs?: { field?: Array<{ name?: string; value?: string }> };
}

/** The UDFs to send, each checked to exist on the company (an unknown name is an error, not silently dropped). */
export function udfChanges(company: AtCompany, values: Array<{ name: string; value: string }>): Array<{ name: string; value: string }> {
	const known = company.userDefinedFields ?? [];
	return values.map(({ name, value }) => {
		const field = known.find((udf) => udf.name.trim().toLowerCase() === name.trim().toLowerCase());
		if (!field) throw new ItemError(`The company has no user-defined field named "${name}"`, `User-defined fields on companies: ${known.map((udf) => udf.name).join(', ') || 'none'}`);
		return { name: field.name, value };
	});
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const fields = this.getNodeParameter('updateFields', i, {}) as UpdateFields;
	const tenantIdField = (this.getNodeParameter('options.tenantIdField', i, DEFAULT_TENANT_ID_FIELD) as string) || DEFAULT_TENANT_ID_FIELD;
	const values = (fields.udfs?.field ?? []).filter((f) => (f.name ?? '').trim() !== '').map((f) => ({ name: f.name!.trim(), value: f.value ?? '' }));
	if (fields.tenantId?.trim()) values.push({ name: tenantIdField, value: fields.tenantId.trim() });
	if (values.length === 0 && fields.website === undefined) throw new ItemError('Nothing to update: add at least one field to Update Fields');

	const company = await readCompany(ctx, companyId);
	const udfs = udfChanges(company, values);
	await ctx.client.update('/Companies', { id: companyId, ...(fields.website !== undefined ? { webAddress: fields.website.trim() } : {}), ...(udfs.length ? { userDefinedFields: udfs } : {}) }, `update company ${companyId}`);
	// Autotask answers only the id: read the company back so the output is what Autotask stored.
	const stored = await ctx.client.find<AtCompany>(`/Companies/${companyId}`, `read company ${companyId}`);
	return paired(this, toCompany(stored ?? company, { tenantIdField }), i);
}
