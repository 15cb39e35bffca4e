/**
 * Fills in n8n forms over HTTP the way n8n's own form page script does (templates/form-trigger
 * in n8n 2.41): GET the page, POST multipart/form-data with `field-<n>` keys (checkboxes as a
 * JSON list), then poll `<waiting url>/n8n-execution-status` until the next page is waiting
 * (`form-waiting`) or the run ended, and GET `/form-waiting/<execution>?signature=…` for it.
 */

export interface FormField {
	/** `field-<n>`: the key the page posts. */
	key: string;
	label: string;
	kind: 'select' | 'checkboxes' | 'input' | 'textarea' | 'hidden' | 'html';
	/** Choices of a select or checkboxes, as the person reads them. */
	options: string[];
	/** What the page shows before anyone types: a select's preselected choice, an input's value. */
	selected: string | null;
	/** Checkboxes ticked when the page opens. */
	checked: string[];
}

export interface FormPage {
	url: string;
	title: string;
	fields: FormField[];
	html: string;
}

export type FormOutcome =
	| { kind: 'page'; page: FormPage }
	| { kind: 'done'; status: string; html: string };

/** Sent with every request, as a browser does once the person has typed the form's login. */
let authorization: string | undefined;

/** Log in to forms whose trigger uses Basic Auth (`undefined`: send no login). */
export function useFormLogin(login: { user: string; password: string } | undefined): void {
	authorization = login ? `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` : undefined;
}

function withLogin(init: RequestInit = {}): RequestInit {
	return authorization ? { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization } } : init;
}

/** Values by field key (`field-0`) or by label; a list answers checkboxes. */
export type FormAnswers = Record<string, string | string[]>;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&#x3D;': '=', '&#x60;': '`', '&#x2F;': '/' };

export function decodeHtml(text: string): string {
	// Twice: values escaped by n8n's JSON form parser are escaped again by the page template.
	const once = (value: string): string => value.replace(/&(amp|lt|gt|quot|#x27|#39|#x3D|#x60|#x2F);/g, (entity) => ENTITIES[entity]);
	return once(once(text));
}

function fieldsOf(html: string): FormField[] {
	const form = html.slice(html.indexOf("<div class='inputs-wrapper'>"), html.indexOf("<button id='submit-btn'"));
	const fields: FormField[] = [];
	const blocks = form.split(/(?=<div class='form-group|<div>\s*<label class='form-label|<input type="hidden")/);
	for (const block of blocks) {
		const key = /id='(field-\d+)'|id="(field-\d+)"/.exec(block);
		if (!key) continue;
		const label = decodeHtml((/<label class='form-label[^']*'[^>]*>([^<]*)<\/label>/.exec(block)?.[1] ?? '').trim());
		const fieldKey = key[1] ?? key[2];
		if (block.includes('<select')) {
			const options = [...block.matchAll(/<option value='([^']*)'( selected)?>/g)].map((m) => ({ value: decodeHtml(m[1]), selected: !!m[2] }));
			const real = options.filter((option) => option.value !== '');
			fields.push({ key: fieldKey, label, kind: 'select', options: real.map((o) => o.value), selected: real.find((o) => o.selected)?.value ?? null, checked: [] });
		} else if (block.includes("class='multiselect")) {
			const boxes = [...block.matchAll(/class='multiselect-checkbox' id='[^']*' value='([^']*)'( checked)?/g)];
			const options = boxes.map((m) => decodeHtml(m[1]));
			fields.push({ key: fieldKey, label, kind: 'checkboxes', options, selected: null, checked: boxes.filter((m) => m[2]).map((m) => decodeHtml(m[1])) });
		} else if (block.includes('<textarea')) {
			const text = /<textarea[^>]*>([^<]*)<\/textarea>/.exec(block)?.[1] ?? '';
			fields.push({ key: fieldKey, label, kind: 'textarea', options: [], selected: decodeHtml(text), checked: [] });
		} else if (block.includes('form-group html')) {
			fields.push({ key: fieldKey, label, kind: 'html', options: [], selected: null, checked: [] });
		} else if (block.startsWith('<input type="hidden"')) {
			fields.push({ key: fieldKey, label, kind: 'hidden', options: [], selected: decodeHtml(/value="([^"]*)"/.exec(block)?.[1] ?? ''), checked: [] });
		} else {
			fields.push({ key: fieldKey, label, kind: 'input', options: [], selected: decodeHtml(/value="([^"]*)"/.exec(block)?.[1] ?? ''), checked: [] });
		}
	}
	return fields;
}

/**
 * A completion page resumes its paused run with an empty POST as soon as it loads (n8n's
 * form-trigger-completion template), so the run ends instead of waiting: do the same.
 */
async function resumeCompletion(url: string, html: string): Promise<void> {
	const token = /const authToken = '([^']*)'/.exec(html)?.[1];
	const response = await fetch(url, withLogin({ method: 'POST', headers: token ? { 'x-auth-token': token } : {} }));
	if (!response.ok) throw new Error(`POST ${url} (completion page) answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

export async function openForm(url: string): Promise<FormPage> {
	const response = await fetch(url, withLogin());
	const html = await response.text();
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${html.slice(0, 300)}`);
	const title = decodeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]?.trim() ?? '');
	if (url.includes('/form-waiting/') && !html.includes("<div class='inputs-wrapper'>") && html.includes("method: 'POST'")) await resumeCompletion(url, html);
	return { url, title, fields: fieldsOf(html), html };
}

/** The field whose label contains `text` (exactly one), for answers keyed by what a person reads. */
export function fieldByLabel(page: FormPage, text: string): FormField {
	const found = page.fields.filter((field) => field.label.includes(text));
	if (found.length !== 1) throw new Error(`${found.length} fields of "${page.title}" have "${text}" in their label: ${page.fields.map((f) => f.label).join(' | ')}`);
	return found[0];
}

function body(page: FormPage, answers: FormAnswers): FormData {
	const data = new FormData();
	for (const field of page.fields) {
		const answer = answers[field.key] ?? answers[field.label];
		if (field.kind === 'checkboxes') {
			const chosen = Array.isArray(answer) ? answer : answer ? [answer] : answer === undefined ? field.checked : [];
			const unknown = chosen.filter((value) => !field.options.includes(value));
			if (unknown.length) throw new Error(`"${field.label}" has no option ${unknown.join(', ')}`);
			data.append(field.key, JSON.stringify(chosen));
			continue;
		}
		if (field.kind === 'html') continue;
		const value = Array.isArray(answer) ? answer[0] : answer ?? field.selected ?? '';
		if (field.kind === 'select' && value !== '' && !field.options.includes(value)) {
			throw new Error(`"${field.label}" has no option "${value}"; options: ${field.options.join(' | ')}`);
		}
		data.append(field.key, value);
	}
	return data;
}

/** n8n may close an idle keep-alive connection just as a poll reuses it: ask again. */
async function executionStatus(url: URL, attempts = 5): Promise<string> {
	let failure: unknown;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const answer = await fetch(url, withLogin()).then(async (response) => (await response.text()).trim(), (error: unknown) => {
			failure = error;
			return null;
		});
		if (answer !== null) return answer;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`GET ${url.toString()} failed ${attempts} times: ${String(failure)}`);
}

async function nextStep(waitingUrl: string, timeoutMs: number): Promise<FormOutcome> {
	const deadline = Date.now() + timeoutMs;
	const statusUrl = new URL(waitingUrl);
	statusUrl.pathname += '/n8n-execution-status';
	for (;;) {
		const status = await executionStatus(statusUrl);
		if (status === 'form-waiting') {
			// The waiting page of a finished run is its completion screen.
			return { kind: 'page', page: await openForm(waitingUrl) };
		}
		if (['success', 'error', 'canceled', 'crashed', 'null'].includes(status)) {
			const response = await fetch(waitingUrl, withLogin());
			return { kind: 'done', status, html: await response.text() };
		}
		if (Date.now() > deadline) throw new Error(`form run still "${status}" after ${timeoutMs} ms (${waitingUrl})`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/**
 * Submits a page and returns what the browser shows next: the next page, or the end of the run
 * (status `success` once no form page is waiting any more).
 */
export async function submitForm(page: FormPage, answers: FormAnswers = {}, timeoutMs = 120000): Promise<FormOutcome> {
	const response = await fetch(page.url, withLogin({ method: 'POST', body: body(page, answers) }));
	const text = await response.text();
	if (!response.ok) throw new Error(`POST ${page.url} answered ${response.status}: ${text.slice(0, 500)}`);
	let waitingUrl = page.url.includes('/form-waiting/') ? page.url : '';
	try {
		const json = JSON.parse(text) as { formWaitingUrl?: string };
		if (json.formWaitingUrl) waitingUrl = json.formWaitingUrl;
	} catch {
		// A page of a waiting form answers with HTML or nothing.
	}
	if (!waitingUrl) return { kind: 'done', status: 'success', html: text };
	return await nextStep(waitingUrl, timeoutMs);
}

/** The next page, failing with what was shown instead when the run ended. */
export function expectPage(outcome: FormOutcome): FormPage {
	if (outcome.kind !== 'page') throw new Error(`expected another form page, the run ended (${outcome.status}): ${outcome.html.slice(0, 300)}`);
	return outcome.page;
}
