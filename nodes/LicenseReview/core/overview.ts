import { escapeHtml, paragraph } from './html';
import { companiesOf, companyKey, isKnownPsa, linksOfCompany, psaName, type Company } from './overviewCompanies';
import { licenseTable, linkLabelProduct, type AdditionRow, type AuditRow, type CompanyFacts, type LicenseRow, type LinkRow, type ProfileRow } from './overviewTable';
import type { ApprovalRow, CompanyMapRow, FormEnd, FormField, FormPage } from './types';

export interface OverviewSession {
	at: 'find' | 'pick' | 'read' | 'show' | 'edit' | 'write' | 'sync';
	companyId: number | null;
	/** The PSA the company lives in (company ids are per PSA); absent in sessions of older versions: ConnectWise. */
	psa?: string | null;
	companyName: string;
	/** Pick page option → company key (`psa:companyId`). */
	pickChoices: Record<string, string>;
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
	/** Lines of the PSA nodes, each with the `psa` it was read in (a line without one is ConnectWise's). */
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
	| { next: 'read'; read: { companyId: number; psa: string; tenants: Array<{ tenantId: string }>; agreements: Array<{ agreementId: number; psa: string }> }; session: OverviewSession }
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
	return { at: 'find', companyId: null, psa: null, companyName: '', pickChoices: {}, linkChoices: {}, editing: null, note: null };
}

/**
 * A company-map row naming no PSA is ConnectWise's, as in the other forms: a form cannot see the
 * core's Sync settings defaultPsa, and every row the onboarding form writes names its PSA.
 */
const FORMS_DEFAULT_PSA = 'connectwise';
const mapped = (input: OverviewInput): Company[] => companiesOf(input.companyMap, FORMS_DEFAULT_PSA);

/** The company the session is about, by its PSA and id (null when it left the company map). */
function companyOfSession(input: OverviewInput, session: OverviewSession): Company | null {
	const psa = lower(session.psa) || FORMS_DEFAULT_PSA;
	return mapped(input).find((company) => company.companyId === session.companyId && company.psa === psa) ?? null;
}

const chosen = (session: OverviewSession, company: Company): OverviewSession => ({ ...session, companyId: company.companyId, psa: company.psa, companyName: company.companyName });

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
	const companies = mapped(input);
	if (companies.length === 0) return { next: 'end', end: { title: 'No company is mapped yet', message: 'Map tenants to companies first (the M365 Onboarding form), then link their licenses.' }, session };
	const found = findCompanies(companies, typed);
	if (found.length === 0) return findPage(session, `No mapped company matches "${typed}". Try a shorter part of the name.`);
	if (found.length === 1) return read(input, chosen(session, found[0]), null);
	const shown = found.slice(0, MAX_MATCHES);
	const pickChoices: Record<string, string> = {};
	for (const company of shown) {
		const twins = shown.filter((other) => other.companyName === company.companyName);
		// The same name in two PSAs (an MSP moving over): the PSA tells them apart.
		const inPsa = new Set(twins.map((other) => other.psa)).size > 1 ? `${psaName(company.psa)} ` : '';
		const option = `${company.companyName}${twins.length > 1 ? ` [${inPsa}${company.companyId}]` : ''} (${company.tenants.length} tenant${company.tenants.length === 1 ? '' : 's'})`;
		pickChoices[option] = companyKey(company);
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

const noCompany = { companyId: 0, companyName: '', psa: '', tenants: [] } satisfies Company;

function companyLinks(input: OverviewInput, session: OverviewSession): { links: LinkRow[]; unclear: Record<string, string> } {
	const company = companyOfSession(input, session);
	return company ? linksOfCompany(mapped(input), input.links, company) : { links: [], unclear: {} };
}

/** The agreements whose lines the overview shows: those of the company's links the sync can place, in the company's PSA. */
function agreementsToRead(input: OverviewInput, session: OverviewSession): number[] {
	const { links, unclear } = companyLinks(input, session);
	const ids = links.filter((link) => !(String(link.id) in unclear)).map((link) => Number(link.agreementId));
	return [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0))];
}

function read(input: OverviewInput, session: OverviewSession, note: string | null): OverviewStep {
	const company = companyOfSession(input, session) ?? { ...noCompany, companyId: session.companyId!, psa: lower(session.psa) || FORMS_DEFAULT_PSA };
	const tenants = company.tenants.map((row) => ({ tenantId: row.tenantId }));
	// A PSA the sync does not know is read nowhere: the page says why.
	const agreements = isKnownPsa(company.psa) ? agreementsToRead(input, session).map((agreementId) => ({ agreementId, psa: company.psa })) : [];
	return { next: 'read', read: { companyId: company.companyId, psa: company.psa, tenants, agreements }, session: { ...session, psa: company.psa, at: 'read', note: note ?? session.note } };
}

/** The facts of the chosen company, only from its own tenants and its own PSA's agreements (older reads are ignored). */
export function companyFacts(input: OverviewInput, session: OverviewSession): CompanyFacts {
	const company = companyOfSession(input, session) ?? { ...noCompany, companyId: session.companyId! };
	const tenantIds = new Set(company.tenants.map((row) => lower(row.tenantId)));
	const { links, unclear } = companyLinks(input, session);
	const agreementIds = new Set(isKnownPsa(company.psa) ? agreementsToRead(input, session) : []);
	const ofTenant = (row: { tenantId?: string | null; details?: { tenantId?: string } }) => tenantIds.has(lower(row.tenantId ?? row.details?.tenantId));
	// An agreement id names a different agreement in each PSA: only lines read in the company's own PSA count.
	const ofAgreement = (row: AdditionRow) => (lower(row.psa) || 'connectwise') === company.psa && agreementIds.has(Number(row.agreementId ?? row.details?.agreementId));
	const wholeFailure = (row: AdditionRow) => (lower(row.psa) || 'connectwise') === company.psa && agreementIds.size > 0 && typeof row.error === 'string' && (row.agreementId ?? row.details?.agreementId) === undefined;
	const ofTenantIfKnown = (row: { tenantId?: string | null }) => lower(row.tenantId) === '' || tenantIds.has(lower(row.tenantId));
	return {
		companyId: company.companyId,
		companyName: session.companyName,
		psa: company.psa,
		tenants: company.tenants,
		links,
		unclear,
		licenses: input.licenses.filter(ofTenant),
		lines: input.lines.filter((row) => ofAgreement(row) || wholeFailure(row)),
		profiles: input.profiles,
		approvals: input.approvals.filter((row) => ofTenantIfKnown(row) && (agreementIds.has(Number(row.agreementId)) || Number(row.companyId) === company.companyId)),
		audit: input.audit.filter(ofTenantIfKnown),
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
	const unknownPsa = isKnownPsa(facts.psa) ? '' : `<p><b>${escapeHtml(`This company is in PSA ${psaName(facts.psa)} (m365_company_map psa): use connectwise or autotask. Its agreements are not read, and the sync does not bill it.`)}</b></p>`;
	const header =
		(session.note ? `<p><b>${escapeHtml(session.note)}</b></p>` : '') +
		unknownPsa +
		paragraph(`Tenants: ${tenants}. Billed in ${psaName(facts.psa)}. Licenses: ${facts.licenses.filter((row) => !row.error).length}, linked to ${facts.links.length} agreement line(s).`) +
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
		const key = session.pickChoices[choice];
		const company = mapped(input).find((candidate) => companyKey(candidate) === key);
		if (!company) return findPage(session, 'That company is no longer in the company map.');
		return read(input, chosen(session, company), null);
	}
	if (session.at === 'read') return overviewPage(input, session);
	if (session.at === 'write') return read(input, session, null);
	if (session.at === 'sync') return read(input, session, syncNote(input.syncResult));
	const { links } = companyLinks(input, session);
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
