import type { IncomingHttpHeaders } from 'node:http';

export type Service = 'login' | 'partnercenter' | 'graph' | 'cw' | 'autotask';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** A body sent as is (CSV, a bare count) with the Content-Type in `headers`; `body` is then ignored. */
	raw?: string;
}

export interface RouteRequest {
	method: string;
	url: URL;
	/** Path inside the service, e.g. `/v1.0/users`. */
	path: string;
	params: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: unknown;
	/** Filled in by handlers that know the caller's tenant, for the request log. */
	tenantId?: string;
}

export type Handler = (request: RouteRequest) => Reply;

export interface Route {
	service: Service;
	method: string;
	/** Path template inside the service with `{name}` placeholders. */
	template: string;
	handler: Handler;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
