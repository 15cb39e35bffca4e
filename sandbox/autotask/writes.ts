/**
 * The writes an Autotask sync makes, validated as the sandbox reads Autotask's rules:
 * a service added to a contract (ContractServices, child of Contracts), its invoice and
 * internal description changed, and its units changed only by a ContractServiceAdjustment
 * (create-only, a delta `unitChange` from an `effectiveDate`).
 */
import { isoDay } from '../data/dates';
import { currentPeriod } from './seed';
import type { AtContract, AtContractService, AutotaskState } from './types';

/** Field lengths the sandbox enforces (its reading: the real lengths come from `/ContractServices/entityInformation/fields`). */
export const INVOICE_DESCRIPTION_MAX = 1000;
export const INTERNAL_DESCRIPTION_MAX = 1000;

type Body = Record<string, unknown>;
export type WriteResult = { itemId: number } | { errors: string[]; status: number };

const day = (value: unknown): string | undefined => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined);

function descriptionErrors(body: Body): string[] {
	const errors: string[] = [];
	for (const [field, max] of [['invoiceDescription', INVOICE_DESCRIPTION_MAX], ['internalDescription', INTERNAL_DESCRIPTION_MAX]] as const) {
		const value = body[field];
		if (value !== undefined && value !== null && typeof value !== 'string') errors.push(`${field} must be text.`);
		if (typeof value === 'string' && value.length > max) errors.push(`${field} is longer than ${max} characters.`);
	}
	return errors;
}

export function addContractService(state: AutotaskState, contract: AtContract, body: Body, today: string): WriteResult {
	const serviceID = Number(body.serviceID);
	const service = state.services.find((candidate) => candidate.id === serviceID);
	const errors = descriptionErrors(body);
	if (!service) errors.push(`serviceID ${String(body.serviceID ?? '(missing)')} is not a service.`);
	else if (!service.isActive) errors.push(`Service ${service.id} is inactive.`);
	if (body.unitPrice === undefined || body.unitPrice === null || !Number.isFinite(Number(body.unitPrice))) errors.push('unitPrice is required.');
	if (contract.status !== 1) errors.push(`Contract ${contract.id} is inactive.`);
	if (!errors.length && state.contractServices.some((existing) => existing.contractID === contract.id && existing.serviceID === serviceID) && body.allowRepeatService !== true) {
		errors.push(`Service ${serviceID} is already on contract ${contract.id}.`);
	}
	if (errors.length) return { status: 500, errors };
	const record: AtContractService = {
		id: state.nextId.contractService++,
		contractID: contract.id,
		serviceID,
		unitPrice: Number(body.unitPrice),
		unitCost: body.unitCost === undefined || body.unitCost === null ? service!.unitCost : Number(body.unitCost),
		invoiceDescription: typeof body.invoiceDescription === 'string' ? body.invoiceDescription : null,
		internalDescription: typeof body.internalDescription === 'string' ? body.internalDescription : null,
		quoteItemID: null,
	};
	state.contractServices.push(record);
	// A new service starts with no units; an adjustment sets them (the sandbox's reading of the REST model, which has no units field).
	const period = currentPeriod(contract, today);
	state.contractServiceUnits.push({
		id: state.nextId.unit++,
		contractID: contract.id,
		contractServiceID: record.id,
		serviceID,
		units: 0,
		startDate: isoDay(period.start),
		endDate: isoDay(period.end),
		price: record.unitPrice,
		cost: record.unitCost,
		approveAndPostDate: null,
	});
	return { itemId: record.id };
}

export function updateContractService(state: AutotaskState, contract: AtContract, body: Body): WriteResult {
	const id = Number(body.id);
	const record = state.contractServices.find((candidate) => candidate.id === id && candidate.contractID === contract.id);
	if (!record) return { status: 404, errors: [`Contract service ${String(body.id ?? '(missing id)')} is not on contract ${contract.id}.`] };
	const errors = descriptionErrors(body);
	if (body.serviceID !== undefined && Number(body.serviceID) !== record.serviceID) errors.push('serviceID cannot be changed.');
	if (errors.length) return { status: 500, errors };
	if (body.invoiceDescription !== undefined) record.invoiceDescription = (body.invoiceDescription as string | null) ?? null;
	if (body.internalDescription !== undefined) record.internalDescription = (body.internalDescription as string | null) ?? null;
	if (body.unitPrice !== undefined) record.unitPrice = Number(body.unitPrice);
	if (body.unitCost !== undefined) record.unitCost = Number(body.unitCost);
	return { itemId: record.id };
}

export function adjustUnits(state: AutotaskState, contract: AtContract, body: Body, today: string, resourceID: number): WriteResult {
	const errors: string[] = [];
	const unitChange = Number(body.unitChange);
	if (!Number.isInteger(unitChange) || unitChange === 0) errors.push('unitChange must be a whole number other than 0.');
	const effective = day(body.effectiveDate);
	if (!effective) errors.push('effectiveDate is required.');
	const service = body.contractServiceID !== undefined
		? state.contractServices.find((candidate) => candidate.id === Number(body.contractServiceID))
		: state.contractServices.find((candidate) => candidate.contractID === contract.id && candidate.serviceID === Number(body.serviceID));
	if (!service || service.contractID !== contract.id) errors.push(`Contract service ${String(body.contractServiceID ?? body.serviceID ?? '(missing)')} is not on contract ${contract.id}.`);
	if (contract.status !== 1) errors.push(`Contract ${contract.id} is inactive.`);
	if (effective) {
		const period = currentPeriod(contract, today);
		if (effective < contract.startDate.slice(0, 10) || effective > contract.endDate.slice(0, 10)) errors.push(`effectiveDate ${effective} is outside the contract's dates.`);
		// A billed (earlier) period cannot change any more.
		else if (effective < period.start) errors.push(`effectiveDate ${effective} is before the current period (${period.start}).`);
	}
	if (errors.length) return { status: 500, errors };
	const rows = state.contractServiceUnits.filter((row) => row.contractServiceID === service!.id && row.endDate.slice(0, 10) >= effective!);
	if (rows.some((row) => row.units + unitChange < 0)) return { status: 500, errors: [`The adjustment would leave contract service ${service!.id} with fewer than 0 units.`] };
	for (const row of rows) row.units += unitChange;
	const adjustment = {
		id: state.nextId.adjustment++,
		contractID: contract.id,
		contractServiceID: service!.id,
		serviceID: service!.serviceID,
		unitChange,
		effectiveDate: isoDay(effective!),
		adjustedUnitPrice: body.adjustedUnitPrice === undefined || body.adjustedUnitPrice === null ? null : Number(body.adjustedUnitPrice),
		adjustedUnitCost: body.adjustedUnitCost === undefined || body.adjustedUnitCost === null ? null : Number(body.adjustedUnitCost),
		resourceID,
	};
	state.adjustments.push(adjustment);
	return { itemId: adjustment.id };
}
