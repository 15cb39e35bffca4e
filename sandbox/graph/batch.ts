/** Graph JSON batching: up to 20 requests with unique ids, run with the caller's own token. */
import { graphError } from '../server/errors';
import { json, type Reply } from '../server/types';

export interface BatchRequest {
	id: string;
	method: string;
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
}

export type Dispatch = (method: string, relativeUrl: string, headers: Record<string, string>, body: unknown) => Reply;

export const MAX_BATCH_REQUESTS = 20;

export function runBatch(body: unknown, authorization: string | undefined, dispatch: Dispatch): Reply {
	const requests = (body as { requests?: BatchRequest[] } | undefined)?.requests;
	if (!Array.isArray(requests) || requests.length === 0) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
	if (requests.length > MAX_BATCH_REQUESTS) return graphError(400, 'BadRequest', `The number of batch requests exceeds the maximum of ${MAX_BATCH_REQUESTS}.`);
	const ids = new Set(requests.map((request) => String(request.id)));
	if (ids.size !== requests.length) return graphError(400, 'BadRequest', 'Batch request contains duplicate ids.');
	const responses = requests.map((request) => {
		const url = request.url.startsWith('/') ? request.url : `/${request.url}`;
		const reply = dispatch((request.method ?? 'GET').toUpperCase(), url, { ...(request.headers ?? {}), ...(authorization ? { authorization } : {}) }, request.body);
		return {
			id: String(request.id),
			status: reply.status,
			headers: { 'Content-Type': 'application/json', ...(reply.headers ?? {}) },
			body: reply.body,
		};
	});
	return json(200, { responses });
}
