/** The summary item the core sync answers with (workflows-templates/README.md, "Calling the webhooks"). */
export type SyncCountName = 'tenants' | 'links' | 'create' | 'update' | 'unchanged' | 'needsApproval' | 'notSynced' | 'failed';

interface LineRef {
	tenantId: string | null;
	companyId: number | null;
	agreementId: number | null;
	product: string | null;
	reasons?: string[];
}

export interface SyncChange extends LineRef {
	action: string;
	applied: boolean;
	before: number | null;
	after: number | null;
	description: string | null;
}

export interface SyncHeld extends LineRef {
	key: string;
	action: string;
	before: number | null;
	after: number | null;
}

export interface SyncSkipped extends LineRef {
	action: string;
}

export interface SyncSummary {
	dryRun: boolean;
	counts: Record<SyncCountName, number>;
	changes: SyncChange[];
	needsApproval: SyncHeld[];
	notSynced: SyncSkipped[];
	failed: SyncSkipped[];
	text: string;
}
