import { readdirSync, readFileSync } from 'fs';
import path from 'path';

import type { ICredentialType } from 'n8n-workflow';

// The "docs" link in n8n's credential dialog must land on the README section that explains
// that credential's setup, not on a generic page: a user stuck at a step follows it.
const ROOT = path.join(__dirname, '..', '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const HOMEPAGE = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { homepage: string }).homepage;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function githubAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

const anchors = new Set(
	README.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => githubAnchor(line.replace(/^#+ /, ''))),
);

const credentialFiles = readdirSync(path.join(ROOT, 'credentials')).filter((file) => file.endsWith('.credentials.ts'));

describe.each(credentialFiles)('%s documentation link', (file) => {
	it('points to a section of this package README that exists', async () => {
		const loaded = (await import(path.join(ROOT, 'credentials', file))) as Record<string, new () => ICredentialType>;
		const credential = new (Object.values(loaded)[0])();
		const url = new URL(credential.documentationUrl ?? '');
		expect(`${url.origin}${url.pathname}`).toBe(HOMEPAGE);
		expect(anchors).toContain(url.hash.slice(1));
	});
});
