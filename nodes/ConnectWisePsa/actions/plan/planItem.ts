/**
 * Reads one plan item (from License Reconcile, or typed by hand) into what Apply
 * writes. Pure: every value is checked here, before any request, so a bad item
 * fails whole.
 */
import { isProrateSerial, PRORATE_MARKER } from '../../../shared/managedMarker';
import * as check from '../../helpers/checks';
import { ItemError, positiveInteger } from '../../helpers/parameters';

export interface ProrateTarget {
	quantity: number;
	from: string;
	to: string;
	invoiceDescription: string;
	/** `m365-license-sync-prorate#<change id>` names the change (contract C3); the bare marker comes from older plans. */
	serialNumber: string;
	changeId: string | null;
}

export interface ApplyItem {
	action: 'create' | 'update';
	key: string | null;
	lineKey: string | null;
	tenantId: string | null;
	/** The company the tenant is mapped to: Apply refuses an agreement of another company. */
	companyId: number | null;
	companyName: string | null;
	agreementId: number;
	additionId: number | null;
	productIdentifier: string;
	quantity: number;
	lessIncluded: number;
	invoiceDescription: string;
	effectiveDate: string;
	billCustomer: check.BillCustomerValue;
	unitPrice: number | null;
	currentQuantity: number | null;
	prorateCurrentPeriod: boolean;
	prorate: ProrateTarget | null;
	/** Update an unmarked line and mark it as managed (a person chose to adopt it). */
	adopt: boolean;
	/** Manual lines a person chose to replace: cancelled (as read: same quantity) before the line is written. */
	cancelAdditions: CancelTarget[];
	/** A person chose a second line beside the manual ones, knowing the customer is billed for both. */
	secondLine: boolean;
	reasons: string[];
}

export interface CancelTarget {
	additionId: number;
	/** The quantity the decision was made on: a line changed since is not cancelled. */
	quantity: number;
}

export interface PassThrough {
	action: string;
	key: string | null;
	lineKey: string | null;
	tenantId: string | null;
	agreementId: number | null;
	additionId: number | null;
	productIdentifier: string | null;
	reasons: string[];
}

export type ParsedPlanItem = { kind: 'write'; item: ApplyItem } | { kind: 'pass'; item: PassThrough };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const optionalId = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) && Number(v) > 0 ? Number(v) : null);

function reasons(v: unknown): string[] {
	return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
}

function prorate(value: unknown): ProrateTarget | null {
	if (value === undefined || value === null || value === false) return null;
	if (typeof value !== 'object') throw new ItemError('prorate must be an object { quantity, from, to }');
	const p = value as Record<string, unknown>;
	const from = check.day(p.from, 'prorate.from');
	const to = check.day(p.to, 'prorate.to');
	if (to < from) throw new ItemError(`prorate.to (${to}) is before prorate.from (${from})`);
	return {
		// Decreases are negative lines: a credit for the rest of the period.
		quantity: check.quantity(p.quantity, 'prorate.quantity', true),
		from,
		to,
		invoiceDescription: check.invoiceDescription(p.invoiceDescription),
		serialNumber: prorateSerial(p.serialNumber),
		changeId: text(p.changeId),
	};
}

function prorateSerial(value: unknown): string {
	const serial = text(value);
	if (serial === null) return PRORATE_MARKER;
	if (!isProrateSerial(serial)) throw new ItemError(`prorate.serialNumber "${serial}" is not a prorate marker (${PRORATE_MARKER}#<change id>)`);
	return check.serialNumber(serial);
}

function cancelTargets(value: unknown, action: string, adopt: boolean, additionId: number | null): CancelTarget[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new ItemError('cancelAdditions must be a list of { additionId, quantity }');
	if (value.length > 0 && action !== 'create' && !adopt) throw new ItemError('cancelAdditions goes with a create or an adopting update only');
	const targets = value.map((entry, index): CancelTarget => {
		if (typeof entry !== 'object' || entry === null) throw new ItemError(`cancelAdditions[${index}] must be an object { additionId, quantity }`);
		const e = entry as Record<string, unknown>;
		return { additionId: positiveInteger(e.additionId, `cancelAdditions[${index}].additionId`), quantity: check.quantity(e.quantity, `cancelAdditions[${index}].quantity`) };
	});
	const ids = targets.map((t) => t.additionId);
	const twice = ids.find((id, index) => ids.indexOf(id) !== index);
	if (twice !== undefined) throw new ItemError(`cancelAdditions names addition ${twice} twice`);
	if (additionId !== null && ids.includes(additionId)) throw new ItemError(`cancelAdditions names addition ${additionId}, the line this item writes`);
	return targets;
}

export function parsePlanItem(json: Record<string, unknown>): ParsedPlanItem {
	const action = text(json.action) ?? '';
	const base = {
		key: text(json.key),
		lineKey: text(json.lineKey),
		tenantId: text(json.tenantId),
		reasons: reasons(json.reasons),
	};
	if (action !== 'create' && action !== 'update') {
		return {
			kind: 'pass',
			item: { action: action || 'unknown', ...base, agreementId: optionalId(json.agreementId), additionId: optionalId(json.additionId), productIdentifier: text(json.productIdentifier) },
		};
	}
	const productIdentifier = text(json.productIdentifier);
	if (!productIdentifier) throw new ItemError('The plan item has no productIdentifier');
	const unitPrice = json.unitPrice === undefined || json.unitPrice === null ? null : check.quantity(json.unitPrice, 'Unit price');
	const additionId = action === 'update' ? positiveInteger(json.additionId, 'additionId') : null;
	const adopt = json.adopt === true;
	return {
		kind: 'write',
		item: {
			action,
			...base,
			companyId: json.companyId === undefined || json.companyId === null || json.companyId === '' ? null : positiveInteger(json.companyId, 'companyId'),
			companyName: text(json.companyName),
			agreementId: positiveInteger(json.agreementId, 'agreementId'),
			additionId,
			productIdentifier,
			quantity: check.quantity(json.quantity, 'Quantity'),
			lessIncluded: check.quantity(json.lessIncluded ?? 0, 'lessIncluded'),
			invoiceDescription: check.invoiceDescription(json.invoiceDescription),
			effectiveDate: check.day(json.effectiveDate, 'effectiveDate'),
			billCustomer: check.billCustomer(json.billCustomer ?? 'Billable'),
			unitPrice,
			currentQuantity: json.currentQuantity === undefined || json.currentQuantity === null ? null : check.quantity(json.currentQuantity, 'currentQuantity'),
			prorateCurrentPeriod: json.prorateCurrentPeriod === true,
			prorate: prorate(json.prorate),
			adopt,
			cancelAdditions: cancelTargets(json.cancelAdditions, action, adopt, additionId),
			secondLine: json.secondLine === true,
		},
	};
}
