import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import * as check from '../../helpers/checks';
import { positiveInteger } from '../../../shared/parameters';
import { toCwDate } from '../../shapes/dates';
import { toAddition } from '../../shapes/records';
import type { CwAddition } from '../../shapes/types';
import { additionIdField, agreementIdFields } from './agreementIdField';
import { readAddition } from './readAddition';

const properties: INodeProperties[] = [
	...agreementIdFields,
	additionIdField,
	{
		displayName: 'Cancelled Date',
		name: 'cancelledDate',
		type: 'string',
		default: '={{ $today.toFormat("yyyy-MM-dd") }}',
		placeholder: 'YYYY-MM-DD',
		description: 'Last day the line is billed',
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['agreementAddition'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = positiveInteger(this.getNodeParameter('agreementId', i, undefined, { extractValue: true }), 'Agreement ID');
	const additionId = positiveInteger(this.getNodeParameter('additionId', i), 'Addition ID');
	const cancelledDate = check.day(String(this.getNodeParameter('cancelledDate', i, '') ?? '').trim(), 'Cancelled date');
	const current = await readAddition(ctx, agreementId, additionId);
	const agreement = await ctx.lookups.agreement(agreementId);
	const updated = await ctx.client.send<CwAddition>(
		'PATCH',
		`/finance/agreements/${agreementId}/additions/${additionId}`,
		[{ op: 'replace', path: 'cancelledDate', value: toCwDate(cancelledDate) }],
		`cancel addition ${additionId} (${current.product?.identifier ?? 'unknown product'})`,
	);
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(toAddition(updated, agreementId, agreement) as never), { itemData: { item: i } });
}
