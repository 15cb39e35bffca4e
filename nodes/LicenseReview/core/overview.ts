import { escapeHtml, paragraph } from './html';
import { licenseTable, linkLabelProduct, type AdditionRow, type AuditRow, type CompanyFacts, type LicenseRow, type LinkRow, type ProfileRow } from './overviewTable';
import type { ApprovalRow, CompanyMapRow, FormEnd, FormField, FormPage } from './types';

export interface OverviewSession {
	at: 'find' | 'pick' | 'read' | 'show' | 'edit' | 'write' | 'sync';
	companyId: number | null;
	companyName: string;
	/** Pick page option → company id. */
	pickChoices: Record<string, number>;
	/** License option → link row id. */
	linkChoices: Record<string, string>;
	editing: string | null;
	note: string | null;
}

export interface OverviewInput {
	session: OverviewSession | null;
	event: Record<string, unknown>;
	companyMap: CompanyMapRow[];
	links: LinkRow[];
	approvals: ApprovalRow[];
	audit: AuditRow[];
	licenses: LicenseRow[];
	lines: AdditionRow[];
	profiles: ProfileRow[];
	/** What the core answered to the last "Sync now for this company". */
	syncResult: Record<string, unknown> | null;
}

export interface LinkWrite {
	op: 'update' | 'delete';
	id: string;
	values: Record<string, unknown>;
}

export type OverviewStep =
	| { next: 'page'; page: FormPage; session: OverviewSession }
	| { next: 'read'; read: { companyId: number; tenants: Array<{ tenantId: string }>; agreements: Array<{ agreementId: number }> }; session: OverviewSession }
	| { next: 'write'; write: LinkWrite; session: OverviewSession }
	| { next: 'sync'; sync: { companyId: number }; session: OverviewSession }
	| { next: 'end'; end: FormEnd; session: OverviewSession | null }
	| { next: 'abandoned'; session: OverviewSession | null };

export const ACTIONS = {
	refresh: 'Nothing: show the overview again',
	sync: 'Sync now for this company',
	edit: 'Edit the link of the license chosen below',
	unlink: 'Unlink the license chosen below',
	doNotBill: 'Mark the license chosen below do-not-bill',
	billAgain: 'Bill the license chosen below again',
	another: 'Look at another company',
	close: 'Close',
} as const;
const NO_LICENSE = '(no license)';
const SEARCH_AGAIN = 'None of these: search again';
const MAX_MATCHES = 50;
const BASIS = { purchased: 'Purchased seats', assigned: 'Assigned seats' } as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const lower = (value: unknown): string => text(value).trim().toLowerCase();

function fresh(): OverviewSession {
	return { at: 'find', companyId: null, companyName: '', pickChoices: {}, linkChoices: {}, editing: null, note: null };
}

interface Company {
	companyId: number;
	companyName: string;
	tenants: CompanyMapRow[];
}

/** Mapped companies, each with its tenants, by name. */
export function companiesOf(companyMap: CompanyMapRow[]): Company[] {
	const byId = new Map<number, Company>();
	for (const row of companyMap) {
		const id = Number(row.companyId);
		if (!row.tenantId || !Number.isInteger(id) || id <= 0) continue;
		const company = byId.get(id) ?? { companyId: id, companyName: row.companyName || `Company ${id}`, tenants: [] };
		company.tenants.push(row);
		byId.set(id, company);
	}
	return [...byId.values()].sort((a, b) => a.companyName.localeCompare(b.companyName) || a.companyId - b.companyId);
}

/** Companies whose name, tenant name or domain contains the typed text (case-insensitive). */
export function findCompanies(companies: Company[], typed: string): Company[] {
	const needle = lower(typed);
	if (needle === '') return companies;
	const exact = companies.filter((company) => lower(company.companyName) === needle);
	if (exact.length === 1) return exact;
	return companies.filter((company) => lower(company.companyName).includes(needle) || company.tenants.some((tenant) => lower(tenant.tenantName).includes(needle) || lower(tenant.defaultDomain).includes(needle)));
}

function findPage(session: OverviewSession, note: string | null): OverviewStep {
	return {
		next: 'page',
		page: {
			title: 'Find a company',
			description: 'Type part of the company name, a tenant name or a domain.',
			buttonLabel: 'Find',
			fields: [
				...(note ? [{ fieldLabel: 'Note', fieldName: 'note', fieldType: 'html' as const, html: paragraph(note) }] : []),
				{ fieldLabel: 'Company name', fieldName: 'company', fieldType: 'text', placeholder: 'e.g. contoso', requiredField: true },
			],
		},
		session: { ...session, at: 'find', note: null },
	};
}

function search(input: OverviewInput, session: OverviewSession, typed: string): OverviewStep {
	const companies = companiesOf(input.companyMap);
	if (companies.length === 0) return { next: 'end', end: { title: 'No company is mapped yet', message: 'Map tenants to companies first (the M365 Onboarding form), then link their licenses.' }, session };
	const found = findCompanies(companies, typed);
	if (found.length === 0) return findPage(session, `No mapped company matches "${typed}". Try a shorter part of the name.`);
	if (found.length === 1) return read(input, { ...session, companyId: found[0].companyId, companyName: found[0].companyName }, null);
	const shown = found.slice(0, MAX_MATCHES);
	const pickChoices: Record<string, number> = {};
	for (const company of shown) {
		const twin = shown.filter((other) => other.companyName === company.companyName).length > 1;
		const option = `${company.companyName}${twin ? ` [${company.companyId}]` : ''} (${company.tenants.length} tenant${company.tenants.length === 1 ? '' : 's'})`;
		pickChoices[option] = company.companyId;
	}
	const options = [...Object.keys(pickChoices), SEARCH_AGAIN];
	const note = found.length > shown.length ? `${found.length} companies match "${typed}"; the first ${MAX_MATCHES} are listed. Type more of the name to narrow it down.` : `${found.length} companies match "${typed}".`;
	return {
		next: 'page',
		page: {
			title: 'Which company?',
			description: note,
			buttonLabel: 'Show licenses',
			fields: [{ fieldLabel: 'Company', fieldName: 'company', fieldType: 'dropdown', fieldOptions: { values: options.map((option) => ({ option })) }, defaultValue: options[0], requiredField: true }],
		},
		session: { ...session, at: 'pick', pickChoices },
	};
}

function companyLinks(input: OverviewInput, companyId: number): LinkRow[] {
	const tenants = new Set(input.companyMap.filter((row) => Number(row.companyId) === companyId).map((row) => lower(row.tenantId)));
	return input.links.filter((link) => link.id !== undefined && tenants.has(lower(link.tenantId)));
}

function read(input: OverviewInput, session: OverviewSession, note: string | null): OverviewStep {
	const companyId = session.companyId!;
	const tenants = input.companyMap.filter((row) => Number(row.companyId) === companyId && row.tenantId).map((row) => ({ tenantId: row.tenantId }));
	const agreements = [...new Set(companyLinks(input, companyId).map((link) => Number(link.agreementId)).filter((id) => Number.isInteger(id) && id > 0))].map((agreementId) => ({ agreementId }));
	return { next: 'read', read: { companyId, tenants, agreements }, session: { ...session, at: 'read', note: note ?? session.note } };
}

/** The facts of the chosen company, only from its own tenants and agreements (older reads are ignored). */
export function companyFacts(input: OverviewInput, session: OverviewSession): CompanyFacts {
	const companyId = session.companyId!;
	const tenants = input.companyMap.filter((row) => Number(row.companyId) === companyId && row.tenantId);
	const tenantIds = new Set(tenants.map((row) => lower(row.tenantId)));
	const links = companyLinks(input, companyId);
	const agreementIds = new Set(links.map((link) => Number(link.agreementId)));
	const ofTenant = (row: LicenseRow) => tenantIds.has(lower(row.tenantId ?? row.details?.tenantId));
	const ofAgreement = (row: AdditionRow) => agreementIds.has(Number(row.agreementId ?? row.details?.agreementId));
	return {
		companyId,
		companyName: session.companyName,
		tenants,
		links,
		licenses: input.licenses.filter(ofTenant),
		lines: input.lines.filter(ofAgreement),
		profiles: input.profiles,
		approvals: input.approvals.filter((row) => agreementIds.has(Number(row.agreementId)) || Number(row.companyId) === companyId),
		audit: input.audit,
	};
}

/** "Microsoft 365 Business Premium → agreement #506 (M365 Standard)", unique per link. */
function linkChoices(facts: CompanyFacts): Record<string, string> {
	const choices: Record<string, string> = {};
	for (const link of facts.links) {
		let option = `${linkLabelProduct(facts, link)}${link.term ? ` (${link.term})` : ''} \u2192 agreement #${link.agreementId ?? '?'}${link.billingProfile ? ` (${link.billingProfile})` : ''}${link.doNotBill ? ', do not bill' : ''}`;
		for (let n = 2; option in choices; n++) option = `${option} #${n}`;
		choices[option] = String(link.id);
	}
	return choices;
}

function overviewPage(input: OverviewInput, session: OverviewSession): OverviewStep {
	const facts = companyFacts(input, session);
	const choices = linkChoices(facts);
	const failures = facts.licenses.filter((row) => row.error).map((row) => row.error!);
	const tenants = facts.tenants.map((tenant) => tenant.tenantName || tenant.defaultDomain || 'unnamed tenant').join(', ');
	const lastRun = facts.audit.map((row) => String(row.time ?? '')).sort().pop();
	const header =
		(session.note ? `<p><b>${escapeHtml(session.note)}</b></p>` : '') +
		paragraph(`Tenants: ${tenants}. Licenses: ${facts.licenses.filter((row) => !row.error).length}, linked to ${facts.links.length} agreement line(s).`) +
		paragraph(lastRun ? `Last sync that touched this company: ${lastRun.slice(0, 16).replace('T', ' ')} (UTC).` : 'No sync has touched this company yet.') +
		failures.map((error) => `<p><b>${escapeHtml(`Could not read licenses: ${error}`)}</b></p>`).join('');
	const actions = [ACTIONS.refresh, ACTIONS.sync, ...(facts.links.length > 0 ? [ACTIONS.edit, ACTIONS.unlink, ACTIONS.doNotBill, ACTIONS.billAgain] : []), ACTIONS.another, ACTIONS.close];
	const fields: FormField[] = [
		{ fieldLabel: 'About', fieldName: 'about', fieldType: 'html', html: header },
		{ fieldLabel: 'Licenses', fieldName: 'licenses', fieldType: 'html', html: licenseTable(facts) },
		{ fieldLabel: 'What next', fieldName: 'action', fieldType: 'dropdown', fieldOptions: { values: actions.map((option) => ({ option })) }, defaultValue: ACTIONS.refresh, requiredField: true },
	];
	if (facts.links.length > 0) {
		const options = [NO_LICENSE, ...Object.keys(choices)];
		fields.push({ fieldLabel: 'License', fieldName: 'license', fieldType: 'dropdown', fieldOptions: { values: options.map((option) => ({ option })) }, defaultValue: NO_LICENSE, requiredField: true });
	}
	return {
		next: 'page',
		page: { title: `${session.companyName}: licenses`, description: 'Microsoft\u2019s counts beside the PSA line each license bills. Rows in yellow need a person: a license no link bills, or a link whose license is gone.', buttonLabel: 'Go', fields },
		session: { ...session, at: 'show', linkChoices: choices, note: null },
	};
}

function editPage(input: OverviewInput, session: OverviewSession, link: LinkRow, note: string | null): OverviewStep {
	const facts = companyFacts(input, session);
	const basis = link.quantityBasis === 'assigned' ? BASIS.assigned : BASIS.purchased;
	return {
		next: 'page',
		page: {
			title: 'Edit the link',
			description: `${linkLabelProduct(facts, link)} on agreement #${link.agreementId ?? '?'} (${link.billingProfile ?? 'no billing profile'}). The next sync bills with these values.`,
			buttonLabel: 'Save',
			fields: [
				...(note ? [{ fieldLabel: 'Note', fieldName: 'note', fieldType: 'html' as const, html: `<p><b>${escapeHtml(note)}</b></p>` }] : []),
				{ fieldLabel: 'Bill', fieldName: 'basis', fieldType: 'dropdown', fieldOptions: { values: [{ option: BASIS.purchased }, { option: BASIS.assigned }] }, defaultValue: basis, requiredField: true },
				{ fieldLabel: 'Seats included in the agreement (not billed)', fieldName: 'included', fieldType: 'number', defaultValue: Number(link.includedQuantity ?? 0), requiredField: true },
				{ fieldLabel: 'Minimum seats billed', fieldName: 'minimum', fieldType: 'number', defaultValue: Number(link.minimumQuantity ?? 0), requiredField: true },
			],
		},
		session: { ...session, at: 'edit', editing: String(link.id) },
	};
}

const seatsValue = (value: unknown): number | null => {
	const number = typeof value === 'number' ? value : text(value).trim() === '' ? NaN : Number(text(value));
	return Number.isInteger(number) && number >= 0 && number <= 100000 ? number : null;
};

function syncNote(result: Record<string, unknown> | null): string {
	if (result === null) return 'The sync did not answer.';
	if (result.status === 'busy') return text(result.message) || 'Another sync is running: nothing was started. Try again when it has finished.';
	const counts = (result.counts ?? {}) as Record<string, number>;
	const n = (name: string) => Number(counts[name] ?? 0);
	return `Sync finished: ${n('create') + n('update')} line(s) written, ${n('unchanged')} unchanged, ${n('needsApproval')} held for approval, ${n('notSynced')} not synced, ${n('failed')} failed.`;
}

/**
 * One step of the company overview: what the person answered (or what a write or the sync
 * returned) in, what to do next out. Pure: the template reads the tables, Microsoft and the
 * PSA, and writes the link rows.
 */
export function overviewStep(input: OverviewInput): OverviewStep {
	const { event } = input;
	if (event.next === 'page' && 'page' in event) return { next: 'abandoned', session: input.session };
	const session = input.session ?? fresh();
	if (input.session === null || session.at === 'find') return search(input, session, text(event.company ?? event['Company name']));
	if (session.at === 'pick') {
		const choice = text(event.company);
		if (choice === SEARCH_AGAIN || !(choice in session.pickChoices)) return findPage(session, null);
		const companyId = session.pickChoices[choice];
		const company = companiesOf(input.companyMap).find((candidate) => candidate.companyId === companyId);
		if (!company) return findPage(session, 'That company is no longer in the company map.');
		return read(input, { ...session, companyId, companyName: company.companyName }, null);
	}
	if (session.at === 'read') return overviewPage(input, session);
	if (session.at === 'write') return read(input, session, null);
	if (session.at === 'sync') return read(input, session, syncNote(input.syncResult));
	const links = companyLinks(input, session.companyId!);
	if (session.at === 'edit') {
		const link = links.find((candidate) => String(candidate.id) === session.editing);
		if (!link) return read(input, session, 'That link is gone: someone removed it meanwhile.');
		const included = seatsValue(event.included);
		const minimum = seatsValue(event.minimum);
		if (included === null || minimum === null) return editPage(input, session, link, 'Seats must be whole numbers from 0 to 100000.');
		const quantityBasis = text(event.basis) === BASIS.assigned ? 'assigned' : 'purchased';
		const facts = companyFacts(input, session);
		return {
			next: 'write',
			write: { op: 'update', id: String(link.id), values: { includedQuantity: included, minimumQuantity: minimum, quantityBasis } },
			session: { ...session, at: 'write', editing: null, note: `Saved: ${linkLabelProduct(facts, link)} bills ${quantityBasis} seats, ${included} included, minimum ${minimum}. The next sync uses it.` },
		};
	}
	// The overview page.
	const action = text(event.action);
	if (action === ACTIONS.close) return { next: 'end', end: { title: 'Overview closed', message: `Nothing else was changed for ${session.companyName}.` }, session };
	if (action === ACTIONS.another) return findPage({ ...fresh() }, null);
	if (action === ACTIONS.sync) return { next: 'sync', sync: { companyId: session.companyId! }, session: { ...session, at: 'sync' } };
	if (action === ACTIONS.refresh || action === '') return read(input, session, null);
	const id = session.linkChoices[text(event.license)];
	const link = links.find((candidate) => String(candidate.id) === id);
	if (!link) return read(input, session, 'Choose the license in the License list first, then the action.');
	const facts = companyFacts(input, session);
	const name = `${linkLabelProduct(facts, link)} on agreement #${link.agreementId ?? '?'}`;
	if (action === ACTIONS.edit) return editPage(input, session, link, null);
	if (action === ACTIONS.unlink) {
		return { next: 'write', write: { op: 'delete', id: String(link.id), values: {} }, session: { ...session, at: 'write', note: `Unlinked: ${name}. The sync no longer bills it; its PSA line stays as it is.` } };
	}
	const doNotBill = action === ACTIONS.doNotBill;
	return {
		next: 'write',
		write: { op: 'update', id: String(link.id), values: { doNotBill } },
		session: { ...session, at: 'write', note: doNotBill ? `Marked do-not-bill: ${name}. The sync leaves its line alone until it is billed again.` : `Billed again: ${name}. The next sync brings its line up to date.` },
	};
}
