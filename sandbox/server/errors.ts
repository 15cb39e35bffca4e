/** Each service's own error bodies, so clients see what the real ones answer. */
import { randomUUID } from 'node:crypto';
import { autotaskError } from '../autotask/errors';
import { json, type Reply, type Service } from './types';

export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
	const date = new Date().toISOString().slice(0, 19);
	const requestId = randomUUID();
	return json(status, { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': requestId } } }, headers);
}

export function partnerCenterError(status: number, code: number, description: string): Reply {
	return json(status, { code, description, data: [], source: 'PartnerFD' });
}

export function connectWiseError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
	return json(status, { code, message }, headers);
}

export function loginError(status: number, error: string, code: number, description: string, suberror?: string): Reply {
	const traceId = randomUUID();
	return json(status, {
		error,
		error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${traceId} Timestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
		error_codes: [code],
		timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
		trace_id: traceId,
		correlation_id: traceId,
		...(suberror ? { suberror } : {}),
	});
}

export function throttled(service: Service, retryAfterSeconds: number): Reply {
	const headers = { 'Retry-After': String(retryAfterSeconds) };
	switch (service) {
		case 'graph':
			return graphError(429, 'TooManyRequests', 'Too many requests. Please retry after the time given in the Retry-After header.', headers);
		case 'partnercenter':
			return json(429, { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` }, headers);
		case 'cw':
			return connectWiseError(429, 'TooManyRequests', 'Too many requests: the API rate limit was exceeded.', headers);
		case 'autotask':
			return { ...autotaskError(429, 'Too many requests: the API thread limit was exceeded.'), headers };
		default:
			return json(429, { error: 'temporarily_unavailable', error_description: 'AADSTS50196: The server terminated an operation because it encountered a client request loop.' }, headers);
	}
}

export function serverError(service: Service, status: number): Reply {
	switch (service) {
		case 'graph':
			return graphError(status, status === 503 ? 'serviceNotAvailable' : 'generalException', 'The service is temporarily unavailable. Please try again later.');
		case 'partnercenter':
			return partnerCenterError(status, 3000, 'An unexpected error occurred. Please try again later.');
		case 'cw':
			return connectWiseError(status, 'ConnectWiseApi', 'An error occurred, please contact your administrator.');
		case 'autotask':
			return autotaskError(status, 'An unexpected error occurred. Please try again later.');
		default:
			return loginError(status, 'server_error', 90033, 'A transient error has occurred. Please try again.');
	}
}
