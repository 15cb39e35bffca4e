/** `npm run demo -- …` options: which PSA the demo bills in. */
import { parseDemoArgs } from '../../../scripts/demo';

describe('demo options', () => {
	test.each([
		{ argv: [], psa: 'connectwise' },
		{ argv: ['--psa', 'autotask'], psa: 'autotask' },
		{ argv: ['--exit', '--psa', 'Autotask', '--tenants', '12'], psa: 'autotask' },
		{ argv: ['--psa', 'connectwise'], psa: 'connectwise' },
	])('$argv → $psa', ({ argv, psa }) => {
		expect(parseDemoArgs(argv).psa).toBe(psa);
	});

	test.each([[['--psa']], [['--psa', 'halo']]])('%p is refused, naming the PSAs it knows', (argv) => {
		expect(() => parseDemoArgs(argv)).toThrow('--psa needs one of connectwise, autotask');
	});
});
