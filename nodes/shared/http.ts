/**
 * The HTTP client both API nodes use: axios with timeouts, keep-alive, bounded retries
 * (429 honouring Retry-After; 502/503/504, 500 on GET, and connection resets with back-off
 * and jitter), cancellable waits, and errors normalised into ApiError with secrets redacted.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { ApiError, ServiceName } from './apiError';
import { createApiError } from './errors';
import { cancelled, DEFAULT_RETRY_POLICY, retryDelay, sleep, type RetryPolicy } from './retry';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL, or a path joined to the client's base URL. */
	url: string;
	query?: Record<string, QueryValue>;
	headers?: Record<string, string>;
	body?: unknown;
	/**
	 * POST and PATCH are retried after a 5xx or a reset only when the caller says the API
	 * makes a repeat safe (Partner Center: same MS-RequestId). 429 is always retried:
	 * the service did not act on a throttled request.
	 */
	idempotent?: boolean;
	/** Used in error messages: "Could not <action>". */
	action?: string;
	signal?: AbortSignal;
	/** Statuses returned to the caller instead of thrown (e.g. 404 for "not found" lookups). */
	acceptStatus?: number[];
}

export interface HttpResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	data: T;
	/** The final URL requested (after the base URL was applied). */
	url: string;
}

export interface HttpClientOptions {
	service: ServiceName;
	baseUrl?: string;
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Headers for every request; async so a token can be fetched or refreshed. */
	headers?: () => Record<string, string> | Promise<Record<string, string>>;
	/** Values that must never appear in errors (tokens, keys). */
	secrets?: ReadonlyArray<string | undefined>;
	/** Injected in tests. */
	random?: () => number;
	now?: () => number;
	wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Observes each attempt (benchmarks, debugging); never receives secrets. */
	onAttempt?: (info: { method: HttpMethod; url: string; attempt: number; status?: number }) => void;
}

export interface HttpClient {
	readonly service: ServiceName;
	request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
}

const RETRY_STATUSES = new Set([502, 503, 504]);
const RESET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const SAFE_METHODS = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

// Shared keep-alive agents: thousands of tenant calls should not each open a socket.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

export function joinUrl(base: string | undefined, path: string, query?: Record<string, QueryValue>): string {
	const absolute = /^https?:\/\//i.test(path);
	let url = absolute || !base ? path : `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
	const params = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '');
	if (params.length > 0) {
		const qs = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
		url += (url.includes('?') ? '&' : '?') + qs;
	}
	return url;
}

function pathForError(url: string): string {
	try {
		const u = new URL(url);
		return u.pathname;
	} catch {
		return url.split('?')[0];
	}
}

function lowerHeaders(headers: AxiosResponse['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers ?? {})) {
		if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
	const random = options.random ?? Math.random;
	const now = options.now ?? Date.now;
	const wait = options.wait ?? sleep;
	const instance: AxiosInstance = axios.create({
		timeout: options.timeoutMs ?? 60_000,
		httpAgent,
		httpsAgent,
		validateStatus: () => true,
		maxRedirects: 0,
		// We parse ourselves so a non-JSON error page still gives a readable message.
		transformResponse: [(data: unknown) => data],
		responseType: 'text',
	});

	async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
		const url = joinUrl(options.baseUrl, req.url, req.query);
		const retryUnsafe = req.idempotent ?? SAFE_METHODS.has(req.method);
		const describe = `${req.method} ${pathForError(url)}`;
		let attempt = 0;
		for (;;) {
			attempt++;
			const headers = { Accept: 'application/json', ...(await options.headers?.()), ...req.headers };
			let response: AxiosResponse<string> | undefined;
			let networkError: { code?: string; message: string } | undefined;
			try {
				response = await instance.request<string>({
					method: req.method,
					url,
					headers,
					data: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
					signal: req.signal,
				});
			} catch (error) {
				if (req.signal?.aborted) throw cancelled();
				const e = error as { code?: string; message?: string };
				networkError = { code: e.code, message: e.message ?? String(error) };
			}
			options.onAttempt?.({ method: req.method, url: pathForError(url), attempt, status: response?.status });

			const status = response?.status;
			const resHeaders = response ? lowerHeaders(response.headers) : {};
			const ok = status !== undefined && ((status >= 200 && status < 300) || req.acceptStatus?.includes(status));
			if (ok && response) {
				return { status: status!, headers: resHeaders, data: parseBody(response.data) as T, url };
			}

			const throttled = status === 429;
			// A 500 on a read is retried too (ConnectWise's guide asks clients to retry server errors); a write that got a 500 may have happened.
			const transient =
				(status !== undefined && (RETRY_STATUSES.has(status) || (status === 500 && req.method === 'GET'))) ||
				(networkError !== undefined && RESET_CODES.has(networkError.code ?? ''));
			const retryable = throttled || (transient && retryUnsafe);
			if (retryable && attempt < policy.maxAttempts) {
				await wait(retryDelay(attempt, resHeaders['retry-after'], policy, now(), random), req.signal);
				continue;
			}
			throw createApiError({
				service: options.service,
				status,
				body: response ? parseBody(response.data) : undefined,
				action: req.action,
				request: describe,
				networkCode: networkError?.code,
				networkMessage: networkError?.message,
				attempts: attempt,
				secrets: options.secrets,
			}) as ApiError;
		}
	}

	return { service: options.service, request };
}

function parseBody(data: unknown): unknown {
	if (typeof data !== 'string') return data;
	if (data === '') return undefined;
	try {
		return JSON.parse(data);
	} catch {
		return data;
	}
}
