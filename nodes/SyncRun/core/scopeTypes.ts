/** Shapes of a run's scope and summary (the core template's "Scope of this run" and "Summary"). */

/** The PSAs a company may live in (m365_company_map `psa`, Sync settings `defaultPsa`). */
export const PSAS = ['connectwise', 'autotask'] as const;
export type Psa = (typeof PSAS)[number];

/** A Data Table row (company map, license link): any columns. */
export type ScopeRow = Record<string, unknown>;

export interface ScopeInput {
	/** What the caller asked for: companyId, tenantId (both empty = everyone), dryRun. */
	request: { companyId?: unknown; tenantId?: unknown; dryRun?: unknown };
	companyMap: ScopeRow[];
	licenseLinks: ScopeRow[];
	/** A queue-mode batch's own tenants; null when this run is not a batch. */
	batchTenantIds: string[] | null;
	/** Sync settings' defaultPsa: the PSA of companies whose company-map row names none. */
	defaultPsa: string;
}

export interface CompanyOfTenant {
	companyId: number;
	companyName: string | null;
	/** Lower case; one of PSAS unless the row names another (its links are then Not Synced). */
	psa: string;
}

export interface ScopeSkip {
	action: 'skip';
	tenantId: string;
	agreementId: number | null;
	product: string | null;
	reasons: string[];
}

export interface RunScope {
	companyId: string | null;
	tenantId: string | null;
	dryRun: boolean;
	companiesOf: Record<string, CompanyOfTenant[]>;
	tenants: Array<{ tenantId: string; tenantName: string | null; includeUsernames: boolean; includeSubscriptions: boolean; counts: string }>;
	links: Array<ScopeRow & { companyId: number; companyName: string | null; psa: Psa }>;
	agreements: Array<{ agreementId: number; psa: Psa }>;
	/** Agreement id → its PSA, for routing plan items to the PSA's Apply. */
	agreementPsa: Record<string, Psa>;
	notSynced: ScopeSkip[];
	/** `tenantId|skuIds` of links not synced in this run (other companies, not synced): their licenses are not "unlinked". */
	linkedElsewhere: string[];
}
