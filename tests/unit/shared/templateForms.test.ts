import { readdirSync, readFileSync } from 'fs';
import path from 'path';

// n8n keeps a form run "Waiting" until its end page is answered; people close the tab, so an
// end page without a wait limit leaves one waiting execution per finished form run, forever.
const DIR = path.join(__dirname, '..', '..', '..', 'workflows-templates');

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

const completionPages = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { nodes: TemplateNode[] }).nodes
			.filter((node) => node.type === 'n8n-nodes-base.form' && node.parameters.operation === 'completion')
			.map((node) => [file, node.name, node.parameters] as const),
	);

describe('form end pages of the shipped templates', () => {
	it('exist in the form templates', () => {
		expect(completionPages.length).toBeGreaterThanOrEqual(6);
	});

	it.each(completionPages)('%s "%s" gives up waiting after a time', (_file, _name, parameters) => {
		expect(parameters).toMatchObject({ limitWaitTime: true, limitType: 'afterTimeInterval' });
		expect(Number(parameters.resumeAmount)).toBeGreaterThan(0);
	});
});
