/** Keeps the HTML of form pages a test went through, for `scripts/form-screenshots.js` to photograph. */
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';

import { REPO_ROOT } from '../communityPackage';
import type { FormPage } from './formClient';

export const FORM_PAGES_DIR = path.join(REPO_ROOT, 'test-artifacts', 'form-pages');

export function keepPage(name: string, page: FormPage): void {
	mkdirSync(FORM_PAGES_DIR, { recursive: true });
	writeFileSync(path.join(FORM_PAGES_DIR, `${name}.html`), page.html);
}
