/** What a Sync now caller may ask for, once the request has been understood. */
export type SyncScope =
	| { scope: 'company'; companyId: number; tenantId: null; dryRun: boolean }
	| { scope: 'tenant'; companyId: null; tenantId: string; dryRun: boolean }
	| { scope: 'everyone'; companyId: null; tenantId: null; dryRun: boolean };

/** A request the webhook answers itself, with a 4xx/5xx status and a message for the caller. */
export interface Refusal {
	statusCode: number;
	message: string;
}

export type RequestVerdict = { accepted: true; scope: SyncScope } | { accepted: false; refusal: Refusal };

/** The request as a trigger passes it on: the parsed body, the query string and the content type. */
export interface SyncRequestInput {
	body?: unknown;
	query?: unknown;
	contentType?: unknown;
}

/** One row of the company map (m365_company_map); a row with `error` is a failed read. */
export type CompanyMapRow = Record<string, unknown>;
