/** The shipped templates as graphs, for the tests that check which nodes a branch can reach. */
import { readFileSync } from 'fs';
import path from 'path';

export const TEMPLATE_DIR = path.join(__dirname, '..', '..', '..', 'workflows-templates');

export interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
export interface Template {
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string; index: number }>> }>;
}

export const loadTemplate = (file: string) => JSON.parse(readFileSync(path.join(TEMPLATE_DIR, file), 'utf8')) as Template;

/** Nodes reachable from `start`, never through a cut output (`node#output`) or into a blocked node. */
export function reachable(template: Template, start: string, { cutOutputs = new Set<string>(), blockedNodes = new Set<string>() }: { cutOutputs?: Set<string>; blockedNodes?: Set<string> }): Set<string> {
	const seen = new Set<string>([start]);
	const queue = [start];
	while (queue.length > 0) {
		const from = queue.shift()!;
		(template.connections[from]?.main ?? []).forEach((targets, output) => {
			if (cutOutputs.has(`${from}#${output}`)) return;
			for (const { node } of targets) {
				if (seen.has(node) || blockedNodes.has(node)) continue;
				seen.add(node);
				queue.push(node);
			}
		});
	}
	return seen;
}
