import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { companyLocator, concurrencyOptions, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { locatorId, readLimit, stringList } from '../../../shared/parameters';
import { buildConditions, type ConditionNode } from '../../transport';
import { toAgreement } from '../../shapes/records';
import type { CwAgreement } from '../../shapes/types';

const properties: INodeProperties[] = [
	companyLocator(false, 'Only agreements of this company; leave empty for all companies'),
	{
		displayName: 'Agreement Types',
		name: 'agreementTypes',
		type: 'string',
		default: '',
		placeholder: 'M365 Monthly, M365 Annual',
		description: 'Agreement type names or IDs, comma-separated (or an array from an expression); empty for all types',
	},
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to return only agreements whose status is Active (not cancelled, expired or inactive)',
	},
	...returnAllAndLimit(),
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['agreement'], operation: ['getAll'] } }, properties);

export function agreementConditions(companyId: number | undefined, types: string[], activeOnly: boolean): string | undefined {
	const ids = types.filter((t) => /^\d+$/.test(t)).map(Number);
	const names = types.filter((t) => !/^\d+$/.test(t));
	const typeNodes: ConditionNode[] = [
		ids.length > 0 ? { field: 'type/id', op: 'in', value: ids } : undefined,
		names.length > 0 ? { field: 'type/name', op: 'in', value: names } : undefined,
	];
	return buildConditions(
		companyId !== undefined ? { field: 'company/id', op: '=', value: companyId } : undefined,
		types.length > 0 ? { or: typeNodes } : undefined,
		activeOnly ? { field: 'agreementStatus', op: '=', value: 'Active' } : undefined,
		activeOnly ? { field: 'cancelledFlag', op: '=', value: false } : undefined,
	);
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company', false);
	const types = stringList(this.getNodeParameter('agreementTypes', i, ''));
	const activeOnly = this.getNodeParameter('activeOnly', i, true) as boolean;
	const limit = readLimit.call(this, i);
	const agreements = await ctx.client.getAll<CwAgreement>('/finance/agreements', {
		conditions: agreementConditions(companyId, types, activeOnly),
		limit,
		action: 'list agreements',
	});
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(agreements.map(toAgreement) as never), { itemData: { item: i } });
}
