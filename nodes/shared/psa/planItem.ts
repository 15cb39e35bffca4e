/**
 * Reads one plan item (from License Reconcile, or typed by hand) into what Apply writes,
 * for any PSA. Pure: every value is checked here, before any request, so a bad item
 * fails whole.
 */
import { ItemError } from '../itemError';
import { isProrateSerial, PRORATE_MARKER } from '../managedMarker';
import type { CancelTarget, ParsedPlanItem, ProrateTarget, PsaLimits } from './contracts';
import * as values from './values';
import { positiveInteger } from './values';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const optionalId = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) && Number(v) > 0 ? Number(v) : null);

function reasons(v: unknown): string[] {
	return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
}

function prorate(value: unknown, limits: PsaLimits): ProrateTarget | null {
	if (value === undefined || value === null || value === false) return null;
	if (typeof value !== 'object') throw new ItemError('prorate must be an object { quantity, from, to }');
	const p = value as Record<string, unknown>;
	const from = values.day(p.from, 'prorate.from');
	const to = values.day(p.to, 'prorate.to');
	if (to < from) throw new ItemError(`prorate.to (${to}) is before prorate.from (${from})`);
	return {
		// Decreases are negative lines: a credit for the rest of the period.
		quantity: values.quantity(p.quantity, 'prorate.quantity', true),
		from,
		to,
		invoiceDescription: values.invoiceDescription(p.invoiceDescription, limits),
		serialNumber: prorateSerial(p.serialNumber, limits),
		changeId: text(p.changeId),
	};
}

function prorateSerial(value: unknown, limits: PsaLimits): string {
	const serial = text(value);
	if (serial === null) return PRORATE_MARKER;
	if (!isProrateSerial(serial)) throw new ItemError(`prorate.serialNumber "${serial}" is not a prorate marker (${PRORATE_MARKER}#<change id>)`);
	return values.marker(serial, limits);
}

function cancelTargets(value: unknown, action: string, adopt: boolean, additionId: number | null): CancelTarget[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new ItemError('cancelAdditions must be a list of { additionId, quantity }');
	if (value.length > 0 && action !== 'create' && !adopt) throw new ItemError('cancelAdditions goes with a create or an adopting update only');
	const targets = value.map((entry, index): CancelTarget => {
		if (typeof entry !== 'object' || entry === null) throw new ItemError(`cancelAdditions[${index}] must be an object { additionId, quantity }`);
		const e = entry as Record<string, unknown>;
		return { additionId: positiveInteger(e.additionId, `cancelAdditions[${index}].additionId`), quantity: values.quantity(e.quantity, `cancelAdditions[${index}].quantity`) };
	});
	const ids = targets.map((t) => t.additionId);
	const twice = ids.find((id, index) => ids.indexOf(id) !== index);
	if (twice !== undefined) throw new ItemError(`cancelAdditions names addition ${twice} twice`);
	if (additionId !== null && ids.includes(additionId)) throw new ItemError(`cancelAdditions names addition ${additionId}, the line this item writes`);
	return targets;
}

/** One plan item checked against the PSA's limits; anything but create/update passes through. */
export function parsePlanItem(json: Record<string, unknown>, limits: PsaLimits): ParsedPlanItem {
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
	const unitPrice = json.unitPrice === undefined || json.unitPrice === null ? null : values.quantity(json.unitPrice, 'Unit price');
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
			quantity: values.quantity(json.quantity, 'Quantity'),
			lessIncluded: values.quantity(json.lessIncluded ?? 0, 'lessIncluded'),
			invoiceDescription: values.invoiceDescription(json.invoiceDescription, limits),
			effectiveDate: values.day(json.effectiveDate, 'effectiveDate'),
			billCustomer: values.billCustomer(json.billCustomer ?? limits.billCustomerValues[0], limits),
			unitPrice,
			currentQuantity: json.currentQuantity === undefined || json.currentQuantity === null ? null : values.quantity(json.currentQuantity, 'currentQuantity'),
			prorateCurrentPeriod: json.prorateCurrentPeriod === true,
			prorate: prorate(json.prorate, limits),
			adopt,
			cancelAdditions: cancelTargets(json.cancelAdditions, action, adopt, additionId),
			secondLine: json.secondLine === true,
		},
	};
}

/**
 * The agreements the plan's create/update items write to, in plan order, each once (#17:
 * Apply reads them a group at a time). An item with no valid agreement id is left out: it
 * fails on its own when Apply parses it.
 */
export function plannedAgreements(items: ReadonlyArray<{ json: Record<string, unknown> }>): number[] {
	const ids = new Set<number>();
	for (const { json } of items) {
		const action = text(json.action);
		const id = action === 'create' || action === 'update' ? optionalId(json.agreementId) : null;
		if (id !== null) ids.add(id);
	}
	return [...ids];
}
