import { readdirSync, readFileSync } from 'fs';
import path from 'path';

// n8n keeps a form run "Waiting" until its page is answered; people close the tab, so a page
// without a wait limit leaves one waiting execution per abandoned form run, forever.
const DIR = path.join(__dirname, '..', '..', '..', 'workflows-templates');

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

interface Template {
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const templates = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Template] as const);

const formNodes = (operation: string) =>
	templates.flatMap(([file, template]) =>
		template.nodes.filter((node) => node.type === 'n8n-nodes-base.form' && node.parameters.operation === operation).map((node) => [file, node.name, node.parameters] as const),
	);
const completionPages = formNodes('completion');
const formPages = formNodes('page');

/** Every node reachable from `start` (not including it). */
function downstream(template: Template, start: string): Set<string> {
	const seen = new Set<string>();
	const queue = [start];
	while (queue.length > 0) {
		for (const output of template.connections[queue.shift()!]?.main ?? []) {
			for (const { node } of output) {
				if (seen.has(node)) continue;
				seen.add(node);
				queue.push(node);
			}
		}
	}
	return seen;
}

describe('form pages of the shipped templates', () => {
	it('exist in the form templates', () => {
		expect(completionPages.length).toBeGreaterThanOrEqual(6);
		expect(formPages.map(([file, name]) => `${file} ${name}`)).toEqual(expect.arrayContaining(['m365-billing-profiles.json Pick a profile', 'm365-billing-profiles.json Edit the profile']));
	});

	it.each(completionPages)('%s "%s" (end page) gives up waiting after a time', (_file, _name, parameters) => {
		expect(parameters).toMatchObject({ limitWaitTime: true, limitType: 'afterTimeInterval' });
		expect(Number(parameters.resumeAmount)).toBeGreaterThan(0);
	});

	it.each(formPages)('%s "%s" gives up waiting after 1 hour', (_file, _name, parameters) => {
		expect(parameters).toMatchObject({ limitWaitTime: true, limitType: 'afterTimeInterval', resumeAmount: 1, resumeUnit: 'hours' });
	});
});

describe('billing profiles: a page left open saves nothing', () => {
	const template = templates.find(([file]) => file === 'm365-billing-profiles.json')![1];
	const node = (name: string) => template.nodes.find((candidate) => candidate.name === name)!;
	const outputs = (name: string) => (template.connections[name]?.main ?? []).map((output) => output.map((target) => target.node));

	// A timed-out page passes its own input on: each page is followed by a check of its own required answer.
	it.each([
		['Pick a profile', 'Profile picked?', 'profile', 'Edit the profile'],
		['Edit the profile', 'Profile filled in?', 'name', 'Profile row'],
	])('"%s" goes through "%s", which checks its answer %s', (page, guard, field, next) => {
		expect(outputs(page)).toEqual([[guard]]);
		expect(node(guard).type).toBe('n8n-nodes-base.if');
		expect(JSON.stringify(node(guard).parameters)).toContain(`$json.${field}`);
		expect(outputs(guard)).toEqual([[next], ['Left open']]);
	});

	// The guard's condition run on what reaches it: the page's answer, or (timed out) the page's own input.
	const passes = (guard: string, json: Record<string, unknown>): boolean => {
		const [condition] = (node(guard).parameters.conditions as { conditions: Array<{ leftValue: string }> }).conditions;
		const expression = /^=\{\{([\s\S]*)\}\}$/.exec(condition.leftValue)![1];
		return new Function('$json', `return (${expression});`)(json) as boolean;
	};

	it('a submitted page passes its guard; a timed-out page (its input passed on) does not', () => {
		const choices = { profiles: [{ name: 'M365 E3' }], products: [{ identifier: 'SPE_E3', label: 'SPE_E3 — E3' }], agreementTypes: ['M365 Monthly'] };
		expect(passes('Profile picked?', { profile: 'New profile' })).toBe(true);
		expect(passes('Profile picked?', choices)).toBe(false);
		expect(passes('Profile filled in?', { name: 'M365 E3', product: 'SPE_E3 — E3', agreementTypes: ['M365 Monthly'], billCustomer: 'Billable', priceMode: 'catalog' })).toBe(true);
		expect(passes('Profile filled in?', { profile: 'New profile' })).toBe(false);
		expect(passes('Profile filled in?', { name: '  ' })).toBe(false);
	});

	it('"Left open" ends the run: nothing after it writes', () => {
		expect(node('Left open').type).toBe('n8n-nodes-base.noOp');
		expect(downstream(template, 'Left open').size).toBe(0);
		expect(downstream(template, 'Profile filled in?')).toContain('Save billing profile');
	});
});
