/**
 * Apply's per-item result in ConnectWise's words: the seam's line values carry the marker as
 * `marker`; the ConnectWise node reports it as `serialNumber`, where ConnectWise keeps it.
 */
import type { ApplyResult as NeutralResult, LineValues as NeutralValues } from '../../../shared/psa/contracts';

export type { CancelResult, ProrateResult } from '../../../shared/psa/contracts';

export interface LineValues {
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	effectiveDate: string | null;
	serialNumber: string | null;
}

export type ApplyResult = Omit<NeutralResult, 'before' | 'after'> & { before: LineValues | null; after: LineValues | null };

export function cwValues(values: NeutralValues): LineValues;
export function cwValues(values: NeutralValues | null): LineValues | null;
export function cwValues(values: NeutralValues | null): LineValues | null {
	if (values === null) return null;
	const { marker, ...rest } = values;
	return { ...rest, serialNumber: marker };
}

export function cwResult(result: NeutralResult): ApplyResult {
	return { ...result, before: cwValues(result.before), after: cwValues(result.after) };
}

type Changeable = 'quantity' | 'lessIncluded' | 'unitPrice' | 'billCustomer' | 'invoiceDescription' | 'serialNumber';
const CHANGEABLE: Changeable[] = ['quantity', 'lessIncluded', 'unitPrice', 'billCustomer', 'invoiceDescription', 'serialNumber'];

/** JSON Patch for the fields that differ between what is there and what the plan wants. */
export function patchFor(before: LineValues, after: LineValues): Array<{ op: 'replace'; path: string; value: unknown }> {
	return CHANGEABLE.filter((f) => before[f] !== after[f]).map((f) => ({ op: 'replace', path: f, value: after[f] }));
}
