/** Shapes of a sync split into batches (issue #17): the parent's scope in, batch rows and one summary out. */

/** What the split needs of the core's "Scope of this run" item. */
export interface ScopeForBatches {
	tenants: Array<{ tenantId: string }>;
	links: Array<{ tenantId: string; agreementId?: unknown; companyId?: unknown }>;
	/** Links the scope could not sync (e.g. a tenant mapped to no company): their tenant must be in a batch too, so the batch reports them. */
	notSynced?: Array<{ tenantId?: string | null }>;
	companiesOf?: Record<string, Array<{ companyId: unknown }>>;
}

export interface PlannedBatch {
	batchNo: number;
	batchCount: number;
	tenantIds: string[];
}

/** A row of m365_sync_batches as the parent reads it back. */
export interface BatchRow {
	batchNo?: unknown;
	batchCount?: unknown;
	tenantIds?: unknown;
	status?: unknown;
	summary?: unknown;
	error?: unknown;
	startError?: unknown;
	executionId?: unknown;
}

export type Counts = Record<'tenants' | 'links' | 'create' | 'update' | 'unchanged' | 'needsApproval' | 'notSynced' | 'couldNotRead' | 'failed', number>;

/** The core's summary of one run (the "Summary" node's item); lists are passed through as they are. */
export interface RunSummary {
	status: string;
	dryRun?: boolean;
	referenceDate?: string;
	timeZone?: string;
	counts: Counts;
	changes: Array<Record<string, unknown>>;
	needsApproval: Array<Record<string, unknown>>;
	notSynced: Array<Record<string, unknown>>;
	couldNotRead: Array<Record<string, unknown>>;
	failed: Array<Record<string, unknown>>;
	text?: string;
	message?: string;
}

export interface BatchOutcome {
	batchNo: number;
	tenants: number;
	status: 'done' | 'failed' | 'refused' | 'notStarted' | 'unfinished' | 'missing';
	executionId: string | null;
	error: string | null;
}

export interface AddUpOptions {
	/** The parent's run: how long it waited for the lock, dry run, the time zone of Sync settings. */
	waitedSeconds: number;
	dryRun: boolean;
	timeZone: string;
	/** ISO time of the add-up (the caller's clock). */
	now: string;
}

export interface CombinedSummary extends RunSummary {
	status: 'ran' | 'incomplete';
	companyId: null;
	tenantId: null;
	waitedSeconds: number;
	finishedAt: string;
	counts: Counts & { couldNotSync: number };
	/** Tenants of batches that failed or never finished: nothing is known about them, they could not sync. */
	couldNotSync: Array<{ tenantId: string; batchNo: number; reason: string }>;
	batches: BatchOutcome[];
	text: string;
}
