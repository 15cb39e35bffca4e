/** Turns failures into messages a user can act on, and into n8n's NodeApiError. */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { ApiError, serviceLabel, type ServiceName } from './apiError';
import { parseErrorBody } from './errorBodies';
import { redactText, redactValue } from './redact';

const STATUS_HINT: Record<number, string> = {
	400: 'the request was rejected as invalid',
	401: 'the credentials were not accepted',
	403: 'access was denied',
	404: 'it was not found',
	409: 'it conflicts with the current state',
	429: 'the service is throttling requests',
	500: 'the service had an internal error',
	502: 'the service is unavailable (bad gateway)',
	503: 'the service is temporarily unavailable',
	504: 'the service timed out',
};

export interface ApiErrorInput {
	service: ServiceName;
	status?: number;
	body?: unknown;
	/** What we were doing, in the user's terms, e.g. "read licenses of tenant Contoso". */
	action?: string;
	request?: string;
	networkCode?: string;
	networkMessage?: string;
	attempts?: number;
	retryAfterMs?: number;
	secrets?: ReadonlyArray<string | undefined>;
}

export function createApiError(input: ApiErrorInput): ApiError {
	const label = serviceLabel(input.service);
	const parsed = parseErrorBody(input.service, input.body);
	const what = input.action ? `Could not ${input.action}` : `${label} request failed`;
	let reason: string;
	if (input.status === undefined) {
		reason = `no response from ${label} (${input.networkCode ?? input.networkMessage ?? 'network error'})`;
	} else {
		const hint = STATUS_HINT[input.status] ?? `HTTP ${input.status}`;
		reason = `${label} answered ${input.status}: ${parsed.message ?? hint}`;
	}
	if (input.attempts && input.attempts > 1) reason += ` (after ${input.attempts} attempts)`;
	const message = redactText(`${what}: ${reason}`, input.secrets);
	return new ApiError(message, {
		service: input.service,
		status: input.status,
		code: parsed.code,
		serviceMessage: redactText(parsed.message ?? input.networkMessage ?? '', input.secrets),
		request: input.request ? redactText(input.request, input.secrets) : undefined,
		retryAfterMs: input.retryAfterMs,
		attempts: input.attempts,
		body: input.body === undefined ? undefined : redactValue(input.body, input.secrets),
	});
}

/** NodeApiError for the n8n UI: our message, the HTTP status, a redacted body for details. */
export function toNodeApiError(
	node: INode,
	error: unknown,
	context: { itemIndex?: number; description?: string; secrets?: ReadonlyArray<string | undefined> } = {},
): NodeApiError {
	if (error instanceof NodeApiError) return error;
	const secrets = context.secrets ?? [];
	if (error instanceof ApiError) {
		const d = error.details;
		const response: JsonObject = {
			service: serviceLabel(d.service),
			...(d.status !== undefined ? { httpCode: String(d.status) } : {}),
			...(d.code ? { code: d.code } : {}),
			message: error.message,
			...(d.request ? { request: d.request } : {}),
		};
		return new NodeApiError(node, response, {
			message: redactText(error.message, secrets),
			description: context.description ?? (d.serviceMessage || undefined),
			httpCode: d.status !== undefined ? String(d.status) : undefined,
			itemIndex: context.itemIndex,
		});
	}
	const message = redactText(error instanceof Error ? error.message : String(error), secrets);
	return new NodeApiError(node, { message }, { message, description: context.description, itemIndex: context.itemIndex });
}
