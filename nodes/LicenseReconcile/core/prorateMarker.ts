import { PRORATE_MARKER } from '../../shared/managedMarker';
import { fnv1a } from './key';

/**
 * C3: a prorate line's serial number names the change it bills, so the same change is
 * prorated once (a re-run after a crash finds it) and two changes on one day are two lines.
 * Pure, so the ConnectWise node can call it (or mirror it) and agree byte for byte.
 */
/**
 * The line's state a change starts from: ConnectWise's last-updated stamp of the line (it moves
 * only when the line is written), else the reference date. With the stamp, a change whose
 * prorate line was written but whose update failed keeps its id on later days, so it is found
 * and never prorated twice; a later change of the same size starts from a new stamp.
 */
export function lineState(additionId: number, lastUpdated: string | null | undefined, referenceDate: string): string {
	return lastUpdated ? `${additionId}@${lastUpdated}` : referenceDate;
}

export function prorateChangeId(lineKey: string, billedBefore: number, billedAfter: number, state: string): string {
	return fnv1a(`${lineKey}|${billedBefore}->${billedAfter}|${state}`);
}

/** `m365-license-sync-prorate#<8 hex>` (34 characters; ConnectWise allows 50). */
export function prorateSerial(changeId: string): string {
	return `${PRORATE_MARKER}#${changeId}`;
}
