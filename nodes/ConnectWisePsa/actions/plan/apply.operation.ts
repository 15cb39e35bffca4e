import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import * as check from '../../helpers/checks';
import { ItemError } from '../../helpers/parameters';
import { readAddition } from '../agreementAddition/readAddition';
import { parsePlanItem, type ApplyItem } from './planItem';
import type { ApplyResult } from './result';
import { createLine, existingCreate, lineValues, managedLines, prorateLine, refuseOtherProduct, refuseUnmanaged, sameLine, targetValues, updateLine } from './writeLine';
import { MANAGED_MARKER } from '../../../shared/managedMarker';

const properties: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to check every plan item against the PSA and report what would change, without writing',
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['plan'], operation: ['apply'] } }, properties);

async function applyItem(ctx: OperationContext, item: ApplyItem, dryRun: boolean): Promise<ApplyResult> {
	await check.activeAgreement(ctx, item.agreementId);
	const product = await check.catalogProduct(ctx, item.productIdentifier);
	const result: ApplyResult = {
		action: item.action,
		key: item.key,
		tenantId: item.tenantId,
		agreementId: item.agreementId,
		additionId: item.additionId,
		productIdentifier: item.productIdentifier,
		before: null,
		after: null,
		prorate: null,
		applied: false,
		dryRun,
		reasons: [...item.reasons],
	};

	if (item.action === 'update') {
		const addition = await readAddition(ctx, item.agreementId, item.additionId!);
		refuseUnmanaged(addition, item);
		refuseOtherProduct(addition, item, product);
		const before = lineValues(addition);
		const after = targetValues(item, product, before);
		if (item.currentQuantity !== null && before.quantity !== item.currentQuantity && before.quantity !== after.quantity) {
			throw new ItemError(
				`Addition ${addition.id} has quantity ${before.quantity} in the PSA but the plan expected ${item.currentQuantity}; nothing was changed`,
				'Someone changed the line after the plan was made: run the reconcile again',
			);
		}
		result.before = before;
		result.after = after;
		if (sameLine(before, after)) result.reasons.push('already up to date in the PSA');
		else if (!dryRun) {
			result.after = lineValues(await updateLine(ctx, item, before, after));
			result.applied = true;
		}
		if (addition.serialNumber?.trim() !== MANAGED_MARKER) result.reasons.push(`adopted addition ${addition.id}`);
	} else {
		const after = targetValues(item, product, null);
		const existing = existingCreate(await managedLines(ctx, item.agreementId, item.productIdentifier, MANAGED_MARKER), item);
		result.after = after;
		if (existing.length > 0) {
			const same = existing.find((a) => sameLine(lineValues(a), after));
			if (!same) {
				throw new ItemError(
					`Agreement ${item.agreementId} already has managed addition ${existing.map((a) => a.id).join(', ')} for ${item.productIdentifier}; nothing was created`,
					'The plan is older than the PSA: run the reconcile again',
				);
			}
			result.additionId = same.id;
			result.after = lineValues(same);
			result.reasons.push('already created in the PSA');
		} else if (!dryRun) {
			const created = await createLine(ctx, item, product, after);
			result.additionId = created.id;
			result.after = lineValues(created);
			result.applied = true;
		}
	}
	if (item.prorate) result.prorate = await prorateLine(ctx, item, item.prorate, product, result.after!, !dryRun);
	return result;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const dryRun = this.getNodeParameter('dryRun', i, false) as boolean;
	const parsed = parsePlanItem(this.getInputData()[i].json);
	let result: ApplyResult;
	if (parsed.kind === 'pass') {
		result = { ...parsed.item, before: null, after: null, prorate: null, applied: false, dryRun };
	} else {
		result = await applyItem(ctx, parsed.item, dryRun);
	}
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result as never), { itemData: { item: i } });
}
