/** What the core's summary item holds (Sync now answers it), as the e2e files read it. */
export interface SyncSummary {
	status: 'ran' | 'busy';
	dryRun: boolean;
	waitedSeconds: number;
	referenceDate?: string;
	timeZone?: string;
	counts: Record<'tenants' | 'links' | 'create' | 'update' | 'unchanged' | 'needsApproval' | 'notSynced' | 'couldNotRead' | 'failed', number>;
	changes: Array<{ action: string; applied: boolean; agreementId: number; product: string; before: number | null; after: number | null; description: string | null }>;
	needsApproval: Array<{ key: string; agreementId: number; product: string; action: string; after: number | null; reasons: string[] }>;
	notSynced: Array<{ action: string; agreementId: number | null; tenantId: string; reasons: string[] }>;
	couldNotRead: Array<{ tenantId?: string | null; agreementId?: number | null; error: string }>;
	failed: Array<{ reasons: string[] }>;
	text: string;
}

/** Wall times of named steps, printed by each e2e file at the end. */
export function stopwatch(): { timings: Record<string, number>; timed: <T>(label: string, run: () => Promise<T>) => Promise<T> } {
	const timings: Record<string, number> = {};
	async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
		const started = Date.now();
		try {
			return await run();
		} finally {
			timings[label] = Date.now() - started;
		}
	}
	return { timings, timed };
}
