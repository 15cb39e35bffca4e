/**
 * Units change only through a ContractServiceAdjustment: create-only, a delta (`unitChange`)
 * from an effective date. So the delta is always worked out from units read right before
 * the adjustment, and when the units already are the target nothing is posted — a rerun of
 * the same change posts nothing.
 */
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
