/** Data Table rows through n8n's public API, as a person or script filling in configuration would. */
import type { N8nServer } from '../harness';
import type { Scenario } from '../templates/scenario';

/** Rows per insert call: thousands of links at bench scale would make one very large request. */
const INSERT_CHUNK = 500;

async function tableId(n8n: N8nServer, table: string): Promise<string> {
	const tables = await n8n.api.listAll<{ id: string; name: string }>('/data-tables', { filter: JSON.stringify({ name: table }) });
	const found = tables.find((candidate) => candidate.name === table);
	if (!found) throw new Error(`no Data Table named "${table}"`);
	return found.id;
}

/** Adds rows to the Data Table with this name (it must exist: the templates create their tables). */
export async function insertDataTableRows(n8n: N8nServer, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
	if (rows.length === 0) return;
	const id = await tableId(n8n, table);
	for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
		await n8n.api.call('POST', `/data-tables/${id}/rows`, { data: rows.slice(start, start + INSERT_CHUNK), returnType: 'count' });
	}
}

/** A scenario's configuration (company map, billing profiles, links), as onboarding and the link forms would write it. */
export async function seedScenario(n8n: N8nServer, scenario: Scenario): Promise<void> {
	await insertDataTableRows(n8n, 'm365_company_map', scenario.companyMap);
	await insertDataTableRows(n8n, 'm365_billing_profiles', scenario.billingProfiles);
	await insertDataTableRows(n8n, 'm365_license_links', scenario.links);
}

/** Sets `data` on the rows whose columns equal `match`, as a person editing the table would. */
export async function updateDataTableRows(n8n: N8nServer, table: string, match: Record<string, string | number | boolean>, data: Record<string, unknown>): Promise<void> {
	const filters = Object.entries(match).map(([columnName, value]) => ({ columnName, condition: 'eq', value }));
	await n8n.api.call('PATCH', `/data-tables/${await tableId(n8n, table)}/rows/update`, { filter: { type: 'and', filters }, data, returnData: false });
}

/** Deletes the rows whose columns equal `match`, as a person editing the table would. */
export async function deleteDataTableRows(n8n: N8nServer, table: string, match: Record<string, string | number | boolean>): Promise<void> {
	const filters = Object.entries(match).map(([columnName, value]) => ({ columnName, condition: 'eq', value }));
	await n8n.api.call('DELETE', `/data-tables/${await tableId(n8n, table)}/rows/delete?filter=${encodeURIComponent(JSON.stringify({ type: 'and', filters }))}`);
}
