/**
 * Apply, for any PSA (#16, contract C5): writes the create and update items of a License
 * Reconcile plan through a `PsaLineStore`, with the rules that keep an invoice right:
 * - the agreement must belong to the tenant's company (C2) and be active;
 * - a line is never created twice (a managed line for the product that still bills is
 *   found and reported, or the item is refused when it differs);
 * - a line that changed since the plan read it (quantity) is refused;
 * - an unmarked line is only changed when the plan adopts it, only replaced when the plan
 *   cancels it (as read), and a line is only written beside one when the plan says
 *   `secondLine`; otherwise the item is refused with `decisionNeeded`;
 * - the prorate line first, then the line (C3): a crash between the two is repaired by the
 *   next run, which finds the prorate line by its marker and only writes the line;
 * - a write the PSA refuses for good takes back what this item wrote for it.
 *
 * #17: the lines of an agreement are read ONCE, right before that agreement's first write,
 * and the items of one agreement run one after another on that read, which each write
 * keeps true. A write whose outcome is unknown (it failed) drops the read, so the next item
 * of the agreement reads again. When the store reads groups of agreements (`readGroup`), the
 * plan's agreements are read a group at a time, right before the group's first write: one
 * call for the facts of a few hundred agreements (and their lines, where the PSA lists lines
 * across agreements) instead of one or more each. A group that could not be read fails every
 * item of its agreements (sticky for the execution: nothing is written for them, and a PSA
 * that is down is not asked again per item). No clock; the only I/O is the store's.
 */
import type { IDataObject } from 'n8n-workflow';
import { ApiError } from '../apiError';
import { identified, ItemError } from '../itemError';
import { isManagedSerial, isProrateSerial, MANAGED_MARKER } from '../managedMarker';
import type { ApplyItem, ApplyResult, LineValues, NewLine, ProrateResult, PsaAgreement, PsaLimits, PsaLine, PsaLineStore, PsaProduct } from './contracts';
import { existingCreate, existingProrate, lineValues, lineWord, ofProduct, prorateResult, sameLine, targetValues } from './lines';
import { cancelLines, planCancels, restoreCancelled, type CancelWrite, type PlannedCancel } from './manualLines';

/** The lines of one agreement as last read and since written by this run, and the queue its items wait in. */
interface AgreementWork {
	lines: readonly PsaLine[] | null;
	tail: Promise<unknown>;
}

/** A group of the plan's agreements read together (#17); `read` is set by the group's first item. */
interface GroupRead {
	ids: number[];
	read: Promise<void> | null;
}

/** One per execution of Apply: items may arrive concurrently, in any order. */
export class ApplySession {
	private readonly agreements = new Map<number, AgreementWork>();
	private readonly planned: number[];
	private groups: Promise<Map<number, GroupRead>> | null = null;

	/** `planned`: the agreements of the plan's create/update items, in plan order (groups are read in that order). */
	constructor(
		private readonly store: PsaLineStore,
		planned: readonly number[] = [],
	) {
		this.planned = [...new Set(planned)];
	}

	/** Applies one create/update item; a failure carries the audit facts (`identified`). */
	async apply(item: ApplyItem, dryRun: boolean): Promise<ApplyResult> {
		const work = this.workOf(item.agreementId);
		const run = work.tail.then(async () => await this.applyItem(work, item, dryRun));
		work.tail = run.catch(() => undefined);
		return await run;
	}

	private workOf(agreementId: number): AgreementWork {
		let work = this.agreements.get(agreementId);
		if (!work) {
			work = { lines: null, tail: Promise.resolve() };
			this.agreements.set(agreementId, work);
		}
		return work;
	}

	/** The group of this agreement, read once right before its first write; nothing when the store reads one agreement at a time. */
	private async readGroupOf(agreementId: number): Promise<void> {
		const { store } = this;
		if (!store.readGroups || !store.readGroup || this.planned.length === 0) return;
		this.groups ??= this.groupIndex(store.readGroups.bind(store));
		const group = (await this.groups).get(agreementId);
		if (!group) return;
		group.read ??= this.readGroup(group, store.readGroup.bind(store));
		await group.read;
	}

	private async groupIndex(readGroups: NonNullable<PsaLineStore['readGroups']>): Promise<Map<number, GroupRead>> {
		try {
			const index = new Map<number, GroupRead>();
			for (const ids of await readGroups(this.planned)) {
				const group: GroupRead = { ids, read: null };
				for (const id of ids) index.set(id, group);
			}
			return index;
		} catch (error) {
			// Splitting needs no data, but it may ask the PSA where it lives: the next item tries again.
			this.groups = null;
			throw asError(error);
		}
	}

	private async readGroup(group: GroupRead, readGroup: NonNullable<PsaLineStore['readGroup']>): Promise<void> {
		const lines = await readGroup(group.ids);
		if (!lines) return;
		for (const id of group.ids) {
			const found = lines.get(id);
			const work = this.workOf(id);
			// Only agreements nothing has read yet: every item of the group waits for this read before its first write.
			if (found && work.lines === null) work.lines = found;
		}
	}

	private async applyItem(work: AgreementWork, item: ApplyItem, dryRun: boolean): Promise<ApplyResult> {
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
			await this.readGroupOf(item.agreementId);
			await new ItemWrite(this.store, work, item, result, dryRun).run();
			return result;
		} catch (error) {
			throw identified(error, failureAudit(result, item));
		}
	}
}

/**
 * What an audit row needs when an item fails: the plan's key and line, what was read
 * (`before`, null when the read did not happen) and what was meant (`after`, `prorate`).
 */
export function failureAudit(result: ApplyResult, item: ApplyItem): IDataObject {
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

/** The writes of one item; every write goes through `write*` so the agreement's lines as read stay true. */
class ItemWrite {
	private readonly limits: PsaLimits;
	private readonly word: { lower: string; upper: string };

	constructor(
		private readonly store: PsaLineStore,
		private readonly work: AgreementWork,
		private readonly item: ApplyItem,
		private readonly result: ApplyResult,
		private readonly dryRun: boolean,
	) {
		this.limits = store.limits;
		this.word = lineWord(store.limits);
	}

	async run(): Promise<void> {
		const { item, result } = this;
		// The company check comes first: a wrong-customer line is worse than any other refusal.
		const agreement = await this.store.agreement(item.agreementId);
		if (agreement) this.refuseOtherCompany(agreement);
		if (!agreement) throw new ItemError(`Agreement ${item.agreementId} was not found in ${this.limits.psaName} PSA`);
		if (agreement.notActive !== null) {
			throw new ItemError(`Agreement ${item.agreementId} (${agreement.name ?? 'unnamed'}) is ${agreement.notActive}; ${this.word.lower}s are only written to active agreements`);
		}
		const product = await this.store.product(item.productIdentifier);
		const lines = await this.lines();

		if (item.action === 'update') {
			const line = lines.find((l) => l.id === item.additionId);
			if (!line) throw new ItemError(`${this.word.upper} ${item.additionId} was not found on agreement ${item.agreementId}`);
			this.refuseUnmanaged(line);
			this.refuseOtherProduct(line, product);
			if (item.adopt && isProrateSerial(line.marker)) {
				throw new ItemError(`${this.word.upper} ${line.id} is a prorate line (${this.limits.markerLabel} "${line.marker ?? ''}"), not a line to adopt; nothing was changed`);
			}
			const before = lineValues(line);
			const after = targetValues(item, product, before);
			result.before = before;
			result.after = after;
			if (item.currentQuantity !== null && before.quantity !== item.currentQuantity && before.quantity !== after.quantity) {
				throw new ItemError(
					`${this.word.upper} ${line.id} has quantity ${before.quantity} in the PSA but the plan expected ${item.currentQuantity}; nothing was changed`,
					'Someone changed the line after the plan was made: run the reconcile again',
				);
			}
			if (!isManagedSerial(line.marker)) result.reasons.push(`adopted ${this.word.lower} ${line.id}`);
			if (item.adopt) this.refuseSecondManaged(lines, product, line.id);
			// Adopting one manual line must not leave another billing beside it unasked.
			const cancels = item.adopt ? planCancels(lines, item, product, line.id, this.limits) : [];
			if (cancels.length > 0) result.cancelled = cancels.map((c) => c.result);
			await cancelLines(cancels, this.dryRun, this.cancelWrite);
			if (sameLine(before, after)) {
				result.reasons.push('already up to date in the PSA');
				result.prorate = this.standingProrate(product, lines);
				return;
			}
			await this.writeWithProrate(product, after, lines, async () => {
				const changed = await this.restoringOnRefusal(cancels, async () => await this.writeChange(line, before, after));
				result.after = lineValues(changed);
			});
			return;
		}

		const after = targetValues(item, product, null);
		const existing = existingCreate(lines, item, product);
		result.after = after;
		if (existing.length > 0) {
			const same = existing.find((l) => sameLine(lineValues(l), after));
			if (!same) {
				throw new ItemError(
					`Agreement ${item.agreementId} already has managed ${this.word.lower} ${existing.map((l) => l.id).join(', ')} for ${item.productIdentifier}; nothing was created`,
					'The plan is older than the PSA: run the reconcile again',
				);
			}
			result.additionId = same.id;
			result.after = lineValues(same);
			result.reasons.push('already created in the PSA');
			result.prorate = this.standingProrate(product, lines);
			return;
		}
		// Never a second line beside a manual one unless the plan says which (replace) or that both bill (secondLine).
		const cancels = planCancels(lines, item, product, null, this.limits);
		if (cancels.length > 0) result.cancelled = cancels.map((c) => c.result);
		await cancelLines(cancels, this.dryRun, this.cancelWrite);
		await this.writeWithProrate(product, after, lines, async () => {
			const created = await this.restoringOnRefusal(cancels, async () => await this.writeCreate(this.productLine(product, after)));
			result.additionId = created.id;
			result.after = lineValues(created);
		});
	}

	/** The agreement's lines: read once, right before its first write, then kept true by each write. */
	private async lines(): Promise<readonly PsaLine[]> {
		this.work.lines ??= await this.store.readLines(this.item.agreementId);
		return this.work.lines;
	}

	/** A failed write may or may not have happened: the next item of this agreement reads again. */
	private async tracked<T>(write: () => Promise<T>, keep: (lines: readonly PsaLine[], value: T) => readonly PsaLine[]): Promise<T> {
		let value: T;
		try {
			value = await write();
		} catch (error) {
			this.work.lines = null;
			throw asError(error);
		}
		if (this.work.lines !== null) this.work.lines = keep(this.work.lines, value);
		return value;
	}

	private async writeCreate(line: NewLine): Promise<PsaLine> {
		return await this.tracked(
			async () => await this.store.createLine(this.item.agreementId, line, this.item.productIdentifier),
			(lines, created) => [...lines, created],
		);
	}

	private async writeChange(line: PsaLine, before: LineValues, after: LineValues): Promise<PsaLine> {
		return await this.tracked(
			async () => await this.store.changeLine(this.item.agreementId, line, before, after, this.item.productIdentifier),
			(lines, changed) => lines.map((l) => (l.id === changed.id ? changed : l)),
		);
	}

	private readonly cancelWrite: CancelWrite = async (lineId, cancelledDate, restore) => {
		await this.tracked(
			async () => await this.store.cancelLine(this.item.agreementId, lineId, cancelledDate, this.item.productIdentifier, restore),
			(lines) => lines.map((l) => (l.id === lineId ? { ...l, cancelledDate } : l)),
		);
	};

	private async writeDelete(lineId: number): Promise<void> {
		await this.tracked(
			async () => await this.store.deleteLine(this.item.agreementId, lineId),
			(lines) => lines.filter((l) => l.id !== lineId),
		);
	}

	private productLine(product: PsaProduct, after: LineValues): NewLine {
		return {
			kind: 'line',
			product,
			quantity: after.quantity,
			lessIncluded: after.lessIncluded,
			unitPrice: after.unitPrice,
			billCustomer: after.billCustomer,
			invoiceDescription: after.invoiceDescription,
			effectiveDate: this.item.effectiveDate,
			cancelledDate: null,
			marker: MANAGED_MARKER,
			prorateCurrentPeriod: this.item.prorateCurrentPeriod,
		};
	}

	/**
	 * Contract C3: the prorate line first (unless the one with this change's marker is there),
	 * then the line itself. A crash between the two is repaired by the next run, which finds
	 * the prorate line and only writes the line. If the PSA refuses the line for good, the
	 * prorate line this call wrote is deleted again; after a 5xx or a lost connection the line
	 * may have changed, so the prorate line stays.
	 */
	private async writeWithProrate(product: PsaProduct, after: LineValues, lines: readonly PsaLine[], writeLine: () => Promise<void>): Promise<void> {
		const { item, result, dryRun } = this;
		if (item.prorate) {
			const target = item.prorate;
			const found = existingProrate(lines, item, product, target);
			if (found) result.prorate = prorateResult(target, found.id, false);
			else if (dryRun) result.prorate = prorateResult(target, null, false);
			else {
				const written = await this.writeCreate({
					kind: 'prorate',
					product,
					quantity: target.quantity,
					lessIncluded: 0,
					unitPrice: after.unitPrice,
					billCustomer: after.billCustomer,
					invoiceDescription: target.invoiceDescription,
					effectiveDate: target.from,
					cancelledDate: target.to,
					marker: target.serialNumber,
					prorateCurrentPeriod: false,
				});
				result.prorate = prorateResult(target, written.id, true);
			}
		}
		if (dryRun) return;
		try {
			await writeLine();
			result.applied = true;
		} catch (error) {
			throw result.prorate?.applied && this.refusedForGood(error) ? await this.withdrawProrate(result.prorate, error) : asError(error);
		}
	}

	/** The write the cancelled lines made room for; if the PSA refuses it for good, they bill again as before. */
	private async restoringOnRefusal(cancels: PlannedCancel[], write: () => Promise<PsaLine>): Promise<PsaLine> {
		try {
			return await write();
		} catch (error) {
			const cancelled = cancels.map((c) => c.result);
			throw cancelled.some((c) => c.applied) && this.refusedForGood(error) ? await restoreCancelled(cancelled, error, this.cancelWrite, this.limits) : asError(error);
		}
	}

	private refusedForGood(error: unknown): error is ApiError {
		return error instanceof ApiError && this.store.refusedForGood(error);
	}

	/**
	 * Deletes the prorate line this call wrote for a change the PSA then refused, so no
	 * prorate stands for a change that never happened (a line written seconds ago has not
	 * been invoiced). Returns the error to throw, saying what happened to the prorate line.
	 */
	private async withdrawProrate(prorate: ProrateResult, refusal: ApiError): Promise<ApiError> {
		try {
			await this.writeDelete(prorate.additionId!);
			prorate.removed = true;
			prorate.applied = false;
			return new ApiError(`${refusal.message}; the prorate line ${prorate.additionId} written for this change was deleted again`, refusal.details);
		} catch (error) {
			prorate.removed = false;
			const why = error instanceof Error ? error.message : String(error);
			return new ApiError(`${refusal.message}; the prorate line ${prorate.additionId} written for this change could not be deleted (${why}): delete it in the PSA`, refusal.details);
		}
	}

	/**
	 * The line already has the planned values, so this call changes nothing: it reports the
	 * prorate line that stands for the change, and never writes one for a change it did not make.
	 */
	private standingProrate(product: PsaProduct, lines: readonly PsaLine[]): ProrateResult | null {
		const { item, result } = this;
		if (!item.prorate) return null;
		const found = existingProrate(lines, item, product, item.prorate);
		if (!found) result.reasons.push('no prorate line written: the line already had the planned values');
		return prorateResult(item.prorate, found?.id ?? null, false);
	}

	/** Adopting a line while the sync already has one for the product would make two. */
	private refuseSecondManaged(lines: readonly PsaLine[], product: PsaProduct, adoptedId: number): void {
		const { item, word } = this;
		const others = existingCreate(lines, item, product).filter((l) => l.id !== adoptedId);
		if (others.length === 0) return;
		throw new ItemError(
			`Agreement ${item.agreementId} already has managed ${word.lower} ${others.map((l) => l.id).join(', ')} for ${item.productIdentifier}; ${word.lower} ${adoptedId} was not adopted`,
			'The sync already writes a line for this product: cancel the manual line instead, or run the sync again',
		);
	}

	private refuseUnmanaged(line: PsaLine): void {
		const { item, limits, word } = this;
		const marker = line.marker?.trim() ?? '';
		if (isManagedSerial(marker) || item.adopt) return;
		throw new ItemError(
			`${word.upper} ${line.id} on agreement ${item.agreementId} is not managed by this package (${limits.markerLabel} ${marker ? `"${marker}"` : 'empty'}); nothing was changed`,
			`Set adopt: true on the plan item (or ${limits.markerLabel} "${MANAGED_MARKER}" on the line) to let the sync take it over`,
		);
	}

	private refuseOtherProduct(line: PsaLine, product: PsaProduct): void {
		if (!ofProduct(line, this.item, product)) {
			throw new ItemError(`${this.word.upper} ${line.id} is for product "${line.productIdentifier ?? 'unknown'}", not "${this.item.productIdentifier}"; nothing was changed`);
		}
	}

	/** Defense in depth for the wrong-customer bug: a line is written only to an agreement of the tenant's mapped company. */
	private refuseOtherCompany(agreement: PsaAgreement): void {
		const { item } = this;
		if (item.companyId === null || agreement.companyId === item.companyId) return;
		const theirs = agreement.companyId === null ? 'no company' : `company ${agreement.companyName ?? 'unnamed'} (${agreement.companyId})`;
		const ours = `${item.companyName ?? 'company'} (${item.companyId})`;
		throw new ItemError(
			`Agreement ${agreement.agreementId} (${agreement.name ?? 'unnamed'}) belongs to ${theirs}, not to ${ours} that tenant ${item.tenantId ?? '(unknown)'} is mapped to; nothing was written`,
			'Fix the license link (its agreement) or the company mapping, then run the reconcile again',
		);
	}
}

function asError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}
