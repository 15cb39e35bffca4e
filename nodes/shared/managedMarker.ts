/**
 * Marks the ConnectWise agreement additions this package owns, written to the addition's
 * `serialNumber`. That field is short (50 characters), rarely used for licences, shown in
 * the PSA next to the line, and survives people editing the description or price — so the
 * sync recognises its own lines without touching anything a person typed. Documented in
 * the README: remove the marker to take a line out of the sync, set it to adopt one.
 */
export const MANAGED_MARKER = 'm365-license-sync';

/**
 * Marks a prorate line (the delta from the change day to the end of the billing period).
 * Different from MANAGED_MARKER so a prorate line is never mistaken for the product's line.
 */
export const PRORATE_MARKER = 'm365-license-sync-prorate';
