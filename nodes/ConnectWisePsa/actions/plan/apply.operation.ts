import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import * as check from '../../helpers/checks';
import { identified } from '../../helpers/identified';
import { ItemError } from '../../helpers/parameters';
import type { CwAddition, CwCatalogItem } from '../../shapes/types';
import { ApiError } from '../../../shared';
import { isManagedSerial, isProrateSerial } from '../../../shared/managedMarker';
import { readAddition } from '../agreementAddition/readAddition';
import { cancelLines, planCancels, restoreCancelled, type PlannedCancel } from './manualLines';
import { parsePlanItem, type ApplyItem } from './planItem';
import type { ApplyResult, LineValues, ProrateResult } from './result';
import {
	agreementLines, createLine, createProrateLine, existingCreate, existingProrate, lineValues, prorateResult, refusedForGood, refuseOtherCompany,
	refuseOtherProduct, refuseUnmanaged, sameLine, targetValues, updateLine, withdrawProrate,
} from './writeLine';

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

/**
 * What an audit row needs when an item fails: the plan's key and line, what was read
 * (`before`, null when the read did not happen) and what was meant (`after`, `prorate`).
 */
function failureAudit(result: ApplyResult, item: ApplyItem): IDataObject {
	return {
		key: result.key,
		lineKey: result.lineKey,
		action: result.action,
		agreementId: result.agreementId,
		additionId: result.additionId,
		productIdentifier: result.productIdentifier,
		...(item.companyId !== null ? { companyId: item.companyId } : {}),
		before: result.before as IDataObject | null,
		after: result.after as IDataObject | null,
		prorate: (result.prorate ?? (item.prorate ? prorateResult(item.prorate, null, false) : null)) as IDataObject | null,
		...(result.cancelled ? { cancelled: result.cancelled as unknown as IDataObject[] } : {}),
	};
}

async function applyItem(ctx: OperationContext, item: ApplyItem, dryRun: boolean): Promise<ApplyResult> {
	const result: ApplyResult = {
		action: item.action,
		key: item.key,
		lineKey: item.lineKey,
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
	try {
		await writeItem(ctx, item, result, dryRun);
		return result;
	} catch (error) {
		throw identified(error, failureAudit(result, item));
	}
}

async function writeItem(ctx: OperationContext, item: ApplyItem, result: ApplyResult, dryRun: boolean): Promise<void> {
	// The company check comes first: a wrong-customer line is worse than any other refusal.
	const agreement = await ctx.lookups.agreement(item.agreementId);
	if (agreement) refuseOtherCompany(agreement, item);
	await check.activeAgreement(ctx, item.agreementId);
	const product = await check.catalogProduct(ctx, item.productIdentifier);

	if (item.action === 'update') {
		const addition = await readAddition(ctx, item.agreementId, item.additionId!);
		refuseUnmanaged(addition, item);
		refuseOtherProduct(addition, item, product);
		if (item.adopt && isProrateSerial(addition.serialNumber)) {
			throw new ItemError(`Addition ${addition.id} is a prorate line (serial number "${addition.serialNumber ?? ''}"), not a line to adopt; nothing was changed`);
		}
		const before = lineValues(addition);
		const after = targetValues(item, product, before);
		result.before = before;
		result.after = after;
		if (item.currentQuantity !== null && before.quantity !== item.currentQuantity && before.quantity !== after.quantity) {
			throw new ItemError(
				`Addition ${addition.id} has quantity ${before.quantity} in the PSA but the plan expected ${item.currentQuantity}; nothing was changed`,
				'Someone changed the line after the plan was made: run the reconcile again',
			);
		}
		if (!isManagedSerial(addition.serialNumber)) result.reasons.push(`adopted addition ${addition.id}`);
		const lines = item.prorate || item.adopt ? await agreementLines(ctx, item.agreementId) : [];
		if (item.adopt) refuseSecondManaged(lines, item, product, addition.id);
		// Adopting one manual line must not leave another billing beside it unasked.
		const cancels = item.adopt ? planCancels(lines, item, product, addition.id) : [];
		if (cancels.length > 0) result.cancelled = cancels.map((c) => c.result);
		await cancelLines(ctx, item, cancels, dryRun);
		if (sameLine(before, after)) {
			result.reasons.push('already up to date in the PSA');
			result.prorate = standingProrate(item, product, lines, result);
			return;
		}
		await writeWithProrate(ctx, item, product, after, lines, result, dryRun, async () => {
			result.after = lineValues(await restoringOnRefusal(ctx, item, cancels, async () => await updateLine(ctx, item, before, after)));
		});
		return;
	}

	const after = targetValues(item, product, null);
	const lines = await agreementLines(ctx, item.agreementId);
	const existing = existingCreate(lines, item, product);
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
		result.prorate = standingProrate(item, product, lines, result);
		return;
	}
	// Never a second line beside a manual one unless the plan says which (replace) or that both bill (secondLine).
	const cancels = planCancels(lines, item, product, null);
	if (cancels.length > 0) result.cancelled = cancels.map((c) => c.result);
	await cancelLines(ctx, item, cancels, dryRun);
	await writeWithProrate(ctx, item, product, after, lines, result, dryRun, async () => {
		const created = await restoringOnRefusal(ctx, item, cancels, async () => await createLine(ctx, item, product, after));
		result.additionId = created.id;
		result.after = lineValues(created);
	});
}

/** Adopting a line while the sync already has one for the product would make two. */
function refuseSecondManaged(lines: CwAddition[], item: ApplyItem, product: CwCatalogItem, adoptedId: number): void {
	const others = existingCreate(lines, item, product).filter((a) => a.id !== adoptedId);
	if (others.length === 0) return;
	throw new ItemError(
		`Agreement ${item.agreementId} already has managed addition ${others.map((a) => a.id).join(', ')} for ${item.productIdentifier}; addition ${adoptedId} was not adopted`,
		'The sync already writes a line for this product: cancel the manual line instead, or run the sync again',
	);
}

/** The write the cancelled lines made room for; if the PSA refuses it for good, they bill again as before. */
async function restoringOnRefusal(ctx: OperationContext, item: ApplyItem, cancels: PlannedCancel[], write: () => Promise<CwAddition>): Promise<CwAddition> {
	try {
		return await write();
	} catch (error) {
		const cancelled = cancels.map((c) => c.result);
		throw cancelled.some((c) => c.applied) && error instanceof ApiError && refusedForGood(error) ? await restoreCancelled(ctx, item, cancelled, error) : asError(error);
	}
}

/**
 * The line already has the planned values, so this call changes nothing: it reports the
 * prorate line that stands for the change, and never writes one for a change it did not make.
 */
function standingProrate(item: ApplyItem, product: CwCatalogItem, lines: CwAddition[], result: ApplyResult): ProrateResult | null {
	if (!item.prorate) return null;
	const found = existingProrate(lines, item, product, item.prorate);
	if (!found) result.reasons.push('no prorate line written: the line already had the planned values');
	return prorateResult(item.prorate, found?.id ?? null, false);
}

/**
 * Contract C3: the prorate line first (unless the one with this change's serial is there),
 * then the line itself. A crash between the two is repaired by the next run, which finds
 * the prorate line and only writes the line. If ConnectWise refuses the line for good, the
 * prorate line this call wrote is deleted again; after a 5xx or a lost connection the line
 * may have changed, so the prorate line stays.
 */
async function writeWithProrate(
	ctx: OperationContext,
	item: ApplyItem,
	product: CwCatalogItem,
	after: LineValues,
	lines: CwAddition[],
	result: ApplyResult,
	dryRun: boolean,
	writeLine: () => Promise<void>,
): Promise<void> {
	if (item.prorate) {
		const found = existingProrate(lines, item, product, item.prorate);
		if (found) result.prorate = prorateResult(item.prorate, found.id, false);
		else if (dryRun) result.prorate = prorateResult(item.prorate, null, false);
		else result.prorate = prorateResult(item.prorate, (await createProrateLine(ctx, item, item.prorate, product, after)).id, true);
	}
	if (dryRun) return;
	try {
		await writeLine();
		result.applied = true;
	} catch (error) {
		throw result.prorate?.applied && error instanceof ApiError && refusedForGood(error) ? await withdrawProrate(ctx, item, result.prorate, error) : asError(error);
	}
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
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
