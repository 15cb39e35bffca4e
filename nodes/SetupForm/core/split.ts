/**
 * One tenant, several companies (#18), on the onboarding form: pick the tenant and the user
 * attribute, give each company its values and find it, see how the tenant's licensed users
 * divide (read by the Microsoft Partner Center node exactly as the sync reads the shares: users
 * matching no company and users matching two), then save one company map row per company with
 * its `splitAttribute` and `splitValues`. Pure: the state of the form session goes in and out.
 */
import { parseCountId, SPLIT_ATTRIBUTES, type SplitAttribute } from '../../shared/customCount';
import { count, escapeHtml, table } from './html';
import { dropdown, html, page, type FormField, type FormPage } from './fields';
import type { MappingRow, ReviewCompany } from './onboarding';
import { MAX_MATCHES, MIN_QUERY } from './onboarding';

type Row = Record<string, unknown>;

export const ATTRIBUTE_WORDS: Readonly<Record<SplitAttribute, string>> = Object.freeze({
	officeLocation: 'Office location',
	department: 'Department',
	companyName: 'Company name (Entra user property)',
	city: 'City',
	state: 'State or province',
	domain: 'UPN domain (the part after @)',
});
export const SPLIT_SAVE = 'Save these companies for the tenant';
export const SPLIT_STOP = 'Stop here (nothing is saved)';
export const MAX_SPLIT_COMPANIES = 6;

export interface SplitTenant {
	tenantId: string;
	tenantName: string;
	defaultDomain?: string;
}

export interface SplitProgress {
	stage: 'tenant' | 'companies' | 'read' | 'confirm';
	tenantId: string;
	attribute: SplitAttribute | '';
	companies: number;
	searches: string[];
	values: string[];
	/** Option text → company id per company field of the confirm page. */
	options: Record<string, Record<string, number>>;
}

/** A company-map row of a split tenant: the onboarding's row with the split's attribute and values. */
export interface SplitMapRow extends Omit<MappingRow, 'method' | 'score'> {
	method: 'split';
	score: null;
	splitAttribute: SplitAttribute;
	splitValues: string;
}

export type SplitStep =
	| { next: 'page'; page: FormPage; progress: SplitProgress }
	| { next: 'read'; read: { tenantId: string; tenantName: string; counts: string }; progress: SplitProgress }
	| { next: 'save'; rows: SplitMapRow[]; summaryHtml: string }
	| { next: 'stop' };

export interface SplitInput {
	tenants: SplitTenant[];
	companies: ReviewCompany[];
	mapRows: Row[];
	/** Text the tenant's name or domain contains (the start page's answer). */
	search: string;
	now: string;
	/** What the Microsoft Partner Center node answered for the `read` step (rows or a failure item). */
	reads: Row[];
	/** The PSA the companies are in (`connectwise` | `autotask`); empty when the form does not say. */
	psa?: string;
}

const norm = (text: unknown): string => String(text ?? '').trim().toLowerCase();
const psaWord = (psa: unknown): string => (norm(psa) === 'autotask' ? 'Autotask' : norm(psa) === 'connectwise' ? 'ConnectWise' : String(psa));
const answerOf = (answers: Row, key: string): string => (Array.isArray(answers[key]) ? String((answers[key] as unknown[])[0] ?? '') : String(answers[key] ?? '')).trim();
const tenantOption = (t: SplitTenant) => `${t.tenantName} (${t.defaultDomain || t.tenantId})`;
const valuesOf = (text: string): string[] => [...new Set(text.split(/[,;\n+]/).map((v) => v.trim()).filter(Boolean))];

/** The share a company's values make, as the link suffix and the count the sync reads; a problem in words otherwise. */
export function shareToken(attribute: SplitAttribute, values: string): string | { problem: string } {
	const bad = valuesOf(values).filter((v) => /[@=]/.test(v));
	if (bad.length > 0) return { problem: `a value may not contain @ or = (got ${bad.map((v) => `"${v}"`).join(', ')})` };
	const parsed = parseCountId(`count:licensedusers@${attribute}=${valuesOf(values).join('+')}`);
	return 'problem' in parsed ? parsed : parsed.id;
}

function tenantPage(input: SplitInput, note = ''): SplitStep {
	const query = norm(input.search);
	const found = input.tenants.filter((t) => t.tenantId && (query === '' || norm(`${t.tenantName} ${t.defaultDomain ?? ''}`).includes(query))).sort((a, b) => a.tenantName.localeCompare(b.tenantName)).slice(0, MAX_MATCHES);
	const progress: SplitProgress = { stage: 'tenant', tenantId: '', attribute: '', companies: 2, searches: [], values: [], options: {} };
	if (found.length === 0) {
		return { next: 'page', page: page('No such tenant', 'Nothing to split', 'Finish', [html(`<p>No tenant's name or domain contains "${escapeHtml(input.search.trim())}". Start the form again with another name.</p>`), dropdown('whatNow', 'What now?', [SPLIT_STOP], SPLIT_STOP)]), progress };
	}
	const fields: FormField[] = [
		html(`<p>A tenant billed as several companies: each company's licenses count only the users whose attribute has one of its values. Users matching no company are reported by every sync.${note}</p>`),
		dropdown('tenant', 'Tenant', found.map(tenantOption), found.length === 1 ? tenantOption(found[0]) : undefined),
		dropdown('attribute', 'Split the users by', SPLIT_ATTRIBUTES.map((a) => ATTRIBUTE_WORDS[a]), ATTRIBUTE_WORDS.companyName),
		dropdown('companies', 'How many companies', Array.from({ length: MAX_SPLIT_COMPANIES - 1 }, (_, i) => String(i + 2)), '2'),
	];
	return { next: 'page', page: page('Split a tenant', 'One tenant, several companies', 'Next', fields), progress };
}

function companiesPage(input: SplitInput, progress: SplitProgress, note = ''): SplitStep {
	const tenant = input.tenants.find((t) => t.tenantId === progress.tenantId)!;
	const mapped = input.mapRows.filter((r) => norm(r.tenantId) === norm(tenant.tenantId));
	const fields: FormField[] = [
		html(
			`<p><b>${escapeHtml(tenantOption(tenant))}</b>, split by <b>${escapeHtml(ATTRIBUTE_WORDS[progress.attribute as SplitAttribute])}</b>. For each company type part of its name (at least ${MIN_QUERY} letters) and the values of its users, separated by commas (any case).</p>` +
				(mapped.length > 0 ? `<p>Mapped now to: ${mapped.map((r) => escapeHtml(r.companyName ?? `#${String(r.companyId)}`)).join(', ')}.</p>` : '') +
				note,
		),
	];
	for (let i = 0; i < progress.companies; i++) {
		fields.push(
			{ fieldType: 'text', fieldLabel: `Company ${i + 1}: name contains`, fieldName: `company${i + 1}`, defaultValue: progress.searches[i] ?? '', requiredField: true },
			{ fieldType: 'text', fieldLabel: `Company ${i + 1}: values`, fieldName: `values${i + 1}`, defaultValue: progress.values[i] ?? '', requiredField: true },
		);
	}
	return { next: 'page', page: page('Companies of the tenant', `${progress.companies} companies`, 'Show how the users divide', fields), progress: { ...progress, stage: 'companies' } };
}

function readStep(input: SplitInput, progress: SplitProgress): SplitStep {
	const tenant = input.tenants.find((t) => t.tenantId === progress.tenantId)!;
	const tokens = progress.values.map((values) => shareToken(progress.attribute as SplitAttribute, values));
	const bad = tokens.map((t, i) => (typeof t === 'string' ? null : `<li>Company ${i + 1}: ${escapeHtml(t.problem)}</li>`)).filter(Boolean);
	const short = progress.searches.map((s, i) => (s.length < MIN_QUERY ? `<li>Company ${i + 1}: type at least ${MIN_QUERY} letters of its name</li>` : null)).filter(Boolean);
	if (bad.length + short.length > 0) return companiesPage(input, progress, `<ul>${[...bad, ...short].join('')}</ul>`);
	return { next: 'read', read: { tenantId: tenant.tenantId, tenantName: tenant.tenantName, counts: (tokens as string[]).join(',') }, progress: { ...progress, stage: 'read' } };
}

const upnList = (users: unknown): string => {
	const list = Array.isArray(users) ? (users as string[]) : [];
	return list.slice(0, 20).map(escapeHtml).join(', ') + (list.length > 20 ? ` +${list.length - 20} more` : '');
};

/** How the licensed users divide, as the sync will report it: per company, matching no company, matching two. */
export function divisionHtml(progress: SplitProgress, reads: Row[]): string {
	const failed = reads.find((r) => typeof r.error === 'string');
	if (failed) return `<p><b>The tenant's users could not be read</b>, so how they divide is not shown: ${escapeHtml(failed.error)}</p>`;
	const rows = progress.values.map((values, i) => {
		const id = shareToken(progress.attribute as SplitAttribute, values) as string;
		const row = reads.find((r) => r.skuId === id);
		const twice = Array.isArray(row?.matchedTwice) ? (row.matchedTwice as string[]) : [];
		return [`Company ${i + 1}`, escapeHtml(valuesOf(values).join(', ')), row ? escapeHtml(row.assigned) : 'not in what Microsoft answered', twice.length > 0 ? `${twice.length}: ${upnList(twice)}` : 'none'];
	});
	const unmatched = reads.find((r) => r.countKind === 'unmatched');
	return (
		table(['', 'Values', 'Licensed users now', 'Also matching another company (counted once)'], rows) +
		(unmatched
			? `<p><b>${escapeHtml(unmatched.assigned)} licensed users match no company</b>: every sync reports them as unlinked until their ${escapeHtml(ATTRIBUTE_WORDS[progress.attribute as SplitAttribute])} is set or a company's values include it. ${upnList(unmatched.users)}</p>`
			: '<p>Every licensed user matches a company.</p>')
	);
}

function confirmPage(input: SplitInput, progress: SplitProgress): SplitStep {
	const options: Record<string, Record<string, number>> = {};
	const fields: FormField[] = [html(divisionHtml(progress, input.reads))];
	const notes: string[] = [];
	progress.searches.forEach((search, i) => {
		const query = norm(search);
		const matches = input.companies.filter((c) => norm(c.name).includes(query) || norm(c.identifier).includes(query)).sort((a, b) => a.name.localeCompare(b.name));
		const byText: Record<string, number> = {};
		for (const c of matches.slice(0, MAX_MATCHES)) byText[`${c.name} (${c.identifier || c.companyId})`] = Number(c.companyId);
		options[`company${i + 1}`] = byText;
		if (matches.length === 0) notes.push(`<li>Company ${i + 1}: no company contains "${escapeHtml(search)}"</li>`);
		else fields.push(dropdown(`company${i + 1}`, `Company ${i + 1} (${valuesOf(progress.values[i]).join(', ')})`, Object.keys(byText), Object.keys(byText).length === 1 ? Object.keys(byText)[0] : undefined));
	});
	if (notes.length > 0) return companiesPage(input, { ...progress, stage: 'companies' }, `<ul>${notes.join('')}</ul>`);
	fields.push(dropdown('whatNow', 'Save?', [SPLIT_SAVE, SPLIT_STOP], SPLIT_SAVE));
	return { next: 'page', page: page('How the users divide', 'Check the counts, pick each company, save', 'Finish', fields), progress: { ...progress, stage: 'confirm', options } };
}

function save(input: SplitInput, progress: SplitProgress, answers: Row): SplitStep {
	const tenant = input.tenants.find((t) => t.tenantId === progress.tenantId)!;
	const rows: SplitMapRow[] = progress.values.map((values, i) => {
		const answer = answerOf(answers, `company${i + 1}`);
		const companyId = progress.options[`company${i + 1}`]?.[answer];
		if (companyId === undefined) throw new Error(`Company ${i + 1}: "${answer}" is not one of the companies the page offered`);
		const company = input.companies.find((c) => Number(c.companyId) === companyId)!;
		return {
			tenantId: tenant.tenantId,
			tenantName: tenant.tenantName,
			defaultDomain: tenant.defaultDomain ?? '',
			companyId,
			companyIdentifier: company.identifier ?? '',
			companyName: company.name,
			method: 'split',
			score: null,
			mappedAt: input.now,
			splitAttribute: progress.attribute as SplitAttribute,
			splitValues: valuesOf(values).join(', '),
		};
	});
	const twice = rows.map((r) => r.companyId).filter((id, i, all) => all.indexOf(id) !== i);
	if (twice.length > 0) throw new Error(`Company #${twice[0]} was picked for two shares of the tenant: give it one share with all of its values`);
	// Company ids are per PSA. Saving would turn the tenant's row for the other PSA's company with
	// the same id into this PSA's, so its links would be read and billed in the wrong PSA.
	// A row without psa predates Autotask support: it is a ConnectWise row (the default's default).
	const psaOfRow = (r: Row) => norm(r.psa) || 'connectwise';
	const clash = input.psa ? input.mapRows.find((r) => norm(r.tenantId) === norm(tenant.tenantId) && psaOfRow(r) !== norm(input.psa) && rows.some((row) => row.companyId === Number(r.companyId))) : undefined;
	if (clash) throw new Error(`Company #${String(clash.companyId)} is already mapped to ${tenant.tenantName} in ${psaWord(psaOfRow(clash))} (${String(clash.companyName ?? '')}${norm(clash.psa) === '' ? ', a row with no psa' : ''}): a company with the same id in ${psaWord(input.psa)} cannot be mapped to the same tenant, because the sync could not tell the two apart. Nothing was saved; remove that row from m365_company_map first if the tenant moves.`);
	const others = input.mapRows.filter((r) => norm(r.tenantId) === norm(tenant.tenantId) && !rows.some((row) => row.companyId === Number(r.companyId)));
	const summaryHtml =
		`<p>Saved ${count(rows.length, 'company', 'companies')} for <b>${escapeHtml(tenantOption(tenant))}</b>, split by ${escapeHtml(ATTRIBUTE_WORDS[progress.attribute as SplitAttribute])}.</p>` +
		table(['Company', 'Values'], rows.map((r) => [escapeHtml(r.companyName), escapeHtml(r.splitValues)])) +
		(others.length > 0 ? `<p>The tenant is still mapped to ${others.map((r) => escapeHtml(r.companyName ?? `#${String(r.companyId)}`)).join(', ')} without a share: links of that company count every user. Remove that row from m365_company_map if it is not billed any more.</p>` : '') +
		'<p><b>Next step:</b> link each company\'s licenses with the <b>M365 Link licenses</b> form (<code>/form/m365-link-licenses</code>): it offers the licenses and counts of the company\'s share.</p>';
	return { next: 'save', rows, summaryHtml };
}

/** One step of the split pages: with no progress yet the first page; else the answers (or the read) lead to the next page, the read, or the rows to save. */
export function splitStep(input: SplitInput, progress: SplitProgress | null, answers: Row): SplitStep {
	if (progress === null) return tenantPage(input);
	// A page that timed out passes our own item on instead of answers.
	if ('next' in answers && 'progress' in answers) return { next: 'stop' };
	if (answerOf(answers, 'whatNow') === SPLIT_STOP) return { next: 'stop' };
	switch (progress.stage) {
		case 'tenant': {
			const tenant = input.tenants.find((t) => tenantOption(t) === answerOf(answers, 'tenant'));
			const attribute = SPLIT_ATTRIBUTES.find((a) => ATTRIBUTE_WORDS[a] === answerOf(answers, 'attribute'));
			const companies = Number(answerOf(answers, 'companies'));
			if (!tenant || !attribute || !Number.isInteger(companies) || companies < 2 || companies > MAX_SPLIT_COMPANIES) throw new Error('The split page was answered with a tenant, attribute or number of companies it did not offer');
			return companiesPage(input, { ...progress, tenantId: tenant.tenantId, attribute, companies });
		}
		case 'companies': {
			const searches = Array.from({ length: progress.companies }, (_, i) => answerOf(answers, `company${i + 1}`));
			const values = Array.from({ length: progress.companies }, (_, i) => answerOf(answers, `values${i + 1}`));
			return readStep(input, { ...progress, searches, values });
		}
		case 'read':
			return confirmPage(input, progress);
		case 'confirm':
			return save(input, progress, answers);
	}
}
