/**
 * Reads each API's error body into (code, message). Shapes, from api-facts.md:
 * - Graph: { error: { code, message, innerError } }
 * - Partner Center: { code, description, data, source } or { statusCode, message } (throttling)
 * - ConnectWise: { code, message, errors: [{ code, message, resource, field }] }
 * - Entra login: { error, error_description, suberror? }
 * - any other service (a PSA a node registers): the common shapes `generic` reads, or its own reader
 */
import { registerServiceLabel, type ServiceName } from './apiError';

export interface ParsedErrorBody {
	code?: string;
	message?: string;
}

function str(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function asObject(body: unknown): Record<string, unknown> | undefined {
	if (typeof body === 'string') {
		try {
			return asObject(JSON.parse(body));
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

function graph(o: Record<string, unknown>): ParsedErrorBody {
	const error = asObject(o.error);
	if (error) return { code: str(error.code), message: str(error.message) };
	return { message: str(o.message) };
}

function partnerCenter(o: Record<string, unknown>): ParsedErrorBody {
	if (o.description !== undefined || o.code !== undefined) {
		return { code: str(o.code), message: str(o.description) ?? str(o.message) };
	}
	return { code: str(o.statusCode), message: str(o.message) };
}

function connectWise(o: Record<string, unknown>): ParsedErrorBody {
	const details = Array.isArray(o.errors)
		? (o.errors as unknown[])
				.map(asObject)
				.filter((e): e is Record<string, unknown> => !!e)
				.map((e) => [str(e.field), str(e.message)].filter(Boolean).join(': '))
				.filter((s) => s !== '')
		: [];
	const head = str(o.message);
	const message = [head, ...details].filter(Boolean).join(' — ');
	return { code: str(o.code), message: message || undefined };
}

function login(o: Record<string, unknown>): ParsedErrorBody {
	const description = str(o.error_description);
	// Entra descriptions carry trace/correlation lines after the first line; keep the first.
	return { code: str(o.suberror) ?? str(o.error), message: description?.split(/\r?\n/)[0] };
}

/** Reads a service's error body (already an object) into (code, message). */
export type ErrorBodyReader = (body: Record<string, unknown>) => ParsedErrorBody;

/**
 * A body of a service with no reader of its own: `{ code?, message }`, `{ error: { code, message } }`,
 * `{ error: "..." }` or `{ errors: ["...", { message }] }` (e.g. Autotask).
 */
function generic(o: Record<string, unknown>): ParsedErrorBody {
	const error = asObject(o.error);
	if (error) return graph(o);
	const list = Array.isArray(o.errors) ? (o.errors as unknown[]).map((e) => str(e) ?? str(asObject(e)?.message)).filter((e): e is string => e !== undefined) : [];
	const message = str(o.message) ?? str(o.error) ?? (list.length > 0 ? list.join(' — ') : undefined);
	return { code: str(o.code) ?? str(o.errorCode), message };
}

const readers = new Map<string, ErrorBodyReader>([
	['graph', graph],
	['partnerCenter', (o) => (o.error ? graph(o) : partnerCenter(o))],
	['connectWise', connectWise],
	['login', login],
]);

/**
 * Adds a service (a PSA node's API, say): its label in messages and, when its error bodies
 * are not one of the common shapes `generic` reads, its own reader.
 */
export function registerService(service: string, label: string, reader?: ErrorBodyReader): void {
	registerServiceLabel(service, label);
	if (reader) readers.set(service, reader);
}

export function parseErrorBody(service: ServiceName, body: unknown): ParsedErrorBody {
	const o = asObject(body);
	if (!o) return typeof body === 'string' && body.trim() ? { message: body.trim().slice(0, 500) } : {};
	return (readers.get(service) ?? generic)(o);
}
