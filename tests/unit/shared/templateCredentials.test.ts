import { readdirSync, readFileSync } from 'fs';
import path from 'path';

import { AutotaskPsaApi } from '../../../credentials/AutotaskPsaApi.credentials';
import { ConnectWisePsaApi } from '../../../credentials/ConnectWisePsaApi.credentials';
import { MicrosoftPartnerCenterApi } from '../../../credentials/MicrosoftPartnerCenterApi.credentials';

// n8n links an imported template's credential by id, else by name and type; the name it
// suggests for a new credential is the type's display name without API/OAuth1/OAuth2, plus
// " account" (editor-ui getAppNameFromCredType). A user who keeps that name gets working
// templates without picking the credential node by node.
const DIR = path.join(__dirname, '..', '..', '..', 'workflows-templates');
const suggestedName = (displayName: string) =>
	`${displayName
		.split(' ')
		.filter((word) => !['API', 'OAuth1', 'OAuth2'].includes(word))
		.join(' ')} account`;

const refs = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { nodes: Array<{ name: string; credentials?: Record<string, { name: string }> }> }).nodes.flatMap((node) =>
			Object.entries(node.credentials ?? {}).map(([type, ref]) => ({ file, node: node.name, type, name: ref.name })),
		),
	);

describe.each([new MicrosoftPartnerCenterApi(), new ConnectWisePsaApi(), new AutotaskPsaApi()])('templates naming the $displayName credential', (credential) => {
	const named = refs.filter((ref) => ref.type === credential.name);

	it('name it as n8n suggests for a new one', () => {
		expect(named.length).toBeGreaterThan(0);
		for (const ref of named) expect(ref).toEqual({ ...ref, name: suggestedName(credential.displayName) });
	});
});
