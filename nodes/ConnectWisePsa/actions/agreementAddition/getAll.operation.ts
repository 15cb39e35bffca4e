import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { MANAGED_MARKER } from '../../../shared/managedMarker';
import { concurrencyOption } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError, positiveInteger } from '../../helpers/parameters';
import { buildConditions } from '../../transport';
import { toAddition } from '../../shapes/records';
import type { CwAddition } from '../../shapes/types';
import { agreementFacts, agreementFactsItem } from './agreementFacts';
import { agreementIdField } from './agreementIdField';

const properties: INodeProperties[] = [
	agreementIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{
				displayName: 'Include Agreement Facts',
				name: 'includeAgreementFacts',
				type: 'boolean',
				default: true,
				description:
					"Whether to add the agreement's agreementStatus, agreementProrate, agreementStartDate and billingCycle to each addition (one read per agreement). An agreement with no matching additions then gives one item of its own: { kind: 'agreement', agreementId, additionId: null, agreementStatus, agreementProrate, agreementStartDate, billingCycle }; addition items have kind: 'addition'. License Reconcile needs these facts for lines it creates.",
			},
			{ displayName: 'Managed Only', name: 'managedOnly', type: 'boolean', default: false, description: 'Whether to return only additions marked as managed by this package' },
			{ displayName: 'Product Identifier', name: 'productIdentifier', type: 'string', default: '', description: 'Only additions of this catalog product' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agreementAddition'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = positiveInteger(this.getNodeParameter('agreementId', i), 'Agreement ID');
	const options = this.getNodeParameter('options', i, {}) as { includeAgreementFacts?: boolean; managedOnly?: boolean; productIdentifier?: string };
	const agreement = options.includeAgreementFacts === false ? undefined : await ctx.lookups.agreement(agreementId);
	if (options.includeAgreementFacts !== false && !agreement) throw new ItemError(`Agreement ${agreementId} was not found in ConnectWise PSA`);
	const product = options.productIdentifier?.trim();
	const additions = await ctx.client.getAll<CwAddition>(`/finance/agreements/${agreementId}/additions`, {
		conditions: buildConditions(
			options.managedOnly ? { field: 'serialNumber', op: '=', value: MANAGED_MARKER } : undefined,
			product ? { field: 'product/identifier', op: '=', value: product } : undefined,
		),
		action: `list additions of agreement ${agreementId}`,
	});
	const facts = agreement ? agreementFacts(agreement) : {};
	const items = additions.map((a) => ({ kind: 'addition', ...toAddition(a, agreementId, agreement), ...facts }));
	// With facts on, an agreement with nothing to list still says what it is.
	if (agreement && items.length === 0) return paired(this, [agreementFactsItem(agreementId, agreement)], i);
	return paired(this, items, i);
}

function paired(context: IExecuteFunctions, out: object[], i: number): INodeExecutionData[] {
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(out as never), { itemData: { item: i } });
}
