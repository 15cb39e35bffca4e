import { readFileSync } from 'fs';
import path from 'path';

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

const load = (file: string): { nodes: TemplateNode[] } => JSON.parse(readFileSync(path.join(__dirname, '../../../workflows-templates', file), 'utf8')) as { nodes: TemplateNode[] };
const FORMS = ['m365-review-changes.json', 'm365-company-overview.json'];

describe.each(FORMS)('%s', (file) => {
	const { nodes } = load(file);

	it('every form page and end page gives up waiting after a while (an abandoned form does not stay "Waiting")', () => {
		const forms = nodes.filter((node) => node.type === 'n8n-nodes-base.form');
		expect(forms.length).toBeGreaterThanOrEqual(2);
		for (const form of forms) expect({ name: form.name, limit: form.parameters.limitWaitTime, type: form.parameters.limitType }).toEqual({ name: form.name, limit: true, type: 'afterTimeInterval' });
		const page = forms.find((form) => form.parameters.operation === 'page')!;
		expect([page.parameters.resumeAmount, page.parameters.resumeUnit]).toEqual([1, 'hours']);
	});

	it('keeps its logic in the License Review node: no long expressions', () => {
		const expressions = nodes.flatMap((node) => JSON.stringify(node.parameters).match(/"=[^"]*"/g) ?? []);
		for (const expression of expressions) expect(expression.length).toBeLessThan(260);
		expect(nodes.filter((node) => node.type === 'n8n-nodes-m365-license-sync.licenseReview')).toHaveLength(1);
	});
});

it('the overview\'s Sync now runs the same core, with the same inputs, as the Sync now webhook', () => {
	const run = load('m365-sync-now.json').nodes.find((node) => node.name === 'Run the sync')!;
	const sync = load('m365-company-overview.json').nodes.find((node) => node.name === 'Sync this company')!;
	expect(sync.type).toBe(run.type);
	expect(sync.parameters.workflowId).toEqual(run.parameters.workflowId);
	const inputs = (node: TemplateNode) => Object.keys((node.parameters.workflowInputs as { value: Record<string, unknown> }).value).sort();
	expect(inputs(sync)).toEqual(inputs(run));
	expect((sync.parameters.options as Record<string, unknown>).waitForSubWorkflow).toBe(true);
});
