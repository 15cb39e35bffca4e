/**
 * One error type for every failed call, whatever the service. The message says what
 * failed in the user's terms; the service's own words stay in `serviceMessage`.
 * No n8n types here, so transports and the sandbox tests can use it; nodes convert
 * it with `toNodeApiError`.
 */
export type KnownService = 'login' | 'partnerCenter' | 'graph' | 'connectWise';

/** A known service, or one a PSA node adds with `registerService` (`errorBodies.ts`): the list is open. */
export type ServiceName = KnownService | (string & Record<never, never>);

const labels: Record<string, string> = {
	login: 'Microsoft login',
	partnerCenter: 'Microsoft Partner Center',
	graph: 'Microsoft Graph',
	connectWise: 'ConnectWise PSA',
};

/** The labels of the known services (read-only; a new service is added with `registerService`). */
export const SERVICE_LABEL: Readonly<Record<KnownService, string>> & Readonly<Record<string, string | undefined>> = labels as Record<KnownService, string>;

/** The service's name for a user; a service nobody registered shows its own name. */
export function serviceLabel(service: ServiceName): string {
	return labels[service] ?? service;
}

/** Adds (or renames) a service's label; `registerService` in `errorBodies.ts` adds its error-body reader too. */
export function registerServiceLabel(service: string, label: string): void {
	labels[service] = label;
}

export interface ApiErrorDetails {
	service: ServiceName;
	/** HTTP status, or undefined when no response came back (timeout, reset). */
	status?: number;
	/** Service error code, e.g. "Authorization_RequestDenied", "invalid_grant", "InvalidObject". */
	code?: string;
	serviceMessage: string;
	/** What we were doing, e.g. "GET /customers". Already redacted. */
	request?: string;
	retryAfterMs?: number;
	attempts?: number;
	/** The response body, redacted, for the error's details panel. */
	body?: unknown;
}

export class ApiError extends Error {
	readonly details: ApiErrorDetails;

	constructor(message: string, details: ApiErrorDetails) {
		super(message);
		this.name = 'ApiError';
		this.details = details;
	}

	get status(): number | undefined {
		return this.details.status;
	}
}
