import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INodeType } from 'n8n-workflow';
import { runNode } from './harness';

const echo: INodeType = {
	description: { displayName: 'Echo', name: 'echo', group: ['transform'], version: 1, description: '', defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main], credentials: [{ name: 'x', required: true }],
		properties: [{ displayName: 'Mult', name: 'mult', type: 'number', default: 1 }] },
	async execute(this: IExecuteFunctions) {
		const a = this.getInputData(0); const b = this.getInputData(1) ?? [];
		const m = this.getNodeParameter('mult', 0) as number;
		if (m < 0) throw new NodeOperationError(this.getNode(), 'negative');
		const creds = await this.getCredentials('x');
		return [a.map((i, k) => ({ json: { v: (i.json.v as number) * m, c: creds.k }, pairedItem: { item: k } })), b.map((i, k) => ({ json: i.json, pairedItem: { item: k, input: 1 } }))];
	},
};
test('harness: inputs, parameters, credentials, empty input, thrown errors', async () => {
	const r = await runNode({ node: echo, parameters: { mult: 3 }, inputs: [[{ json: { v: 1 } }, { json: { v: 2 } }], [{ json: { w: 1 } }]], credentials: { x: { k: 'K' } } });
	expect(r.error).toBeUndefined();
	expect(r.outputs[0].map((i) => i.json)).toEqual([{ v: 3, c: 'K' }, { v: 6, c: 'K' }]);
	expect(r.outputs[1].map((i) => i.json)).toEqual([{ w: 1 }]);
	const r2 = await runNode({ node: echo, parameters: { mult: 3 }, inputs: [[{ json: { v: 1 } }], []], credentials: { x: { k: 'K' } } });
	expect(r2.outputs[0].map((i) => i.json)).toEqual([{ v: 3, c: 'K' }]);
	const r3 = await runNode({ node: echo, parameters: { mult: -1 }, inputs: [[{ json: { v: 1 } }], []], credentials: { x: { k: 'K' } } });
	expect(r3.error?.message).toBe('negative');
});

test('harness: continueErrorOutput routes error items to the extra output', async () => {
	const failing: INodeType = {
		description: { ...echo.description, name: 'failing', inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], credentials: [] },
		async execute(this: IExecuteFunctions) {
			return [this.getInputData().map((item, i) => (i === 1 ? { json: { error: 'bad item' }, pairedItem: { item: i } } : { json: item.json, pairedItem: { item: i } }))];
		},
	};
	const r = await runNode({ node: failing, parameters: {}, inputs: [[{ json: { v: 1 } }, { json: { v: 2 } }]], onError: 'continueErrorOutput' });
	expect(r.outputs[0].map((i) => i.json)).toEqual([{ v: 1 }]);
	expect(r.outputs[1].map((i) => i.json)).toEqual([{ v: 2, error: 'bad item' }]);
});
