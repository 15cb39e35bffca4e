import { readdirSync } from 'fs';
import { loadTemplate as load, reachable, TEMPLATE_DIR as DIR } from './templateGraph';

// Onboarding on either PSA: a company id means nothing without its PSA, so every company-map row
// the onboarding form writes must say which PSA it was answered for, and only that PSA is read.

const onboarding = load('m365-onboarding.json');
const PSA_CHOICE = "$('Start onboarding').first().json.psa === 'Autotask PSA'";

describe('template connections', () => {
	it.each(readdirSync(DIR).filter((file) => file.endsWith('.json')))('%s: every connection list sits under "main" (n8n refuses to import anything else)', (file) => {
		for (const [from, outputs] of Object.entries(load(file).connections)) {
			expect({ from, main: Array.isArray(outputs.main) }).toEqual({ from, main: true });
		}
	});
});

describe('onboarding template: the PSA the customers are billed in', () => {
	const byName = new Map(onboarding.nodes.map((node) => [node.name, node]));

	it('the start page asks for the PSA, ConnectWise PSA preselected', () => {
		const fields = (byName.get('Start onboarding')!.parameters.formFields as { values: Array<Record<string, unknown>> }).values;
		expect(fields[0]).toMatchObject({ fieldName: 'psa', fieldType: 'dropdown', defaultValue: 'ConnectWise PSA', fieldOptions: { values: [{ option: 'ConnectWise PSA' }, { option: 'Autotask PSA' }] } });
	});

	it('every company-map write is reached only through a node that sets psa from that answer', () => {
		const writes = onboarding.nodes.filter((node) => node.type === 'n8n-nodes-base.dataTable' && ['insert', 'upsert', 'update'].includes(String(node.parameters.operation)));
		expect(writes.map((node) => node.name).sort()).toEqual(['Save chosen mappings', 'Save confident matches', 'Save split companies']);
		const setters = onboarding.nodes.filter((node) => node.type === 'n8n-nodes-base.set' && JSON.stringify(node.parameters).includes(`${PSA_CHOICE} ? 'autotask' : 'connectwise'`));
		expect(setters.map((node) => node.name).sort()).toEqual(['Chosen mapping PSA', 'Mapping row', 'Split company PSA']);
		const withoutSetters = reachable(onboarding, 'Start onboarding', { blockedNodes: new Set(setters.map((node) => node.name)) });
		for (const write of writes) expect({ write: write.name, reachedWithoutPsa: withoutSetters.has(write.name) }).toEqual({ write: write.name, reachedWithoutPsa: false });
	});

	it('each PSA company read runs only on its branch of the answer: Autotask on true, ConnectWise on false', () => {
		const reads = onboarding.nodes.filter((node) => /\.(autotaskPsa|connectWisePsa)$/.test(node.type));
		expect(reads).toHaveLength(4);
		for (const read of reads) {
			const parents = Object.entries(onboarding.connections).flatMap(([from, outputs]) => outputs.main.flatMap((targets, output) => (targets.some((t) => t.node === read.name) ? [{ from, output }] : [])));
			expect(parents).toHaveLength(1);
			const gate = byName.get(parents[0].from)!;
			expect(gate.type).toBe('n8n-nodes-base.if');
			expect(JSON.stringify(gate.parameters)).toContain(PSA_CHOICE);
			expect({ read: read.name, output: parents[0].output }).toEqual({ read: read.name, output: read.type.endsWith('autotaskPsa') ? 0 : 1 });
		}
	});

	it('Autotask companies are read active only, and your own company (Autotask type Our Company) is never offered', () => {
		for (const read of onboarding.nodes.filter((node) => node.type.endsWith('.autotaskPsa'))) {
			expect(read.parameters).toMatchObject({ resource: 'company', operation: 'getAll', returnAll: true, filters: { activeOnly: true } });
		}
		expect(String(byName.get('Onboarding step')!.parameters.excludeCompanyTypes).split(',').map((type) => type.trim())).toEqual(['Owner', 'Our Company']);
	});
});
