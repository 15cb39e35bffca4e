import type { INodeProperties } from 'n8n-workflow';
import { description, LICENSE_OPTION_DEFAULTS } from '../../../nodes/MicrosoftPartnerCenter/actions/license/getAll.operation';

describe('License Get Many options', () => {
	test('execute() falls back to exactly the defaults the editor shows, for every option', () => {
		const collection = description.find((p) => p.name === 'options');
		const shown = Object.fromEntries(((collection?.options ?? []) as INodeProperties[]).map((o) => [o.name, o.default]));
		expect(shown).toEqual({ ...LICENSE_OPTION_DEFAULTS });
		expect(LICENSE_OPTION_DEFAULTS.excludeFree).toBe(true);
	});
});
