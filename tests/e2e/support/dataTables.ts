/** Data Table rows through n8n's public API, as a person or script filling in configuration would. */
import type { N8nServer } from '../harness';

/** Adds rows to the Data Table with this name (it must exist: the templates create their tables). */
export async function insertDataTableRows(n8n: N8nServer, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
	if (rows.length === 0) return;
	const tables = await n8n.api.listAll<{ id: string; name: string }>('/data-tables', { filter: JSON.stringify({ name: table }) });
	const found = tables.find((candidate) => candidate.name === table);
	if (!found) throw new Error(`no Data Table named "${table}"`);
	await n8n.api.call('POST', `/data-tables/${found.id}/rows`, { data: rows, returnType: 'count' });
}
