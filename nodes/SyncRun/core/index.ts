export { splitIntoBatches } from './split';
export { addUpBatches } from './addUp';
export { outcomeOf, type SyncOutcome } from './outcome';
export type { AddUpOptions, BatchOutcome, BatchRow, CombinedSummary, PlannedBatch, RunSummary, ScopeForBatches } from './types';
export { psaOfRow, scopeOfRun } from './scope';
export { dayIn, summarizeRun, type RunSummaryItem, type StepOutputs, type SummaryOptions } from './summary';
export { PSAS, type Psa, type RunScope, type ScopeInput, type ScopeRow } from './scopeTypes';
export { intentRow, routed, plansToApply, resultRow, resultRows, type IntentRow, type ResultRow } from './audit';
export { approvalChanges, approvalRow, type ApprovalChanges, type ApprovalRow, type Supersede } from './approvals';
