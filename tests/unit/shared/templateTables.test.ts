import { readdirSync, readFileSync } from 'fs';
import path from 'path';

// Every template creates the Data Tables it uses if they are missing, and n8n never adds a
// column to a table that exists. So whichever template runs first decides a table's columns
// for good: each "create if missing" of one table must list the same columns, or a later
// template's write fails on a column the table lacks (e.g. the onboarding's split columns
// after the core made the company map).
const DIR = path.join(__dirname, '..', '..', '..', 'workflows-templates');

interface TableNode {
	name: string;
	type: string;
	parameters: { resource?: string; operation?: string; tableName?: string; columns?: { column?: Array<{ name: string; type: string }> } };
}

const creates = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { nodes: TableNode[] }).nodes
			.filter((node) => node.type === 'n8n-nodes-base.dataTable' && node.parameters.resource === 'table' && node.parameters.operation === 'create')
			.map((node) => ({ file, node: node.name, table: node.parameters.tableName ?? '', columns: (node.parameters.columns?.column ?? []).map((column) => `${column.name}:${column.type}`) })),
	);
const tables = [...new Set(creates.map((create) => create.table))];

describe('Data Tables the templates create', () => {
	it('are created by name in several templates', () => {
		expect(tables).toEqual(expect.arrayContaining(['m365_company_map', 'm365_license_links', 'm365_approvals', 'm365_sync_audit']));
	});

	it.each(tables)('%s has the same columns in every template that creates it', (table) => {
		const ofTable = creates.filter((create) => create.table === table);
		const union = [...new Set(ofTable.flatMap((create) => create.columns))];
		for (const create of ofTable) {
			const missing = union.filter((column) => !create.columns.includes(column));
			expect({ template: create.file, node: create.node, missing }).toEqual({ template: create.file, node: create.node, missing: [] });
		}
	});
});
