import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import * as check from '../../helpers/checks';
import { ItemError, positiveInteger } from '../../../shared/parameters';
import { toCwDate } from '../../shapes/dates';
import { toAddition } from '../../shapes/records';
import type { CwAddition } from '../../shapes/types';
import { additionIdField, agreementIdFields } from './agreementIdField';
import { readAddition } from './readAddition';

const properties: INodeProperties[] = [
	...agreementIdFields,
	additionIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Bill Customer',
				name: 'billCustomer',
				type: 'options',
				default: 'Billable',
				description: 'Whether ConnectWise bills the line: Billable, Do Not Bill, or No Charge (shown on the invoice at 0)',
				options: [
					{ name: 'Billable', value: 'Billable' },
					{ name: 'Do Not Bill', value: 'DoNotBill' },
					{ name: 'No Charge', value: 'NoCharge' },
				],
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Internal description of the line' },
			{ displayName: 'Effective Date', name: 'effectiveDate', type: 'string', default: '', placeholder: 'YYYY-MM-DD', description: 'First day the line bills' },
			{ displayName: 'Invoice Description', name: 'invoiceDescription', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'What the invoice shows for the line' },
			{ displayName: 'Less Included', name: 'lessIncluded', type: 'number', default: 0, description: 'Seats included in the agreement and not billed' },
			{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 0, description: 'Seats the line bills' },
			{ displayName: 'Serial Number', name: 'serialNumber', type: 'string', default: '', description: 'Set to m365-license-sync to let the sync manage this line; clear it to take the line out of the sync' },
			{ displayName: 'Unit Price', name: 'unitPrice', type: 'number', default: 0, description: 'Price per seat' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['agreementAddition'], operation: ['update'] } }, properties);

type Patch = Array<{ op: 'replace'; path: string; value: unknown }>;

/** Validates every field first; returns the JSON Patch to send. */
export function additionPatch(fields: Record<string, unknown>): Patch {
	const patch: Patch = [];
	const put = (path: string, value: unknown) => patch.push({ op: 'replace', path, value });
	if (fields.quantity !== undefined) put('quantity', check.quantity(fields.quantity));
	if (fields.lessIncluded !== undefined) put('lessIncluded', check.quantity(fields.lessIncluded, 'Less included'));
	if (fields.unitPrice !== undefined) put('unitPrice', check.quantity(fields.unitPrice, 'Unit price'));
	if (fields.invoiceDescription !== undefined) put('invoiceDescription', check.invoiceDescription(fields.invoiceDescription));
	if (fields.description !== undefined) put('description', String(fields.description));
	if (fields.billCustomer !== undefined) put('billCustomer', check.billCustomer(fields.billCustomer));
	if (fields.effectiveDate !== undefined) put('effectiveDate', toCwDate(check.day(fields.effectiveDate, 'Effective date')));
	if (fields.serialNumber !== undefined) put('serialNumber', check.serialNumber(String(fields.serialNumber).trim()));
	return patch;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = positiveInteger(this.getNodeParameter('agreementId', i, undefined, { extractValue: true }), 'Agreement ID');
	const additionId = positiveInteger(this.getNodeParameter('additionId', i), 'Addition ID');
	const patch = additionPatch(this.getNodeParameter('updateFields', i, {}) as Record<string, unknown>);
	if (patch.length === 0) throw new ItemError('Nothing to update: add at least one field to Update Fields');
	const agreement = await check.activeAgreement(ctx, agreementId);
	await readAddition(ctx, agreementId, additionId);
	const updated = await ctx.client.send<CwAddition>('PATCH', `/finance/agreements/${agreementId}/additions/${additionId}`, patch, `update addition ${additionId}`);
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(toAddition(updated, agreementId, agreement) as never), { itemData: { item: i } });
}
