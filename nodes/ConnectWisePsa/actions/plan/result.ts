/** The per-item result of Apply, shaped for an audit table row. */
import { day } from '../../shapes/dates';
import type { CwAddition } from '../../shapes/types';
import type { CancelResult } from './manualLines';

export interface LineValues {
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	effectiveDate: string | null;
	serialNumber: string | null;
}

export interface ProrateResult {
	additionId: number | null;
	quantity: number;
	from: string;
	to: string;
	/** The change-identifying marker the line carries (contract C3). */
	serialNumber: string;
	/** Written by this call. */
	applied: boolean;
	/** Written by this call and deleted again because the line change it stands for was refused. */
	removed?: boolean;
}

export interface ApplyResult {
	action: string;
	key: string | null;
	lineKey: string | null;
	tenantId: string | null;
	agreementId: number | null;
	additionId: number | null;
	productIdentifier: string | null;
	before: LineValues | null;
	after: LineValues | null;
	prorate: ProrateResult | null;
	/** Manual lines this item replaces (cancelled before the write), when the plan chose that. */
	cancelled?: CancelResult[];
	applied: boolean;
	dryRun: boolean;
	reasons: string[];
}

export function lineValues(a: CwAddition): LineValues {
	return {
		quantity: a.quantity ?? 0,
		lessIncluded: a.lessIncluded ?? 0,
		unitPrice: a.unitPrice ?? null,
		billCustomer: a.billCustomer ?? null,
		invoiceDescription: a.invoiceDescription ?? '',
		effectiveDate: day(a.effectiveDate),
		serialNumber: a.serialNumber?.trim() || null,
	};
}

type Changeable = 'quantity' | 'lessIncluded' | 'unitPrice' | 'billCustomer' | 'invoiceDescription' | 'serialNumber';
const CHANGEABLE: Changeable[] = ['quantity', 'lessIncluded', 'unitPrice', 'billCustomer', 'invoiceDescription', 'serialNumber'];

/** JSON Patch for the fields that differ between what is there and what the plan wants. */
export function patchFor(before: LineValues, after: LineValues): Array<{ op: 'replace'; path: string; value: unknown }> {
	return CHANGEABLE.filter((f) => before[f] !== after[f]).map((f) => ({ op: 'replace', path: f, value: after[f] }));
}
