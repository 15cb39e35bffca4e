import { MANAGED_MARKER, PRORATE_MARKER } from '../../shared/managedMarker';
import { fnv1a } from './key';

/**
 * C3: a prorate line's serial number names the change it bills, so the same change is
 * prorated once (a re-run after a crash finds it) and two changes on one day are two lines.
 * Pure, so the ConnectWise node can call it (or mirror it) and agree byte for byte.
 */
export function prorateChangeId(lineKey: string, billedBefore: number, billedAfter: number, referenceDate: string): string {
	return fnv1a(`${lineKey}|${billedBefore}->${billedAfter}|${referenceDate}`);
}

/** `m365-license-sync-prorate#<8 hex>` (34 characters; ConnectWise allows 50). */
export function prorateSerial(changeId: string): string {
	return `${PRORATE_MARKER}#${changeId}`;
}

/** Markers are compared trimmed and without case: people retype them in the PSA. */
export function normalizeMarker(serialNumber: string | null | undefined): string {
	return (serialNumber ?? '').trim().toLowerCase();
}

export function isManagedMarker(serialNumber: string | null | undefined): boolean {
	return normalizeMarker(serialNumber) === MANAGED_MARKER;
}

/** The bare marker of older versions, or the marker with a change id: never the product's line. */
export function isProrateMarker(serialNumber: string | null | undefined): boolean {
	const marker = normalizeMarker(serialNumber);
	return marker === PRORATE_MARKER || marker.startsWith(`${PRORATE_MARKER}#`);
}

export function sameMarker(a: string | null | undefined, b: string | null | undefined): boolean {
	return normalizeMarker(a) === normalizeMarker(b);
}
