import type { LineRow } from './psa/contracts';

/**
 * An agreement addition (a ConnectWise invoice line) as the ConnectWise PSA node emits it and
 * License Reconcile reads it: the PSA-neutral line row (`psa/contracts.ts`) with ConnectWise's
 * marker field, the serial number, always present. Dates are YYYY-MM-DD.
 */
export type Addition = Omit<LineRow, 'kind' | 'marker' | 'markerLabel' | 'serialNumber'> & {
	serialNumber: string | null;
};
