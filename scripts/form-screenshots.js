// Photographs the form pages the forms e2e kept (test-artifacts/form-pages/*.html) with Debian's
// Chromium, into docs/screenshots/form-<name>.png. Run after
// `npx jest -c jest.e2e.config.js tests/e2e/forms.e2e.test.ts`: node scripts/form-screenshots.js
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const PAGES = path.join(ROOT, 'test-artifacts', 'form-pages');
const OUT = path.join(ROOT, 'docs', 'screenshots');

async function main() {
	const files = fs.readdirSync(PAGES).filter((file) => file.endsWith('.html')).sort();
	if (files.length === 0) throw new Error(`no pages in ${PAGES}: run the forms e2e first`);
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
		// The pages' own scripts poll their n8n; offline they must not run.
		await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
		for (const file of files) {
			const html = fs.readFileSync(path.join(PAGES, file), 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
			const copy = path.join(PAGES, `.shot-${file}`);
			fs.writeFileSync(copy, html);
			await page.goto(`file://${copy}`);
			const target = path.join(OUT, `form-${file.replace(/\.html$/, '')}.png`);
			await page.screenshot({ path: target, fullPage: true });
			fs.rmSync(copy);
			process.stdout.write(`${path.relative(ROOT, target)}\n`);
		}
	} finally {
		await browser.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
