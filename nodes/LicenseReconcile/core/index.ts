/** The License Reconcile core: plain data in, plan out. Importable by other nodes (PlanItem). */
export * from './types';
export { DEFAULT_OPTIONS, resolveOptions, type GuardAction, type ReconcileOptions, type ReconcileOptionsInput } from './options';
export { reconcile, planEntries } from './reconcile';
export { splitPlan } from './outputs';
export { buildDescription, normalizeUsernames } from './description';
export { billingPeriodEnd } from './prorate';
export { MANAGED_MARKER, PRORATE_MARKER } from '../../shared/managedMarker';
export { prorateChangeId, prorateSerial } from './prorateMarker';
export { failureText } from './readFailures';
