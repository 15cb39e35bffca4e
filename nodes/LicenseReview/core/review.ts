import { decideGroup, type GroupAction, type GroupOutcome } from './groupDecision';
import { companyMatches, companyOptions, groupName, inGroup, reasonOptions, type GroupFilter } from './groups';
import { htmlTable, paragraph } from './html';
import { REASON_GROUPS } from './reasons';
import type { Decisions, FormEnd, FormField, FormPage, HeldChange, ReasonKind } from './types';

/** What the review remembers between its pages (carried by the template from step to step). */
export interface ReviewSession {
	at: 'choose' | 'confirm' | 'decide' | 'apply';
	filter: GroupFilter;
	decidedBy: string;
	/** Changes already shown in this visit of the group (left pending ones are not shown again). */
	seen: string[];
	/** The keys on the decide page, by field index. */
	pageKeys: string[];
	page: number;
	/** Group decisions waiting for "go ahead" on the confirm page. */
	confirm: Decisions | null;
	afterApply: 'next' | 'choose' | 'finish';
	/** The choose page's options → their value: company text → company key, `reason:` + reason text → reason kind. */
	optionValues: Record<string, string>;
	/** Label of every change decided, for the last page. */
	labels: Record<string, string>;
	results: ReviewResults;
}

export interface ReviewResults {
	applied: string[];
	failed: string[];
	refused: string[];
	rejected: string[];
	unknown: string[];
	busy: string | null;
}

export type ReviewStep =
	| { next: 'page'; page: FormPage; session: ReviewSession }
	| { next: 'apply'; decisions: Decisions; session: ReviewSession }
	| { next: 'end'; end: FormEnd; session: ReviewSession | null }
	| { next: 'abandoned'; session: ReviewSession | null };

export interface ReviewInput {
	changes: HeldChange[];
	session: ReviewSession | null;
	/** The answers of the page just submitted, or the Approve changes answer after 'apply'. */
	event: Record<string, unknown>;
	pageSize: number;
}

const HOW = {
	oneByOne: (size: number) => `Decide one by one (${size} per page)`,
	approve: 'Approve every change in the group (not those beside a line typed by hand)',
	reject: 'Reject every change in the group',
	adopt: 'Adopt the line typed by hand (changes beside exactly one such line)',
	replace: 'Replace the lines typed by hand with a managed line',
} as const;
const THEN = { next: 'Save, then show the next page', choose: 'Save, then choose another company or reason', finish: 'Save and finish' } as const;
const GO = { yes: (count: number) => `Yes, apply these ${count} decisions`, no: 'No, go back' };
const PREVIEW_ROWS = 20;

const emptyDecisions = (decidedBy: string): Decisions => ({ approve: [], reject: [], adopt: [], replace: [], addSecond: [], decidedBy });
const decisionCount = (d: Decisions): number => d.approve.length + d.reject.length + d.adopt.length + d.replace.length + d.addSecond.length;
const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

function newSession(): ReviewSession {
	return {
		at: 'choose',
		filter: { company: '', reason: '', search: '' },
		decidedBy: '',
		seen: [],
		pageKeys: [],
		page: 0,
		confirm: null,
		afterApply: 'finish',
		optionValues: {},
		labels: {},
		results: { applied: [], failed: [], refused: [], rejected: [], unknown: [], busy: null },
	};
}

function choosePage(changes: HeldChange[], session: ReviewSession, pageSize: number, note: string | null): ReviewStep {
	const search = (session.filter.search ?? '').trim();
	const companies = companyOptions(changes, search);
	const reasons = reasonOptions(changes);
	const companyCount = companyOptions(changes).length - 1;
	const summary = htmlTable(
		['Why the changes were held', 'Changes'],
		reasons.slice(1).map((reason) => ({ cells: [reason.option.replace(/ \(\d+\)$/, ''), reason.option.match(/\((\d+)\)$/)?.[1] ?? ''] })),
	);
	const fields: FormField[] = [
		{ fieldLabel: 'Summary', fieldName: 'summary', fieldType: 'html', html: (note ? paragraph(note) : '') + paragraph(`${changes.length} change(s) wait, for ${companyCount} compan${companyCount === 1 ? 'y' : 'ies'}.`) + summary },
		{
			fieldLabel: 'Find companies',
			fieldName: 'companySearch',
			fieldType: 'text',
			placeholder: 'Part of a company name; empty for every company',
			...(search ? { defaultValue: search } : {}),
		},
		{ fieldLabel: 'Company', fieldName: 'company', fieldType: 'dropdown', fieldOptions: { values: companies.map((c) => ({ option: c.option })) }, defaultValue: companies[0].option, requiredField: true },
		{ fieldLabel: 'Reason', fieldName: 'reason', fieldType: 'dropdown', fieldOptions: { values: reasons.map((r) => ({ option: r.option })) }, defaultValue: reasons[0].option, requiredField: true },
		{
			fieldLabel: 'How to decide',
			fieldName: 'how',
			fieldType: 'dropdown',
			fieldOptions: { values: [HOW.oneByOne(pageSize), HOW.approve, HOW.reject, HOW.adopt, HOW.replace].map((option) => ({ option })) },
			defaultValue: HOW.oneByOne(pageSize),
			requiredField: true,
		},
		{ fieldLabel: 'Your name', fieldName: 'decidedBy', fieldType: 'text', placeholder: 'e.g. Jane Doe', requiredField: true, ...(session.decidedBy ? { defaultValue: session.decidedBy } : {}) },
	];
	const companyValues = Object.fromEntries(companies.map((c) => [c.option, c.value]));
	const reasonValues = Object.fromEntries(reasons.map((r) => [`reason:${r.option}`, r.value]));
	return {
		next: 'page',
		page: {
			title: 'Changes waiting for approval',
			description: 'Pick a company and a reason to work through one group at a time, or decide a whole group at once. Type part of a company name and continue to narrow the company list. Nothing is written before you confirm.',
			buttonLabel: 'Continue',
			fields,
		},
		session: { ...session, at: 'choose', optionValues: { ...companyValues, ...reasonValues }, seen: [], pageKeys: [], page: 0, confirm: null },
	};
}

function decidePage(changes: HeldChange[], session: ReviewSession, pageSize: number): ReviewStep {
	const group = changes.filter((change) => inGroup(change, session.filter));
	const open = group.filter((change) => !session.seen.includes(change.key));
	const shown = open.slice(0, pageSize);
	const more = open.length > shown.length;
	const page = session.page + 1;
	const first = group.length - open.length + 1;
	const fields: FormField[] = [
		{
			fieldLabel: 'Where you are',
			fieldName: 'where',
			fieldType: 'html',
			html: paragraph(`Changes ${first}\u2013${first + shown.length - 1} of ${group.length} (${groupName(changes, session.filter)}). Each says company (tenant), product, agreement, now \u2192 proposed and why it was held.`),
		},
		...shown.map((change, index): FormField => ({
			fieldLabel: change.label,
			fieldName: `decision${index}`,
			fieldType: 'dropdown',
			fieldOptions: { values: change.choices.map((choice) => ({ option: choice.option })) },
			defaultValue: 'Leave pending',
			requiredField: true,
		})),
		{
			fieldLabel: 'Then',
			fieldName: 'then',
			fieldType: 'dropdown',
			fieldOptions: { values: (more ? [THEN.next, THEN.choose, THEN.finish] : [THEN.choose, THEN.finish]).map((option) => ({ option })) },
			defaultValue: more ? THEN.next : THEN.finish,
			requiredField: true,
		},
	];
	return {
		next: 'page',
		page: {
			title: `Decide: page ${page} of ${Math.max(page, page - 1 + Math.ceil(open.length / pageSize))}`,
			description: 'A new line held beside a line typed by hand offers adopt (the sync takes that line over), replace (the line is cancelled) or a second line (the customer is billed for both) instead of Approve.',
			buttonLabel: 'Save decisions',
			fields,
		},
		session: { ...session, at: 'decide', page, pageKeys: shown.map((change) => change.key) },
	};
}

function confirmPage(changes: HeldChange[], session: ReviewSession, action: GroupAction, pageSize: number): ReviewStep {
	const group = changes.filter((change) => inGroup(change, session.filter));
	const outcomes = decideGroup(group, action);
	const decisions = toDecisions(outcomes, session.decidedBy);
	const count = decisionCount(decisions);
	const table = htmlTable(
		['Company', 'Product', 'Agreement', 'Now \u2192 proposed', 'What happens'],
		outcomes.slice(0, PREVIEW_ROWS).map((o) => ({ cells: [o.change.company, o.change.product, o.change.agreement, o.change.change, { text: o.consequence, strong: o.decision !== 'pending' }], highlight: o.decision === 'pending' })),
	);
	const rest = outcomes.length - PREVIEW_ROWS;
	const pendingCount = outcomes.filter((o) => o.decision === 'pending').length;
	const html = paragraph(`${groupName(changes, session.filter)}: ${count} of ${outcomes.length} change(s) will be decided${pendingCount > 0 ? `, ${pendingCount} stay pending for you to decide one by one` : ''}.`) + table + (rest > 0 ? paragraph(`\u2026 and ${rest} more.`) : '');
	const labels = Object.fromEntries(outcomes.filter((o) => o.decision !== 'pending').map((o) => [o.change.key, o.change.label]));
	if (count === 0) return choosePage(changes, session, pageSize, `Nothing to do: none of the ${outcomes.length} change(s) in ${groupName(changes, session.filter)} fits "${action}".`);
	return {
		next: 'page',
		page: {
			title: 'Decide the whole group?',
			description: 'Check what happens to each change. Apply re-checks every line in the PSA before it writes.',
			buttonLabel: 'Continue',
			fields: [
				{ fieldLabel: 'What happens', fieldName: 'preview', fieldType: 'html', html },
				{ fieldLabel: 'Go ahead?', fieldName: 'go', fieldType: 'dropdown', fieldOptions: { values: [{ option: GO.yes(count) }, { option: GO.no }] }, defaultValue: GO.no, requiredField: true },
			],
		},
		session: { ...session, at: 'confirm', confirm: decisions, labels: { ...session.labels, ...labels } },
	};
}

function toDecisions(outcomes: GroupOutcome[], decidedBy: string): Decisions {
	const decisions = emptyDecisions(decidedBy);
	for (const outcome of outcomes) {
		if (outcome.decision === 'adopt') decisions.adopt.push({ key: outcome.change.key, additionId: outcome.additionId! });
		else if (outcome.decision !== 'pending') decisions[outcome.decision].push(outcome.change.key);
	}
	return decisions;
}

/** The decide page's answers as decisions; a change decided elsewhere meanwhile is left out. */
export function pageDecisions(changes: HeldChange[], session: ReviewSession, answers: Record<string, unknown>): { decisions: Decisions; labels: Record<string, string> } {
	const decisions = emptyDecisions(session.decidedBy);
	const labels: Record<string, string> = {};
	session.pageKeys.forEach((key, index) => {
		const change = changes.find((candidate) => candidate.key === key);
		const choice = change?.choices.find((candidate) => candidate.option === text(answers[`decision${index}`]));
		if (!change || !choice || choice.decision === 'pending') return;
		labels[key] = change.label;
		if (choice.decision === 'adopt') decisions.adopt.push({ key, additionId: choice.additionId! });
		else decisions[choice.decision].push(key);
	});
	return { decisions, labels };
}

interface ApplyAnswer {
	key: string;
	decision?: string;
	additionId?: number;
	action?: string;
	before?: unknown;
	after?: unknown;
	applied?: boolean;
	cancelled?: number[];
	reason?: string;
}

function written(a: ApplyAnswer): string {
	const value = (v: unknown) => (v === null || v === undefined ? '-' : text(v));
	const cancelled = a.cancelled ?? [];
	if (a.decision === 'adopt') return `adopted line ${a.additionId}: ${value(a.before)} \u2192 ${value(a.after)}` + (cancelled.length > 0 ? `; cancelled line ${cancelled.join(', ')}` : '');
	if (a.decision === 'replace') return `cancelled line ${cancelled.join(', ') || '(already cancelled)'}, created managed line ${a.additionId} of ${value(a.after)}`;
	if (a.decision === 'addSecond') return `added a second line ${a.additionId} of ${value(a.after)} (the manual line bills too)`;
	return `written: ${a.action} ${value(a.before)} \u2192 ${value(a.after)}${a.applied === false ? ' (the PSA already had it)' : ''}`;
}

/** Adds the Approve changes answer to what this review did. */
export function recordApply(session: ReviewSession, answer: Record<string, unknown>): ReviewSession {
	const labelOf = (key: string) => session.labels[key] ?? key;
	const list = (name: string) => (Array.isArray(answer[name]) ? (answer[name] as ApplyAnswer[]) : []);
	const results = { ...session.results };
	if (answer.status === 'busy') {
		results.busy = text(answer.text) || text(answer.message) || 'A sync is running: the decisions were not saved. Try again when it has finished.';
		return { ...session, results };
	}
	results.applied = [...results.applied, ...list('applied').map((a) => `${labelOf(a.key)} \u2192 ${written(a)}`)];
	results.failed = [...results.failed, ...list('failed').map((f) => `${labelOf(f.key)} \u2192 error: ${text(f.reason)}`)];
	results.refused = [...results.refused, ...list('refused').map((r) => `${labelOf(r.key)} \u2192 ${text(r.reason)}`)];
	results.rejected = [...results.rejected, ...list('rejected').map((key) => labelOf(typeof key === 'string' ? key : key.key))];
	results.unknown = [...results.unknown, ...list('unknown').map((key) => labelOf(typeof key === 'string' ? key : key.key))];
	return { ...session, results };
}

const LIST_LIMIT = 20;

function section(title: string, rows: string[]): string[] {
	if (rows.length === 0) return [];
	const shown = rows.slice(0, LIST_LIMIT).map((row) => `\u2022 ${row}`);
	return [`${title} (${rows.length}):`, ...shown, ...(rows.length > LIST_LIMIT ? [`\u2026 and ${rows.length - LIST_LIMIT} more`] : []), ''];
}

export function endPage(changes: HeldChange[], session: ReviewSession): FormEnd {
	const r = session.results;
	if (r.busy) return { title: 'Nothing saved: a sync is running', message: r.busy };
	const lines = [
		...section('Applied to ConnectWise', r.applied),
		...section('Failed', r.failed),
		...section('Not applied, still pending: choose again', r.refused),
		...section('Rejected', r.rejected),
		...section('Already decided by someone else', r.unknown),
		...section('Still pending', changes.map((change) => change.label)),
	];
	const decided = r.applied.length + r.failed.length + r.refused.length + r.rejected.length + r.unknown.length;
	return { title: decided > 0 ? 'Decisions saved' : 'Nothing was decided', message: lines.length === 0 ? 'Nothing was decided.' : lines.join('\n').trim() };
}

const NOTHING: FormEnd = {
	title: 'Nothing waits for approval',
	message: 'No change is held back right now. The daily sync adds changes here when they need a person: a large decrease, a count falling to 0, a tenant that vanished, or a line typed by hand on the agreement.',
};

function afterDecisions(changes: HeldChange[], session: ReviewSession, pageSize: number): ReviewStep {
	if (session.afterApply === 'finish' || changes.length === 0 || session.results.busy) return { next: 'end', end: endPage(changes, session), session };
	if (session.afterApply === 'next') {
		const open = changes.filter((change) => inGroup(change, session.filter) && !session.seen.includes(change.key));
		if (open.length > 0) return decidePage(changes, session, pageSize);
		return choosePage(changes, session, pageSize, `Every change in ${groupName(changes, session.filter)} has been shown. Pick another group, or the same one to see what you left pending.`);
	}
	return choosePage(changes, session, pageSize, null);
}

function send(changes: HeldChange[], session: ReviewSession, decisions: Decisions, labels: Record<string, string>, pageSize: number): ReviewStep {
	const next = { ...session, labels: { ...session.labels, ...labels }, confirm: null };
	if (decisionCount(decisions) === 0) return afterDecisions(changes, next, pageSize);
	return { next: 'apply', decisions, session: { ...next, at: 'apply' } };
}

/**
 * A new text in "Find companies": the same page again with the company list narrowed to the
 * companies whose name contains it (cleared: every company). Null when the text did not change.
 */
function searchChanged(changes: HeldChange[], session: ReviewSession, typed: string): { session: ReviewSession; note: string } | null {
	const search = typed.trim();
	if (search.toLowerCase() === (session.filter.search ?? '').trim().toLowerCase()) return null;
	const filter = { ...session.filter, company: '' };
	if (search === '') return { session: { ...session, filter: { ...filter, search: '' } }, note: 'Showing every company again.' };
	const found = new Set(changes.filter((change) => companyMatches(change, search)).map((change) => change.companyKey)).size;
	if (found === 0) return { session: { ...session, filter: { ...filter, search: '' } }, note: `No company with changes waiting has "${search}" in its name: showing every company.` };
	const companies = `${found} compan${found === 1 ? 'y matches' : 'ies match'}`;
	return { session: { ...session, filter: { ...filter, search } }, note: `${companies} "${search}": pick one, or all of them. Clear "Find companies" and continue to see every company again.` };
}

/**
 * One step of the review: reads what the person (or Approve changes) answered and says what
 * comes next: a page, decisions to apply, or the end. Pure: the template does the I/O.
 */
export function reviewStep(input: ReviewInput): ReviewStep {
	const { changes, event } = input;
	const pageSize = Math.max(1, Math.floor(input.pageSize));
	// A page whose wait time ran out passes its own input on: the person left, end quietly.
	if (event.next === 'page' && 'page' in event) return { next: 'abandoned', session: input.session };
	const session = input.session;
	if (session === null) {
		if (changes.length === 0) return { next: 'end', end: NOTHING, session: null };
		return choosePage(changes, newSession(), pageSize, null);
	}
	if (session.at === 'apply') return afterDecisions(changes, recordApply(session, event), pageSize);
	if (changes.length === 0 && session.at === 'choose') return { next: 'end', end: endPage(changes, session), session };
	if (session.at === 'choose') {
		const searched = searchChanged(changes, session, text(event.companySearch));
		if (searched) return choosePage(changes, searched.session, pageSize, searched.note);
		const company = session.optionValues[text(event.company)] ?? '';
		const reason = (session.optionValues[`reason:${text(event.reason)}`] ?? '') as ReasonKind | '';
		const decidedBy = text(event.decidedBy).trim() || session.decidedBy || 'review form';
		const filter: GroupFilter = { company, reason: reason in REASON_GROUPS || reason === '' ? reason : '', search: session.filter.search ?? '' };
		const next: ReviewSession = { ...session, filter, decidedBy, seen: [], page: 0 };
		const how = text(event.how);
		const action = (Object.keys(HOW) as Array<keyof typeof HOW>).find((name) => name !== 'oneByOne' && HOW[name] === how) as GroupAction | undefined;
		if (action) return confirmPage(changes, next, action, pageSize);
		if (!changes.some((change) => inGroup(change, next.filter))) return choosePage(changes, next, pageSize, `No change waits in ${groupName(changes, next.filter)}.`);
		return decidePage(changes, next, pageSize);
	}
	if (session.at === 'confirm') {
		const go = text(event.go).startsWith('Yes') && session.confirm !== null;
		if (!go) return choosePage(changes, session, pageSize, 'Nothing was decided for that group.');
		return send(changes, { ...session, afterApply: 'choose' }, session.confirm!, {}, pageSize);
	}
	// The decide page.
	const { decisions, labels } = pageDecisions(changes, session, event);
	const then = text(event.then);
	const afterApply = then === THEN.next ? 'next' : then === THEN.choose ? 'choose' : 'finish';
	return send(changes, { ...session, seen: [...session.seen, ...session.pageKeys], afterApply }, decisions, labels, pageSize);
}
