/** Sync now as a PSA button or a script calls it: any body, any content type, with or without the header secret. */
import type { N8nServer } from '../harness';
import { WEBHOOK_HEADER, WEBHOOK_SECRET } from '../templates/templates';

export interface SyncNowAnswer {
	status: number;
	/** Parsed JSON when the answer is JSON, else the text. */
	body: unknown;
}

export interface SyncNowCall {
	/** Sent as JSON (content-type application/json). */
	json?: unknown;
	/** Sent as it is, with `contentType`. */
	raw?: string;
	contentType?: string;
	query?: Record<string, string>;
	/** The header secret; default the right one, `null` sends no header. */
	secret?: string | null;
}

export async function callSyncNow(n8n: N8nServer, call: SyncNowCall = {}): Promise<SyncNowAnswer> {
	const headers: Record<string, string> = {};
	const secret = call.secret === undefined ? WEBHOOK_SECRET : call.secret;
	if (secret !== null) headers[WEBHOOK_HEADER] = secret;
	let body: string | undefined;
	if (call.json !== undefined) {
		body = JSON.stringify(call.json);
		headers['content-type'] = 'application/json';
	} else if (call.raw !== undefined) {
		body = call.raw;
	}
	if (call.contentType) headers['content-type'] = call.contentType;
	const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
	const response = await fetch(`${n8n.baseUrl}/webhook/m365-sync-now${query}`, { method: 'POST', headers, body });
	const text = await response.text();
	try {
		return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
	} catch {
		return { status: response.status, body: text };
	}
}

/** The sync's Data Tables, as one comparable text (rows sorted by id). */
export async function dataTablesSnapshot(n8n: N8nServer): Promise<string> {
	const tables = await n8n.api.listAll<{ id: string; name: string }>('/data-tables');
	const snapshot: Record<string, unknown> = {};
	for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) {
		const rows = await n8n.api.listAll<Record<string, unknown>>(`/data-tables/${table.id}/rows`);
		snapshot[table.name] = [...rows].sort((a, b) => Number(a.id) - Number(b.id));
	}
	return JSON.stringify(snapshot);
}
