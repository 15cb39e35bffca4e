/**
 * A PSA held in memory for the Apply driver's unit tests: agreements, products and lines,
 * every call counted, and faults to inject (a write the PSA refuses for good, or one that
 * fails with an unknown outcome after or before it happened).
 */
import { ApiError } from '../../../nodes/shared/apiError';
import { ItemError } from '../../../nodes/shared/itemError';
import type { LineValues, NewLine, PsaAgreement, PsaLimits, PsaLine, PsaLineStore, PsaProduct } from '../../../nodes/shared/psa/contracts';

export const LIMITS: PsaLimits = {
	psaName: 'Memory',
	descriptionMaxLength: 100,
	markerMaxLength: 40,
	markerLabel: 'marker',
	billCustomerValues: ['Billable', 'NoCharge'],
	lineLabel: 'line',
};

type Call = 'readLines' | 'readGroup' | 'createLine' | 'changeLine' | 'cancelLine' | 'deleteLine';

/** A fault on the next call of a kind: `refuse` (400, nothing happened), `lost` (503 after the write happened), `down` (503, nothing happened). */
export type Fault = { call: Call; kind: 'refuse' | 'lost' | 'down'; when?: (detail: string) => boolean };

const apiError = (status: number, what: string) =>
	new ApiError(`Could not ${what}: Memory answered ${status}`, { service: 'connectWise', status, serviceMessage: `status ${status}` });

export class MemoryStore implements PsaLineStore {
	readonly limits = LIMITS;
	readonly agreements = new Map<number, PsaAgreement>();
	readonly products = new Map<string, PsaProduct>();
	lines: Array<PsaLine & { agreementId: number }> = [];
	readonly calls: Array<{ call: Call; agreementId: number; detail: string }> = [];
	readonly faults: Fault[] = [];
	private nextId = 1000;

	addAgreement(agreementId: number, companyId = 10, notActive: string | null = null): this {
		this.agreements.set(agreementId, { agreementId, name: `Agreement ${agreementId}`, companyId, companyName: `Company ${companyId}`, notActive });
		return this;
	}

	addProduct(identifier: string, id: number, price: number | null = 20): this {
		this.products.set(identifier, { id, identifier, price });
		return this;
	}

	addLine(agreementId: number, line: Partial<PsaLine> & { productIdentifier: string }): PsaLine {
		const product = this.products.get(line.productIdentifier);
		const full: PsaLine & { agreementId: number } = {
			agreementId,
			id: line.id ?? this.nextId++,
			productId: product?.id ?? null,
			quantity: 1,
			lessIncluded: 0,
			unitPrice: 20,
			billCustomer: 'Billable',
			invoiceDescription: '',
			effectiveDate: '2026-01-01',
			cancelledDate: null,
			marker: null,
			lastUpdated: null,
			...line,
		};
		this.lines.push(full);
		return strip(full);
	}

	linesOf(agreementId: number): PsaLine[] {
		return this.lines.filter((l) => l.agreementId === agreementId).map(strip);
	}

	count(call: Call): number {
		return this.calls.filter((c) => c.call === call).length;
	}

	writes(): number {
		return this.calls.filter((c) => c.call !== 'readLines' && c.call !== 'readGroup').length;
	}

	/** Runs a call: counts it, applies a pending fault (before or after `effect`). */
	protected async call<T>(call: Call, agreementId: number, detail: string, effect: () => T): Promise<T> {
		await Promise.resolve();
		this.calls.push({ call, agreementId, detail });
		const index = this.faults.findIndex((f) => f.call === call && (f.when?.(detail) ?? true));
		const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
		if (fault?.kind === 'refuse') throw apiError(400, detail);
		if (fault?.kind === 'down') throw apiError(503, detail);
		const value = effect();
		if (fault?.kind === 'lost') throw apiError(503, detail);
		return value;
	}

	async agreement(agreementId: number): Promise<PsaAgreement | undefined> {
		return this.agreements.get(agreementId);
	}

	async product(identifier: string): Promise<PsaProduct> {
		const found = this.products.get(identifier);
		if (!found) throw new ItemError(`Product "${identifier}" is not in the Memory catalog`);
		return found;
	}

	async readLines(agreementId: number): Promise<PsaLine[]> {
		return await this.call('readLines', agreementId, `read ${agreementId}`, () => this.linesOf(agreementId));
	}

	async createLine(agreementId: number, line: NewLine, productIdentifier: string): Promise<PsaLine> {
		return await this.call('createLine', agreementId, `create ${line.kind} ${productIdentifier} ${line.marker}`, () =>
			this.addLine(agreementId, {
				productIdentifier,
				productId: line.product.id,
				quantity: line.quantity,
				lessIncluded: line.lessIncluded,
				unitPrice: line.unitPrice,
				billCustomer: line.billCustomer,
				invoiceDescription: line.invoiceDescription,
				effectiveDate: line.effectiveDate,
				cancelledDate: line.cancelledDate,
				marker: line.marker,
			}),
		);
	}

	async changeLine(agreementId: number, line: PsaLine, _before: LineValues, after: LineValues): Promise<PsaLine> {
		return await this.call('changeLine', agreementId, `change ${line.id}`, () => {
			const stored = this.find(agreementId, line.id);
			Object.assign(stored, {
				quantity: after.quantity,
				lessIncluded: after.lessIncluded,
				unitPrice: after.unitPrice,
				billCustomer: after.billCustomer,
				invoiceDescription: after.invoiceDescription,
				marker: after.marker,
			});
			return strip(stored);
		});
	}

	async cancelLine(agreementId: number, lineId: number, cancelledDate: string | null, _product: string, restore: boolean): Promise<void> {
		await this.call('cancelLine', agreementId, `${restore ? 'restore' : 'cancel'} ${lineId}`, () => {
			this.find(agreementId, lineId).cancelledDate = cancelledDate;
		});
	}

	async deleteLine(agreementId: number, lineId: number): Promise<void> {
		await this.call('deleteLine', agreementId, `delete ${lineId}`, () => {
			this.find(agreementId, lineId);
			this.lines = this.lines.filter((l) => l.id !== lineId);
		});
	}

	refusedForGood(error: unknown): boolean {
		return error instanceof ApiError && error.status !== undefined && error.status >= 400 && error.status < 500;
	}

	private find(agreementId: number, lineId: number): PsaLine & { agreementId: number } {
		const found = this.lines.find((l) => l.agreementId === agreementId && l.id === lineId);
		if (!found) throw apiError(404, `find line ${lineId}`);
		return found;
	}
}

function strip(line: PsaLine & { agreementId: number }): PsaLine {
	const copy: Partial<PsaLine & { agreementId: number }> = { ...line };
	delete copy.agreementId;
	return copy as PsaLine;
}

/**
 * A PSA that reads agreements in groups of `size` (#17), as Autotask's `in` lists do: one
 * `readGroup` call answers the lines of every agreement of the group. `agreementId` of a
 * counted group read is its first agreement; `detail` lists them all.
 */
export class GroupStore extends MemoryStore {
	constructor(private readonly size: number) {
		super();
	}

	async readGroups(agreementIds: readonly number[]): Promise<number[][]> {
		const groups: number[][] = [];
		for (let i = 0; i < agreementIds.length; i += this.size) groups.push(agreementIds.slice(i, i + this.size));
		return groups;
	}

	async readGroup(agreementIds: readonly number[]): Promise<Map<number, PsaLine[]>> {
		return await this.call('readGroup', agreementIds[0], `read group ${agreementIds.join(',')}`, () => new Map(agreementIds.map((id) => [id, this.linesOf(id)])));
	}
}
