/**
 * One error type for every failed call, whatever the service. The message says what
 * failed in the user's terms; the service's own words stay in `serviceMessage`.
 * No n8n types here, so transports and the sandbox tests can use it; nodes convert
 * it with `toNodeApiError`.
 */
export type ServiceName = 'login' | 'partnerCenter' | 'graph' | 'connectWise';

export const SERVICE_LABEL: Record<ServiceName, string> = {
	login: 'Microsoft login',
	partnerCenter: 'Microsoft Partner Center',
	graph: 'Microsoft Graph',
	connectWise: 'ConnectWise PSA',
};

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
