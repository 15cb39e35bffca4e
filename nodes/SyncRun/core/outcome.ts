/** What the executions list shows for a sync (n8n execution custom data) and whether the run counts as failed. */
export interface SyncOutcome {
	/** `clean`, `heldForApproval` (nothing failed, some changes wait for a person), `failures`, `busy` (another sync held the lock). */
	status: 'clean' | 'heldForApproval' | 'failures' | 'busy';
	changes: number;
	held: number;
	notSynced: number;
	failed: number;
	/** One line for the executions list and the error of a run that ends in error. */
	text: string;
}

const n = (value: unknown): number => Number(value) || 0;

/**
 * The outcome of a summary (with or without batches). A failed write, a read that failed, or a
 * tenant whose batch did not finish makes the run `failures`: it must not look like a clean run.
 */
export function outcomeOf(summary: { status?: unknown; counts?: Record<string, unknown> } | undefined): SyncOutcome {
	const counts = summary?.counts ?? {};
	const changes = n(counts.create) + n(counts.update);
	const held = n(counts.needsApproval);
	const notSynced = n(counts.notSynced) + n(counts.couldNotSync);
	const failed = n(counts.failed) + n(counts.couldNotRead) + n(counts.couldNotSync);
	if (summary?.status === 'busy') return { status: 'busy', changes: 0, held: 0, notSynced: 0, failed: 0, text: 'another sync was running: nothing was read or written' };
	const incomplete = summary?.status !== 'ran';
	const status = failed > 0 || incomplete ? 'failures' : held > 0 ? 'heldForApproval' : 'clean';
	const parts = [`${changes} changes`, `${held} held for approval`, `${notSynced} not synced`, `${failed} failed or could not be read`];
	return { status, changes, held, notSynced, failed, text: `${incomplete ? 'sync incomplete' : 'sync'}: ${parts.join(', ')}` };
}
