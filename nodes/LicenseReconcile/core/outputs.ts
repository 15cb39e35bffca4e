import type { PlanAction, PlanItem, PlanOutputs } from './types';

const OUTPUT_OF: Record<PlanAction, keyof PlanOutputs<unknown>> = {
	create: 'changes',
	update: 'changes',
	unchanged: 'unchanged',
	needsApproval: 'needsApproval',
	unlinked: 'notSynced',
	conflict: 'notSynced',
	skip: 'notSynced',
	readFailed: 'notSynced',
};

/** Splits plan entries (or items) into the node's four outputs, keeping their order. */
export function splitPlan<T>(entries: T[], itemOf: (entry: T) => PlanItem): PlanOutputs<T> {
	const outputs: PlanOutputs<T> = { changes: [], unchanged: [], needsApproval: [], notSynced: [] };
	for (const entry of entries) outputs[OUTPUT_OF[itemOf(entry).action]].push(entry);
	return outputs;
}
