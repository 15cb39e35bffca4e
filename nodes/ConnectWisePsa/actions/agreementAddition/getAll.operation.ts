import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { isManagedSerial } from '../../../shared/managedMarker';
import { concurrencyOption } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { withIdentity } from '../../../shared/itemError';
import { ItemError, positiveInteger } from '../../../shared/parameters';
import { buildConditions } from '../../transport';
import { toAddition } from '../../shapes/records';
import type { CwAddition } from '../../shapes/types';
import { agreementFacts, agreementFactsItem } from './agreementFacts';
import { agreementIdFields } from './agreementIdField';

const properties: INodeProperties[] = [
	...agreementIdFields,
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
					"Whether to add the agreement's facts to each addition (read for all input agreements together, a few hundred per call): agreementStatus, agreementProrate, agreementStartDate, agreementEndDate, agreementNoEndingDate, agreementCompanyId, agreementCompanyName, agreementType, billingCycle. An agreement with no matching additions then gives one item of its own: { kind: 'agreement', agreementId, additionId: null, ...facts }; addition items have kind: 'addition'. License Reconcile needs these facts for lines it creates and to check the company.",
			},
			{ displayName: 'Managed Only', name: 'managedOnly', type: 'boolean', default: false, description: 'Whether to return only additions marked as managed by this package (not prorate lines, not manual lines). License Reconcile needs all lines: leave this off for it.' },
			{ displayName: 'Product Identifier', name: 'productIdentifier', type: 'string', default: '', description: 'Only additions of this catalog product' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agreementAddition'], operation: ['getAll'] } }, properties);

/**
 * The facts of every input item's agreement in a few `id in (...)` calls instead of one call
 * per agreement. Best effort: if this fails as a whole (the site cannot be reached), each item
 * reads its own agreement and fails or succeeds on its own.
 */
export async function prepare(this: IExecuteFunctions, ctx: OperationContext, concurrency: number): Promise<void> {
	const ids = new Map<number, number>();
	const withFacts: number[] = [];
	for (let i = 0; i < this.getInputData().length; i++) {
		try {
			const agreementId = positiveInteger(this.getNodeParameter('agreementId', i, undefined, { extractValue: true }), 'Agreement ID');
			ids.set(i, agreementId);
			const options = this.getNodeParameter('options', i, {}) as { includeAgreementFacts?: boolean };
			if (options.includeAgreementFacts !== false) withFacts.push(agreementId);
		} catch {
			// A bad id fails its own item later, with the message that names it.
		}
	}
	// Each item's id is evaluated once: expressions are what costs n8n the most time and memory.
	preparedIds.set(ctx, ids);
	await ctx.lookups.prefetchAgreements(withFacts, concurrency).catch(() => undefined);
}

const preparedIds = new WeakMap<OperationContext, Map<number, number>>();

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = preparedIds.get(ctx)?.get(i) ?? positiveInteger(this.getNodeParameter('agreementId', i, undefined, { extractValue: true }), 'Agreement ID');
	const options = this.getNodeParameter('options', i, {}) as { includeAgreementFacts?: boolean; managedOnly?: boolean; productIdentifier?: string };
	// A failed read names its agreement even when the id came from a parameter (contract C1).
	const items = await withIdentity({ agreementId }, async () => await listAdditions(ctx, agreementId, options));
	return paired(this, items, i);
}

async function listAdditions(
	ctx: OperationContext,
	agreementId: number,
	options: { includeAgreementFacts?: boolean; managedOnly?: boolean; productIdentifier?: string },
): Promise<object[]> {
	const agreement = options.includeAgreementFacts === false ? undefined : await ctx.lookups.agreement(agreementId);
	if (options.includeAgreementFacts !== false && !agreement) throw new ItemError(`Agreement ${agreementId} was not found in ConnectWise PSA`);
	const product = options.productIdentifier?.trim();
	const read = await ctx.client.getAll<CwAddition>(`/finance/agreements/${agreementId}/additions`, {
		conditions: buildConditions(product ? { field: 'product/identifier', op: '=', value: product } : undefined),
		action: `list additions of agreement ${agreementId}`,
	});
	// Filtered here, not in conditions: the marker is compared trimmed and in any case.
	const additions = options.managedOnly ? read.filter((a) => isManagedSerial(a.serialNumber)) : read;
	const facts = agreement ? agreementFacts(agreement) : {};
	const items = additions.map((a) => ({ kind: 'addition', ...toAddition(a, agreementId, agreement), ...facts }));
	// With facts on, an agreement with nothing to list still says what it is.
	if (agreement && items.length === 0) return [agreementFactsItem(agreementId, agreement)];
	return items;
}

function paired(context: IExecuteFunctions, out: object[], i: number): INodeExecutionData[] {
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(out as never), { itemData: { item: i } });
}
