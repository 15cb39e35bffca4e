/**
 * Units change only through a ContractServiceAdjustment: create-only, a delta (`unitChange`)
 * from an effective date. So the delta is always worked out from units read right before
 * the adjustment, and when the units already are the target nothing is posted — a rerun of
 * the same change posts nothing.
 */
import { ItemError } from '../../shared/itemError';
import type { AutotaskClient } from '../transport';
import { eq } from '../transport';
import { currentUnits } from '../shapes/records';
import type { AtContractServiceUnit } from '../shapes/types';

export interface UnitChange {
	contractServiceId: number;
	before: number;
	after: number;
	unitChange: number;
	effectiveDate: string;
	/** An adjustment was posted (false: the units already were the target). */
	posted: boolean;
	adjustmentId: number | null;
}

export async function readUnits(client: AutotaskClient, contractServiceId: number, today: string): Promise<number> {
	const rows = await client.query<AtContractServiceUnit>('ContractServiceUnits', [eq('contractServiceID', contractServiceId)], { action: `read the units of contract service ${contractServiceId}` });
	return currentUnits(rows, today).units;
}

/** Posts the adjustment from `current` (units read right before) to `target`; nothing when equal. */
export async function adjustTo(client: AutotaskClient, contractId: number, contractServiceId: number, current: number, target: number, effectiveDate: string): Promise<UnitChange> {
	const unitChange = target - current;
	const change = { contractServiceId, before: current, after: target, unitChange, effectiveDate };
	if (unitChange === 0) return { ...change, posted: false, adjustmentId: null };
	const adjustmentId = await client.create(
		`/Contracts/${contractId}/ServiceAdjustments`,
		{ contractID: contractId, contractServiceID: contractServiceId, unitChange, effectiveDate },
		`change the units of contract service ${contractServiceId} from ${current} to ${target}`,
	);
	return { ...change, posted: true, adjustmentId };
}

/**
 * Apply's adjustment (#16, #17): the units are read again right before the adjustment, because
 * the delta is worked out from them. Apply reads contracts in groups, so seconds can pass
 * between that read and this write; a person's adjustment in between would make a delta from
 * the group's read bill the wrong units. When the units are no longer `expected` nothing is
 * posted and the item is refused (the next run plans from what Autotask has then).
 */
export async function adjustFromExpected(
	client: AutotaskClient,
	contractId: number,
	contractServiceId: number,
	expected: number,
	target: number,
	effectiveDate: string,
	today: string,
): Promise<UnitChange> {
	const current = await readUnits(client, contractServiceId, today);
	if (current !== expected) {
		throw new ItemError(
			`Contract service ${contractServiceId} on contract ${contractId} changed since it was read: ${expected} units then, ${current} now; no adjustment was posted`,
			'Someone changed its units in Autotask during this run; the next sync plans from the units Autotask has then',
		);
	}
	return await adjustTo(client, contractId, contractServiceId, current, target, effectiveDate);
}
