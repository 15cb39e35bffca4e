/** The one HTTP(S) listener: splits the path by service, applies faults, runs the route, logs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults';
import { autotaskError } from '../autotask/errors';
import { connectWiseError, graphError, partnerCenterError, loginError, serverError, throttled } from './errors';
import type { RequestLog } from './requestLog';
import type { Router } from './router';
import { json, type Reply, type RouteRequest, type Service } from './types';

const PREFIXES: Array<[string, Service]> = [
	['/login', 'login'],
	['/partnercenter', 'partnercenter'],
	['/graph', 'graph'],
];

/** ConnectWise answers under v4_6_release and under a versioned codebase (`/cw/v2025_1/apis/3.0`), and companyinfo outside the API. */
const CONNECTWISE = /^\/cw\/(?:v4_6_release|v\d{4}_\d+)\/apis\/3\.0(?=\/|$)|^\/cw(?=\/login\/companyinfo\/)/i;

/** Autotask: `/autotask/{host}/ATServicesRest/V1.0/...` (host `webservices` for zone lookups, the zone's host for the API). */
const AUTOTASK = /^\/autotask\/[^/]+\/ATServicesRest\/v1\.0(?=\/|$)/i;

export function splitService(pathname: string): { service: Service; path: string } | undefined {
	const autotask = AUTOTASK.exec(pathname);
	if (autotask) return { service: 'autotask', path: pathname.slice(autotask[0].length) || '/' };
	const cw = CONNECTWISE.exec(pathname);
	if (cw) return { service: 'cw', path: pathname.slice(cw[0].length) || '/' };
	for (const [prefix, service] of PREFIXES) {
		if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return { service, path: pathname.slice(prefix.length) || '/' };
	}
	return undefined;
}

function notFound(service: Service, path: string): Reply {
	switch (service) {
		case 'graph':
			return graphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
		case 'partnercenter':
			return partnerCenterError(404, 600, `The resource ${path} was not found.`);
		case 'cw':
			return connectWiseError(404, 'NotFound', `The requested resource ${path} was not found.`);
		case 'autotask':
			return autotaskError(404, `The requested resource ${path} was not found.`);
		default:
			return loginError(404, 'invalid_request', 90002, `Endpoint ${path} not found.`);
	}
}

function parseBody(raw: string, contentType: string | undefined): { body: unknown } | { error: string } {
	if (raw === '') return { body: undefined };
	if (contentType?.includes('application/x-www-form-urlencoded')) return { body: Object.fromEntries(new URLSearchParams(raw)) };
	try {
		return { body: JSON.parse(raw) as unknown };
	} catch {
		return contentType?.includes('json') ? { error: 'The request body is not valid JSON.' } : { body: raw };
	}
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/**
 * ConnectWise's developer guide asks to keep a request URL within 2,000 characters, and a
 * longer one is refused with 414 before the API sees it (the exact server limit is not
 * published): the sandbox refuses past 2,000 so clients are held to the documented bound.
 * The body is the web server's HTML page, not a ConnectWise JSON error.
 */
export const CONNECTWISE_MAX_URL_LENGTH = 2000;
const URL_TOO_LONG_PAGE =
	'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n<HTML><HEAD><TITLE>Request URL Too Long</TITLE>\r\n<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n<BODY><h2>Request URL Too Long</h2>\r\n<hr><p>HTTP Error 414. The request URL is too long.</p>\r\n</BODY></HTML>\r\n';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Dispatcher {
	/** Runs one request through faults and routing without HTTP (also used by Graph's $batch). */
	dispatch(service: Service, request: Omit<RouteRequest, 'params'>): { reply?: Reply; endpoint: string; fault?: string };
	endpointOf(service: Service, method: string, path: string): string;
}

export function createDispatcher(router: Router, faults: Faults, now: () => number): Dispatcher {
	const endpointOf = (service: Service, method: string, path: string): string => {
		const match = router.match(service, method, path);
		return `${service} ${method} ${match ? match.route.template : '(unknown)'}`;
	};
	return {
		endpointOf,
		dispatch(service, request) {
			const match = router.match(service, request.method, request.path);
			const endpoint = `${service} ${request.method} ${match ? match.route.template : '(unknown)'}`;
			const fault = faults.take(endpoint, now(), `${service} ${request.method} ${request.path}`);
			if (fault?.kind === 'reset') return { endpoint, fault: 'reset' };
			if (fault?.kind === 'throttle') return { endpoint, fault: 'throttle', reply: throttled(service, fault.retryAfterSeconds) };
			if (fault?.kind === 'serverError') return { endpoint, fault: 'serverError', reply: serverError(service, fault.status) };
			if (!match) {
				const reply = router.knowsPath(service, request.path) ? json(405, { message: 'The requested resource does not support this method.' }) : notFound(service, request.path);
				return { endpoint, reply };
			}
			const routeRequest: RouteRequest = { ...request, params: match.params };
			const reply = match.route.handler(routeRequest);
			request.tenantId = routeRequest.tenantId;
			return { endpoint, reply };
		},
	};
}

export function createListener(options: { dispatcher: Dispatcher; faults: Faults; log: RequestLog; latencyMs: number; base: () => string; now: () => number }) {
	const { dispatcher, faults, log, latencyMs, base, now } = options;
	return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
		const method = (request.method ?? 'GET').toUpperCase();
		const url = new URL(request.url ?? '/', base());
		const raw = await readBody(request);
		const split = splitService(url.pathname);
		const started = now();
		const record = (endpoint: string, status: number, extra: { tenantId?: string; fault?: string } = {}) =>
			log.add({ at: started, service: split?.service ?? 'unknown', method, path: url.pathname, endpoint, status, ...extra });
		if (!split) {
			record(`unknown ${method} ${url.pathname}`, 404);
			response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Unknown service path' }));
			return;
		}
		if (split.service === 'cw' && url.href.length > CONNECTWISE_MAX_URL_LENGTH) {
			record(dispatcher.endpointOf(split.service, method, split.path), 414);
			response.writeHead(414, { 'Content-Type': 'text/html; charset=us-ascii' }).end(URL_TOO_LONG_PAGE);
			return;
		}
		const delay = latencyMs + faults.latencyFor(dispatcher.endpointOf(split.service, method, split.path));
		if (delay > 0) await sleep(delay);
		const parsed = parseBody(raw, request.headers['content-type']);
		const routeRequest = { method, url, path: split.path, headers: request.headers, body: 'body' in parsed ? parsed.body : undefined } as Omit<RouteRequest, 'params'>;
		const result =
			'error' in parsed
				? { endpoint: dispatcher.endpointOf(split.service, method, split.path), reply: json(400, { code: 'InvalidObject', message: parsed.error }) }
				: dispatcher.dispatch(split.service, routeRequest);
		if (!result.reply) {
			record(result.endpoint, 0, { fault: result.fault, tenantId: routeRequest.tenantId });
			request.socket.destroy();
			return;
		}
		const { status, body, headers, raw: rawReply } = result.reply;
		record(result.endpoint, status, { fault: result.fault, tenantId: routeRequest.tenantId });
		const text = rawReply ?? (body === undefined ? '' : JSON.stringify(body));
		response.writeHead(status, {
			...(text && rawReply === undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
			'Content-Length': String(Buffer.byteLength(text)),
			...(headers ?? {}),
		});
		response.end(text);
	};
}
