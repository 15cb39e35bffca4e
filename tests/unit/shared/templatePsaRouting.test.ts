import { loadTemplate as load, type Template, type TemplateNode } from './templateGraph';

// The company overview and contact sync reach a company in its own PSA. A company id, agreement
// id or contact id means something different in each PSA, so every PSA node must be reached
// only through the Switch output of its own PSA, and what it read or created must keep that PSA.

const PSA_NODE = /\.(autotaskPsa|connectWisePsa)$/;
const psaOfNode = (node: TemplateNode) => (node.type.endsWith('.autotaskPsa') ? 'autotask' : 'connectwise');

/** The nodes (and outputs) that feed `name`. */
const parentsOf = (template: Template, name: string) =>
	Object.entries(template.connections).flatMap(([from, outputs]) => outputs.main.flatMap((targets, output) => (targets.some((t) => t.node === name) ? [{ from, output }] : [])));

/** A Switch whose rule `output` is "$json.psa equals <psa>". */
function psaOfSwitchOutput(template: Template, name: string, output: number): string | null {
	const node = template.nodes.find((candidate) => candidate.name === name)!;
	if (node.type !== 'n8n-nodes-base.switch') return null;
	const rules = (node.parameters.rules as { values: Array<{ conditions: { conditions: Array<{ leftValue: string; rightValue: string; operator: { operation: string } }> } }> }).values;
	const condition = rules[output]?.conditions.conditions;
	if (!condition || condition.length !== 1 || condition[0].leftValue !== '={{ $json.psa }}' || condition[0].operator.operation !== 'equals') return null;
	return condition[0].rightValue;
}

describe.each([
	{ file: 'm365-company-overview.json', reads: ['Read agreement lines', 'Read contract services (Autotask)'] },
	{ file: 'm365-contact-sync.json', reads: ['Create or update contact', 'Create or update contact (Autotask)', 'Deactivate contact', 'Deactivate contact (Autotask)'] },
])('$file: each PSA node runs only for items of its PSA', ({ file, reads }) => {
	const template = load(file);

	it('every PSA node is fed only by its own PSA\'s Switch output, and names its PSA\'s credential', () => {
		const psaNodes = template.nodes.filter((node) => PSA_NODE.test(node.type));
		expect(psaNodes.map((node) => node.name).sort()).toEqual([...reads].sort());
		for (const node of psaNodes) {
			const parents = parentsOf(template, node.name);
			expect({ node: node.name, parents: parents.map((parent) => psaOfSwitchOutput(template, parent.from, parent.output)) }).toEqual({ node: node.name, parents: [psaOfNode(node)] });
			expect(Object.keys(node.credentials ?? {})).toEqual([psaOfNode(node) === 'autotask' ? 'autotaskPsaApi' : 'connectWisePsaApi']);
			expect(node).toMatchObject({ onError: 'continueRegularOutput' });
		}
	});
});

describe('company overview template', () => {
	const template = load('m365-company-overview.json');
	const byName = new Map(template.nodes.map((node) => [node.name, node]));

	it('each PSA\'s lines are tagged with that PSA before the overview sees them, all through one merge', () => {
		for (const [read, psa] of [['Read agreement lines', 'connectwise'], ['Read contract services (Autotask)', 'autotask']]) {
			const [tagger] = template.connections[read].main[0];
			expect(byName.get(tagger.node)!.parameters.jsonOutput).toBe(`={{ { ...$json, psa: '${psa}' } }}`);
			expect(template.connections[tagger.node].main[0]).toEqual([expect.objectContaining({ node: 'Lines of the company' })]);
		}
		expect(byName.get('Overview step')!.parameters.lines).toContain("$('Lines of the company')");
	});
});

describe('contact sync template', () => {
	const template = load('m365-contact-sync.json');
	const byName = new Map(template.nodes.map((node) => [node.name, node]));

	it('records the PSA of each contact it created, and marks a leaver by its own row (contact ids repeat across PSAs)', () => {
		const columns = (byName.get('Create m365_synced_contacts if missing')!.parameters.columns as { column: Array<{ name: string }> }).column.map((column) => column.name);
		expect(columns).toContain('psa');
		expect(byName.get('Synced contact row')!.parameters.jsonOutput).toContain("psa: $('Contact').item.json.psa");
		expect(byName.get('Mark leaver')!.parameters.filters).toEqual({ conditions: [{ keyName: 'id', condition: 'eq', keyValue: "={{ $('One item per leaver').item.json.id }}" }] });
	});

	it('a company-map row naming no PSA, and a leaver without a PSA (rows of older versions), are ConnectWise\'s', () => {
		expect(byName.get('Contact')!.parameters.jsonOutput).toContain("const psa = String(mapping.psa ?? '').trim().toLowerCase() || 'connectwise';");
	});

	it('leavers are worked out by Sync Run (tested node code) from every PSA\'s results, the users read (failures too) and the recorded rows', () => {
		const summary = byName.get('Summary')!;
		expect(summary.type).toBe('n8n-nodes-m365-license-sync.syncRun');
		expect(summary.parameters).toMatchObject({
			operation: 'contactSync',
			contactResults: "={{ $('Contacts written').all().map((item) => item.json) }}",
			usersRead: "={{ $('Read users').all().map((item) => item.json) }}",
			usersSynced: "={{ $('Contact').all().map((item) => item.json) }}",
			syncedContacts: "={{ $('Read synced contacts').all().map((item) => item.json) }}",
		});
		expect(template.connections['Contacts written'].main[0]).toEqual(expect.arrayContaining([expect.objectContaining({ node: 'Summary' })]));
	});

	it('a company or leaver in a PSA the sync does not know is reported failed, not dropped', () => {
		for (const [gate, unknown, merge] of [['Contact in which PSA', 'Contact in unknown PSA', 'Contacts written'], ['Deactivate in which PSA', 'Leaver in unknown PSA', 'Leavers handled']]) {
			expect(byName.get(gate)!.parameters.options).toMatchObject({ fallbackOutput: 'extra' });
			expect(template.connections[gate].main[2]).toEqual([expect.objectContaining({ node: unknown })]);
			expect(byName.get(unknown)!.parameters.jsonOutput).toMatch(/^=\{\{ \{ error: /);
			expect(template.connections[unknown].main[0]).toEqual([expect.objectContaining({ node: merge, index: 2 })]);
		}
	});
});

describe('link licenses template', () => {
	const template = load('m365-link-licenses.json');
	const byName = new Map(template.nodes.map((node) => [node.name, node]));

	it('the preview counts the other links of the agreement in Setup Form node code, placed in their PSA through the company map', () => {
		const node = byName.get('Links of the agreement')!;
		expect(node.type).toBe('n8n-nodes-m365-license-sync.setupForm');
		expect(node.parameters).toEqual({
			operation: 'linkAgreementLinks',
			link: '={{ $json }}',
			company: "={{ $('Chosen company').first().json }}",
			links: "={{ $('Read license links').all().map((item) => item.json) }}",
			mapRows: "={{ $('Read company map').all().map((item) => item.json) }}",
		});
		expect(template.connections['Link row'].main[0]).toEqual(expect.arrayContaining([expect.objectContaining({ node: 'Links of the agreement' })]));
		expect(template.connections['Links of the agreement'].main[0]).toEqual([expect.objectContaining({ node: 'One item per link' })]);
	});
});
