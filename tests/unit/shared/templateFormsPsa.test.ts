import { loadTemplate as load, reachable, type Template } from './templateGraph';

// The billing profiles and link licenses forms on either PSA: a PSA node runs only on the branch
// that chose its PSA, so an install with only one PSA credential never calls the other PSA.

const psaNodes = (template: Template, kind: 'autotaskPsa' | 'connectWisePsa') => template.nodes.filter((node) => node.type.endsWith(`.${kind}`)).map((node) => node.name);

describe.each([
	{ file: 'm365-billing-profiles.json', start: 'Start billing profile', autotaskBranches: ['Autotask?#0'], connectWiseBranches: ['Autotask?#1'], autotask: ['Read Autotask services', 'Read contract categories'] },
	{
		file: 'm365-link-licenses.json',
		start: 'Start linking licenses',
		autotaskBranches: ['Autotask companies?#0', 'Autotask contract?#0'],
		connectWiseBranches: ['ConnectWise companies?#0', 'Autotask contract?#1'],
		autotask: ['Read active Autotask contracts', 'Read current contract services (Autotask)'],
	},
])('$file on either PSA', ({ file, start, autotaskBranches, connectWiseBranches, autotask }) => {
	const template = load(file);

	it('has the Autotask reads', () => {
		expect(psaNodes(template, 'autotaskPsa').sort()).toEqual([...autotask].sort());
		for (const name of autotask) expect(template.nodes.find((node) => node.name === name)!).toMatchObject({ credentials: { autotaskPsaApi: { name: 'Autotask PSA account' } } });
	});

	it('reaches no Autotask node once its branches are cut, and no ConnectWise node once theirs are', () => {
		const withoutAutotask = reachable(template, start, { cutOutputs: new Set(autotaskBranches) });
		expect(psaNodes(template, 'autotaskPsa').filter((name) => withoutAutotask.has(name))).toEqual([]);
		expect(psaNodes(template, 'connectWisePsa').every((name) => withoutAutotask.has(name))).toBe(true);
		const withoutConnectWise = reachable(template, start, { cutOutputs: new Set(connectWiseBranches) });
		expect(psaNodes(template, 'connectWisePsa').filter((name) => withoutConnectWise.has(name))).toEqual([]);
		expect(psaNodes(template, 'autotaskPsa').every((name) => withoutConnectWise.has(name))).toBe(true);
	});
});

describe('billing profiles: the PSA is asked as onboarding asks it', () => {
	it('the start page asks for the PSA, ConnectWise PSA preselected, and only the Autotask answer reads Autotask', () => {
		const template = load('m365-billing-profiles.json');
		const start = template.nodes.find((node) => node.name === 'Start billing profile')!;
		const fields = (start.parameters.formFields as { values: Array<Record<string, unknown>> }).values;
		expect(fields[0]).toMatchObject({ fieldLabel: 'PSA your customers are billed in', fieldName: 'psa', fieldType: 'dropdown', defaultValue: 'ConnectWise PSA', fieldOptions: { values: [{ option: 'ConnectWise PSA' }, { option: 'Autotask PSA' }] } });
		expect(JSON.stringify(template.nodes.find((node) => node.name === 'Autotask?')!.parameters)).toContain("$('Start billing profile').first().json.psa === 'Autotask PSA'");
	});
});
