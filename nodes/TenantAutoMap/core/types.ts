/** Plain data in and out of the auto-map core. Raw fields are `unknown`: rows come from anywhere. */

export interface TenantInput {
	/** Position of the row in the Tenants input, so results stay paired to it. */
	index: number;
	tenantId: unknown;
	name: unknown;
	domains: unknown;
}

export interface CompanyInput {
	/** Position of the row in the Companies input. */
	index: number;
	companyId: unknown;
	name: unknown;
	website: unknown;
	domains: unknown;
	/** Tenant ID recorded on the PSA company (a custom field the user names). */
	tenantId: unknown;
	/** The PSA's short name for the company (ConnectWise identifier), often the customer's abbreviation. */
	identifier?: unknown;
}

export interface ExistingMapping {
	tenantId: unknown;
	companyId: unknown;
}

export type CompanyId = string | number;

export type MatchMethod = 'tenantId' | 'domain' | 'exactName' | 'fuzzyName';

export interface AutoMapOptions {
	/** A match is confident only at or above this score (0–1). */
	confidenceThreshold: number;
	/** ...and only when ahead of the runner-up (for both tenant and company) by this much. */
	confidenceMargin: number;
	/** Below this score a company is not a plausible candidate at all. */
	reviewThreshold: number;
	/** Trailing words stripped like legal forms, on top of the built-in list. */
	extraLegalForms: readonly string[];
	/** Words removed wherever they appear in a name. */
	ignoredWords: readonly string[];
	/** Domains that never prove a match, on top of the built-in free mail and ISP domains. */
	extraSharedDomains: readonly string[];
	/** Let one company be matched to several tenants. */
	allowSharedCompany: boolean;
	/** Also match tenants that already have a mapping (to further companies). */
	includeMappedTenants: boolean;
	/** Emit companies that no tenant matched to Unmatched. */
	includeUnmatchedCompanies: boolean;
}

export interface Candidate {
	companyId: CompanyId;
	companyName: string;
	score: number;
	method: MatchMethod;
	evidence: string;
	/** Plain-language reasons, strongest first ("same website domain", "similar name"). */
	why: string[];
}

export interface MatchedRow {
	tenantIndex: number;
	companyIndex: number;
	tenantId: string;
	tenantName: string;
	companyId: CompanyId;
	companyName: string;
	score: number;
	method: MatchMethod;
	evidence: string;
	/** Plain-language reasons, strongest first. */
	why: string[];
}

export interface ReviewRow {
	tenantIndex: number;
	tenantId: string;
	tenantName: string;
	/** Top candidates, best first. */
	candidates: Candidate[];
	/** Why the best candidate was not confident. */
	reason: string;
}

export type UnmatchedRow =
	| { type: 'tenant'; tenantIndex: number; tenantId: string; tenantName: string; reason: string }
	| { type: 'company'; companyIndex: number; companyId: CompanyId | null; companyName: string; reason: string };

export interface AutoMapResult {
	matched: MatchedRow[];
	needsReview: ReviewRow[];
	unmatched: UnmatchedRow[];
}

/** A name reduced to comparable tokens. */
export interface NormalizedName {
	/** Tokens after normalisation, in order. */
	tokens: string[];
	/** Looser token forms (umlaut folding, plural) used for equality and the index. */
	keys: string[];
	/** Tokens joined by a space: equal text means an exact normalised name. */
	text: string;
	/** Tokens joined without spaces, to compare with a domain label. */
	compact: string;
}

export interface Tenant {
	index: number;
	tenantId: string;
	/** Lower-case form for comparing with company tenant-id fields. */
	tenantKey: string;
	name: string;
	normalized: NormalizedName;
	/** Other names inside the name ("X t/a Y", "X - Site", "X (Site)"). */
	alternates: NormalizedName[];
	/** The name as letters and digits only, to compare with a company identifier. */
	rawKey: string;
	domains: string[];
	/** Label of the `*.onmicrosoft.com` initial domain, a weak name hint. */
	initialLabel: string | null;
}

export interface Company {
	index: number;
	companyId: CompanyId;
	/** String form of the id, used for ordering and lookups. */
	companyKey: string;
	name: string;
	normalized: NormalizedName;
	alternates: NormalizedName[];
	/** The identifier as letters and digits only, when long enough to be evidence. */
	identifierKey: string | null;
	/** Domains of the company's website: strong evidence. */
	websiteDomains: string[];
	/** Further domains (contacts' e-mail): evidence only when no other company lists them. */
	contactDomains: string[];
	tenantKey: string | null;
}
