import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { companyLocator, concurrencyOption, DEFAULT_TENANT_ID_FIELD } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError, locatorId } from '../../../shared/parameters';
import { toCompany } from '../../shapes/company';
import type { CwCompany, CwCustomField } from '../../shapes/types';
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
			{
				displayName: 'Tenant ID',
				name: 'tenantId',
				type: 'string',
				default: '',
				description: 'Microsoft tenant ID to record in the Tenant ID custom field (see options)',
			},
			{ displayName: 'Website', name: 'website', type: 'string', default: '', description: "The company's website; the tenant matching reads its domain" },
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Company custom fields to set, by caption',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Caption of the custom field' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Value to write into the custom field' },
						],
					},
				],
			},
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
				displayName: 'Tenant ID Custom Field',
				name: 'tenantIdField',
				type: 'string',
				default: DEFAULT_TENANT_ID_FIELD,
				description: 'Name (caption) of the company custom field the Tenant ID is written to and read from',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['update'] } }, properties);

interface UpdateFields {
	tenantId?: string;
	website?: string;
	customFields?: { field?: Array<{ name?: string; value?: string }> };
}

/** Custom fields are replaced as a whole array in ConnectWise; unknown captions are an error, not silently dropped. */
export function withCustomValues(fields: CwCustomField[], values: Array<{ name: string; value: string }>): CwCustomField[] {
	const updated = fields.map((f) => ({ ...f }));
	for (const { name, value } of values) {
		const target = updated.find((f) => (f.caption ?? '').trim().toLowerCase() === name.trim().toLowerCase());
		if (!target) {
			const known = fields.map((f) => f.caption).filter(Boolean).join(', ') || 'none';
			throw new ItemError(`The company has no custom field named "${name}"`, `Custom fields on this company: ${known}`);
		}
		target.value = value;
	}
	return updated;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const fields = this.getNodeParameter('updateFields', i, {}) as UpdateFields;
	const tenantIdField = (this.getNodeParameter('options.tenantIdField', i, DEFAULT_TENANT_ID_FIELD) as string) || DEFAULT_TENANT_ID_FIELD;
	const custom = (fields.customFields?.field ?? [])
		.filter((f) => (f.name ?? '').trim() !== '')
		.map((f) => ({ name: f.name!.trim(), value: f.value ?? '' }));
	if (fields.tenantId !== undefined && fields.tenantId.trim() !== '') custom.push({ name: tenantIdField, value: fields.tenantId.trim() });
	if (custom.length === 0 && fields.website === undefined) throw new ItemError('Nothing to update: add at least one field to Update Fields');

	const company = await readCompany(ctx, companyId);
	const patch: Array<{ op: 'replace'; path: string; value: unknown }> = [];
	if (custom.length > 0) patch.push({ op: 'replace', path: 'customFields', value: withCustomValues(company.customFields ?? [], custom) });
	if (fields.website !== undefined) patch.push({ op: 'replace', path: 'website', value: fields.website.trim() });
	const updated = await ctx.client.send<CwCompany>('PATCH', `/company/companies/${companyId}`, patch, `update company ${companyId}`);
	const out = toCompany(updated, { tenantIdField });
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(out as never), { itemData: { item: i } });
}
