/**
 * The onboarding form at MSP scale, one page at a time: the tenants Tenant Auto-Map was not sure
 * about, a page of them at a time with the plausible suggestion preselected; a search for any other
 * company; and the mappings to save. Pure: the state of the form session goes in and comes out.
 */
import { escapeHtml, table, count } from './html';
import { dropdown, html, page, type FormField, type FormPage } from './fields';
import { plausibleBest, whySuggested, type Suggestion } from './suggestions';

export interface ReviewTenant {
	tenantId: string;
	tenantName: string;
	defaultDomain: string;
	candidates: Suggestion[];
	/** Companies the tenant is already mapped to (shown when "show already mapped tenants" is ticked). */
	mappedTo: string[];
}

export interface ReviewCompany {
	companyId: number;
	name: string;
	identifier: string;
	types: string[];
}

export interface ReviewList {
	autoSaved: number;
	tenants: ReviewTenant[];
	companies: ReviewCompany[];
}

export interface OnboardingSettings {
	pageSize: number;
	/** Company types never offered (the MSP's own company: ConnectWise type "Owner"). */
	excludeTypes: string[];
	/** ISO time stamped on the saved mappings. */
	now: string;
}

export interface Choice {
	companyId: number;
	/** The suggestion's score; null for a company found by searching. */
	score: number | null;
}

export interface OnboardingProgress {
	stage: 'review' | 'search' | 'results';
	/** Index of the review page shown or being answered. */
	page: number;
	choices: Record<string, Choice>;
	/** Tenants of the current page for which the person looks for another company. */
	searching: string[];
	queries: Record<string, string>;
	/** Option text → company id per tenant field of the page being answered. */
	options: Record<string, Record<string, number>>;
	/** "finish" chosen: after the searches, save instead of the next page. */
	finishing: boolean;
}

export interface MappingRow {
	tenantId: string;
	tenantName: string;
	defaultDomain: string;
	companyId: number;
	companyIdentifier: string;
	companyName: string;
	method: 'manual';
	score: number | null;
	mappedAt: string;
}

export type OnboardingStep =
	| { next: 'page'; page: FormPage; progress: OnboardingProgress }
	| { next: 'save'; rows: MappingRow[]; skipped: number; autoSaved: number; summaryHtml: string }
	| { next: 'abandoned' };

export const FIND_OTHER = 'Find another company…';
export const SKIP = 'Skip for now';
export const SEARCH_AGAIN = 'Search again';
export const ON_PAGE = Object.freeze({
	field: 'onThisPage',
	useChoices: 'Save the choices below and go on',
	acceptAll: 'Accept the first suggestion for every tenant on this page',
	finish: 'Save the choices below and finish (skip the remaining tenants)',
});
/** At most this many companies are listed for one search. */
export const MAX_MATCHES = 30;
export const MIN_QUERY = 2;

const norm = (text: unknown): string => String(text ?? '').trim().toLowerCase();

function usableCompanies(list: ReviewList, settings: OnboardingSettings): ReviewCompany[] {
	const excluded = settings.excludeTypes.map(norm).filter((type) => type !== '');
	return list.companies.filter((company) => !(company.types ?? []).some((type) => excluded.includes(norm(type))));
}

/** The candidates a person may pick: never an excluded company (the MSP itself). */
function candidatesOf(tenant: ReviewTenant, allowed: Set<number>): Suggestion[] {
	return (tenant.candidates ?? []).filter((candidate) => allowed.has(Number(candidate.companyId)));
}

/** Tenant label: name, the domain that identifies it, and what it is already mapped to. */
function tenantLabel(tenant: ReviewTenant): string {
	const mapped = tenant.mappedTo.length > 0 ? ` — already mapped to ${tenant.mappedTo.join(', ')}` : '';
	return `${tenant.tenantName} (${tenant.defaultDomain || tenant.tenantId})${mapped}`;
}

/** Option texts of one tenant's suggestions, unique even when two companies share a name. */
function suggestionOptions(suggestions: Suggestion[], companies: Map<number, ReviewCompany>): Record<string, number> {
	const options: Record<string, number> = {};
	for (const suggestion of suggestions) {
		let text = `${suggestion.companyName} — ${whySuggested(suggestion)}`;
		if (text in options) text = `${suggestion.companyName} (${companies.get(Number(suggestion.companyId))?.identifier ?? suggestion.companyId}) — ${whySuggested(suggestion)}`;
		options[text] = Number(suggestion.companyId);
	}
	return options;
}

interface Context {
	list: ReviewList;
	settings: OnboardingSettings;
	companies: ReviewCompany[];
	byId: Map<number, ReviewCompany>;
	pages: number;
}

function contextOf(list: ReviewList, settings: OnboardingSettings): Context {
	const companies = usableCompanies(list, settings);
	const pageSize = Math.max(1, Math.floor(settings.pageSize) || 1);
	return { list, settings: { ...settings, pageSize }, companies, byId: new Map(companies.map((c) => [Number(c.companyId), c])), pages: Math.ceil(list.tenants.length / pageSize) };
}

function tenantsOfPage(ctx: Context, index: number): ReviewTenant[] {
	return ctx.list.tenants.slice(index * ctx.settings.pageSize, (index + 1) * ctx.settings.pageSize);
}

function reviewPage(ctx: Context, progress: OnboardingProgress): { next: 'page'; page: FormPage; progress: OnboardingProgress } {
	const tenants = tenantsOfPage(ctx, progress.page);
	const allowed = new Set(ctx.byId.keys());
	const bests = tenants.map((tenant) => (tenant.mappedTo.length > 0 ? null : plausibleBest(candidatesOf(tenant, allowed))));
	// Two tenants whose plausible best is the same company: neither is preselected.
	const clash = (companyId: number) => bests.filter((best) => best !== null && Number(best.companyId) === companyId).length > 1;
	const options: Record<string, Record<string, number>> = {};
	const fields: FormField[] = tenants.map((tenant, index) => {
		const byText = suggestionOptions(candidatesOf(tenant, allowed), ctx.byId);
		options[tenant.tenantId] = byText;
		const best = bests[index];
		const preselected = best && !clash(Number(best.companyId)) ? Object.keys(byText).find((text) => byText[text] === Number(best.companyId)) : SKIP;
		return dropdown(tenant.tenantId, tenantLabel(tenant), [...Object.keys(byText), FIND_OTHER, SKIP], preselected ?? SKIP);
	});
	const first = progress.page * ctx.settings.pageSize + 1;
	const intro =
		`<p>Page ${progress.page + 1} of ${ctx.pages}: tenants ${first}–${first + tenants.length - 1} of ${ctx.list.tenants.length}. ` +
		`${count(ctx.list.autoSaved, 'tenant was', 'tenants were')} matched with certainty and saved already.</p>` +
		'<p>A suggestion is preselected where it is clear; check it. Pick <b>Find another company…</b> to search all companies by name, ' +
		'or <b>Skip for now</b> to decide another time.</p>';
	return {
		next: 'page',
		page: page('Choose the company for each tenant', `Page ${progress.page + 1} of ${ctx.pages}`, 'Next', [
			html(intro),
			dropdown(ON_PAGE.field, 'On this page', [ON_PAGE.useChoices, ON_PAGE.acceptAll, ON_PAGE.finish], ON_PAGE.useChoices),
			...fields,
		]),
		progress: { ...progress, stage: 'review', searching: [], options },
	};
}

function tenantById(ctx: Context, tenantId: string): ReviewTenant {
	const tenant = ctx.list.tenants.find((t) => t.tenantId === tenantId);
	if (!tenant) throw new Error(`Tenant ${tenantId} is not in the review list any more: start the form again`);
	return tenant;
}

/** First word of the tenant's name that is not a legal form or filler: a starting point for the search. */
function firstWord(name: string): string {
	return name.split(/[^\p{L}\p{N}]+/u).find((word) => word.length >= MIN_QUERY && !/^(the|and|of|ltd|inc|llc|gmbh|co)$/i.test(word)) ?? '';
}

function searchPage(ctx: Context, progress: OnboardingProgress, note = ''): { next: 'page'; page: FormPage; progress: OnboardingProgress } {
	const fields: FormField[] = progress.searching.map((tenantId) => {
		const tenant = tenantById(ctx, tenantId);
		return { fieldType: 'text', fieldName: tenantId, fieldLabel: `${tenantLabel(tenant)}: company name contains`, defaultValue: progress.queries[tenantId] ?? firstWord(tenant.tenantName), requiredField: true };
	});
	const intro = `<p>Type part of the company's name (or its ConnectWise identifier), at least ${MIN_QUERY} letters.${note}</p>`;
	return { next: 'page', page: page('Find a company', `${count(fields.length, 'tenant')} to find a company for`, 'Search', [html(intro), ...fields]), progress: { ...progress, stage: 'search', options: {} } };
}

function companyOption(company: ReviewCompany): string {
	return `${company.name} (${company.identifier || company.companyId})`;
}

function resultsPage(ctx: Context, progress: OnboardingProgress): { next: 'page'; page: FormPage; progress: OnboardingProgress } {
	const options: Record<string, Record<string, number>> = {};
	const notes: string[] = [];
	const fields: FormField[] = progress.searching.map((tenantId) => {
		const tenant = tenantById(ctx, tenantId);
		const query = norm(progress.queries[tenantId]);
		const matches = query.length < MIN_QUERY ? [] : ctx.companies.filter((c) => norm(c.name).includes(query) || norm(c.identifier).includes(query)).sort((a, b) => a.name.localeCompare(b.name));
		const shown = matches.slice(0, MAX_MATCHES);
		if (matches.length > shown.length) notes.push(`<li>${escapeHtml(tenant.tenantName)}: ${matches.length} companies contain "${escapeHtml(query)}"; the first ${MAX_MATCHES} are listed. Search again with more letters.</li>`);
		if (query.length < MIN_QUERY) notes.push(`<li>${escapeHtml(tenant.tenantName)}: type at least ${MIN_QUERY} letters.</li>`);
		else if (matches.length === 0) notes.push(`<li>${escapeHtml(tenant.tenantName)}: no company name contains "${escapeHtml(query)}".</li>`);
		const byText: Record<string, number> = {};
		for (const company of shown) byText[companyOption(company)] = Number(company.companyId);
		options[tenantId] = byText;
		const texts = Object.keys(byText);
		return dropdown(tenantId, `${tenantLabel(tenant)}: companies with "${query}"`, [...texts, SEARCH_AGAIN, SKIP], texts.length === 1 ? texts[0] : SKIP);
	});
	const intro = notes.length > 0 ? `<ul>${notes.join('')}</ul>` : '<p>Pick the company, search again, or skip the tenant for now.</p>';
	return { next: 'page', page: page('Pick the company', 'Companies whose name contains what you typed', 'Next', [html(intro), ...fields]), progress: { ...progress, stage: 'results', options } };
}

function finish(ctx: Context, progress: OnboardingProgress): OnboardingStep {
	const rows: MappingRow[] = [];
	for (const tenant of ctx.list.tenants) {
		const choice = progress.choices[tenant.tenantId];
		const company = choice ? ctx.byId.get(choice.companyId) : undefined;
		if (!choice || !company) continue;
		rows.push({
			tenantId: tenant.tenantId,
			tenantName: tenant.tenantName,
			defaultDomain: tenant.defaultDomain ?? '',
			companyId: Number(company.companyId),
			companyIdentifier: company.identifier ?? '',
			companyName: company.name,
			method: 'manual',
			score: choice.score,
			mappedAt: ctx.settings.now,
		});
	}
	const skipped = ctx.list.tenants.length - rows.length;
	return { next: 'save', rows, skipped, autoSaved: ctx.list.autoSaved, summaryHtml: summaryHtml(rows, skipped, ctx.list.autoSaved) };
}

/** The last page: what was saved, what was left, and the next step. */
export function summaryHtml(rows: MappingRow[], skipped: number, autoSaved: number): string {
	const saved = rows.length > 0
		? table(['Tenant', 'Company'], rows.map((row) => [`${escapeHtml(row.tenantName)} (${escapeHtml(row.defaultDomain || row.tenantId)})`, escapeHtml(row.companyName)]))
		: '';
	return (
		`<p>Saved ${count(rows.length, 'mapping')} you chose and ${count(autoSaved, 'confident match', 'confident matches')} found automatically. ` +
		`${count(skipped, 'tenant')} skipped: run this form again to map them later.</p>${saved}` +
		'<p><b>Next step:</b> link each company\'s licenses to an agreement with the <b>M365 Link licenses</b> form (<code>/form/m365-link-licenses</code>).</p>'
	);
}

function answerOf(answers: Record<string, unknown>, key: string): string {
	const value = answers[key];
	return Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
}

function afterSearches(ctx: Context, progress: OnboardingProgress): OnboardingStep {
	const nextPage = progress.page + 1;
	if (progress.finishing || nextPage >= ctx.pages) return finish(ctx, progress);
	return reviewPage(ctx, { ...progress, page: nextPage, searching: [], queries: {} });
}

function answerReview(ctx: Context, progress: OnboardingProgress, answers: Record<string, unknown>): OnboardingStep {
	const action = answerOf(answers, ON_PAGE.field);
	const choices = { ...progress.choices };
	const searching: string[] = [];
	for (const tenant of tenantsOfPage(ctx, progress.page)) {
		const options = progress.options[tenant.tenantId] ?? {};
		const scoreOf = (companyId: number) => tenant.candidates.find((c) => Number(c.companyId) === companyId)?.score ?? null;
		delete choices[tenant.tenantId];
		if (action === ON_PAGE.acceptAll) {
			const first = Object.values(options)[0];
			if (first !== undefined) choices[tenant.tenantId] = { companyId: first, score: scoreOf(first) };
			continue;
		}
		const answer = answerOf(answers, tenant.tenantId);
		if (answer === FIND_OTHER) searching.push(tenant.tenantId);
		else if (answer in options) choices[tenant.tenantId] = { companyId: options[answer], score: scoreOf(options[answer]) };
	}
	const next = { ...progress, choices, searching, queries: {}, finishing: action === ON_PAGE.finish };
	return searching.length > 0 ? searchPage(ctx, next) : afterSearches(ctx, next);
}

function answerSearch(ctx: Context, progress: OnboardingProgress, answers: Record<string, unknown>): OnboardingStep {
	const queries: Record<string, string> = {};
	for (const tenantId of progress.searching) queries[tenantId] = answerOf(answers, tenantId).trim();
	return resultsPage(ctx, { ...progress, queries });
}

function answerResults(ctx: Context, progress: OnboardingProgress, answers: Record<string, unknown>): OnboardingStep {
	const choices = { ...progress.choices };
	const again: string[] = [];
	for (const tenantId of progress.searching) {
		const answer = answerOf(answers, tenantId);
		const options = progress.options[tenantId] ?? {};
		if (answer === SEARCH_AGAIN) again.push(tenantId);
		else if (answer in options) choices[tenantId] = { companyId: options[answer], score: null };
	}
	const next = { ...progress, choices, searching: again };
	return again.length > 0 ? searchPage(ctx, next) : afterSearches(ctx, next);
}

/** A Form page that timed out passes its input on instead of answers: that is our own page item. */
function isTimedOutPage(answers: Record<string, unknown>): boolean {
	return 'next' in answers && 'progress' in answers;
}

/**
 * One step of the onboarding form: with no progress yet, the first page; else the answers of the
 * page just submitted turn into the next page, or into the rows to save.
 */
export function onboardingStep(list: ReviewList, settings: OnboardingSettings, progress: OnboardingProgress | null, answers: Record<string, unknown>): OnboardingStep {
	const ctx = contextOf(list, settings);
	if (progress === null) {
		const start: OnboardingProgress = { stage: 'review', page: 0, choices: {}, searching: [], queries: {}, options: {}, finishing: false };
		return ctx.pages === 0 ? finish(ctx, start) : reviewPage(ctx, start);
	}
	if (isTimedOutPage(answers)) return { next: 'abandoned' };
	if (progress.stage === 'search') return answerSearch(ctx, progress, answers);
	if (progress.stage === 'results') return answerResults(ctx, progress, answers);
	return answerReview(ctx, progress, answers);
}
