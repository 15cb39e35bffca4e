export { splitIntoBatches } from './split';
export { addUpBatches } from './addUp';
export { outcomeOf, type SyncOutcome } from './outcome';
export type { AddUpOptions, BatchOutcome, BatchRow, CombinedSummary, PlannedBatch, RunSummary, ScopeForBatches } from './types';
