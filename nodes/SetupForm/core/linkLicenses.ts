/**
 * The link licenses form: the company list (marking companies that have no agreement to link to),
 * the agreement page or, when there is no agreement of the profile's types, a page that says why
 * and what to create in the PSA; and the link row from the answers.
 */
import { escapeHtml } from './html';
import { dropdown, html, page, type FormField, type FormPage } from './fields';
import { basisValue, prorateValue, BASIS_WORDS, PRORATE_WORDS } from './words';
import { linkToken } from './linkCounts';

export interface MapRow {
	tenantId: string;
	tenantName: string;
	defaultDomain?: string;
	companyId: number;
	companyName: string;
	/** A split tenant (#18): the user attribute and the values (comma-separated) of this company's users. */
	splitAttribute?: string | null;
	splitValues?: string | null;
}

export interface AgreementRow {
	agreementId: number;
	name: string;
	companyId: number | null;
	typeId: number | null;
	typeName: string | null;
}

export interface ProfileRow {
	name: string;
	agreementTypes: string;
}

export interface CompanyChoice extends MapRow {
	label: string;
	/** No active agreement of any billing profile's agreement types: linking would dead-end. */
	noAgreement: boolean;
}

export const NO_AGREEMENT_MARK = '(no agreement to link to yet)';
export const GO_BACK = 'Go back and pick another license or billing profile';
export const STOP = 'Stop here (nothing is saved)';

const norm = (text: unknown): string => String(text ?? '').trim().toLowerCase();

export function typesOf(profile: ProfileRow | undefined): string[] {
	return String(profile?.agreementTypes ?? '').split(',').map((type) => type.trim()).filter((type) => type !== '');
}

/** Active agreements of the company whose type is one of the types (any type when none are set). */
export function agreementsFor(companyId: number, types: string[], agreements: AgreementRow[]): AgreementRow[] {
	const wanted = types.map(norm);
	return agreements.filter((a) => Number(a.companyId) === Number(companyId) && a.agreementId && (wanted.length === 0 || wanted.includes(norm(a.typeName)) || wanted.includes(norm(a.typeId))));
}

/** The companies of the company map, narrowed by the search text, each marked when no profile's agreement type exists for it. */
export function companyChoices(mapRows: MapRow[], agreements: AgreementRow[], profiles: ProfileRow[], search: string): { companies: CompanyChoice[]; page: FormPage } {
	const query = norm(search);
	const allTypes = [...new Set(profiles.flatMap(typesOf))];
	const rows = mapRows.filter((row) => row.tenantId && row.companyId && (query === '' || norm(`${row.companyName} ${row.tenantName} ${row.defaultDomain ?? ''}`).includes(query)));
	const seen = new Set<string>();
	const companies = rows
		.map((row) => {
			const noAgreement = agreementsFor(Number(row.companyId), allTypes, agreements).length === 0;
			let label = `${row.companyName} — ${row.tenantName} (${row.defaultDomain || row.tenantId})`;
			if (seen.has(label)) label += ` #${row.companyId}`;
			seen.add(label);
			return { ...row, companyId: Number(row.companyId), label: noAgreement ? `${label} ${NO_AGREEMENT_MARK}` : label, noAgreement };
		})
		.sort((a, b) => a.label.localeCompare(b.label));
	const marked = companies.filter((c) => c.noAgreement).length;
	const intro = companies.length === 0
		? `<p>No mapped company${query ? ` contains "${escapeHtml(search.trim())}"` : ''}. Run the onboarding form to add customers, or go back and search for another name.</p>`
		: `<p>${companies.length} mapped ${companies.length === 1 ? 'company' : 'companies'}${query ? ` containing "${escapeHtml(search.trim())}"` : ''}.` +
			(marked > 0 ? ` ${marked} marked <i>${NO_AGREEMENT_MARK}</i> have no active agreement of your billing profiles' types (${escapeHtml(allTypes.join(', ') || 'none set')}): create one in ConnectWise first.` : '') +
			'</p>';
	const fields: FormField[] = [html(intro)];
	if (companies.length > 0) fields.push(dropdown('company', 'Company', companies.map((c) => c.label)));
	return { companies, page: page('Which company?', 'Companies mapped to a tenant (run the onboarding form to add more).', 'Next', fields) };
}

export type AgreementStep = { hasAgreement: true; page: FormPage } | { hasAgreement: false; page: FormPage };

/** The agreement and billing options page, or the page that explains why there is nothing to link to. */
export function agreementStep(company: MapRow, profile: ProfileRow | undefined, agreements: AgreementRow[]): AgreementStep {
	const types = typesOf(profile);
	const offered = agreementsFor(Number(company.companyId), types, agreements).map((a) => `${a.name} (${a.typeName}) #${a.agreementId}`);
	if (offered.length === 0) {
		const typeText = types.length > 0 ? types.map((t) => `<b>${escapeHtml(t)}</b>`).join(' or ') : 'any type';
		const content =
			`<p><b>${escapeHtml(company.companyName)}</b> has no active agreement of ${typeText}, the agreement types of the billing profile ` +
			`<b>${escapeHtml(profile?.name ?? '')}</b>, so there is nothing to link this license to.</p>` +
			'<p>To bill it: in ConnectWise PSA open <i>Finance → Agreements</i>, create a new agreement for ' +
			`<b>${escapeHtml(company.companyName)}</b> of type ${typeText} with status <i>Active</i>, then come back to this form. ` +
			'Or go back and pick another billing profile.</p>';
		return { hasAgreement: false, page: page('No agreement to link to', `${company.companyName}: no active agreement of the profile's types`, 'Next', [html(content), dropdown('whatNow', 'What now?', [GO_BACK, STOP], GO_BACK)]) };
	}
	const yesNo = ['No', 'Yes'];
	const fields: FormField[] = [
		dropdown('agreement', 'Agreement', offered, offered.length === 1 ? offered[0] : undefined),
		{ fieldType: 'date', fieldLabel: 'Billing start date', fieldName: 'billingStartDate' },
		dropdown('quantityBasis', 'Quantity basis', Object.values(BASIS_WORDS), BASIS_WORDS.purchased),
		{ fieldType: 'number', fieldLabel: 'Minimum quantity', fieldName: 'minimumQuantity', defaultValue: 0 },
		{ fieldType: 'number', fieldLabel: 'Included quantity (not billed)', fieldName: 'includedQuantity', defaultValue: 0 },
		dropdown('showUsernames', 'Usernames on the invoice', yesNo, 'No'),
		dropdown('showUnassigned', 'Unassigned count on the invoice', yesNo, 'No'),
		dropdown('prorate', 'Prorate', Object.values(PRORATE_WORDS), PRORATE_WORDS.off),
	];
	return { hasAgreement: true, page: page('Agreement and billing options', "Only active agreements of the billing profile's agreement types are listed.", 'Preview', fields) };
}

export interface LinkRow {
	tenantId: string;
	/** The company the link bills: needed when its tenant is mapped to several (the core refuses a guess). */
	companyId: number;
	skuIds: string;
	term: string;
	agreementId: number;
	billingProfile: string;
	quantityBasis: string;
	includedQuantity: number;
	minimumQuantity: number;
	billingStartDate: string | null;
	prorate: string;
	showUsernames: boolean;
	showUnassigned: boolean;
	descriptionTemplate: string;
	doNotBill: boolean;
}

const wholeNumber = (value: unknown, what: string): number => {
	if (value === null || value === undefined || String(value).trim() === '') return 0;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number of 0 or more, got "${String(value)}"`);
	return n;
};

/**
 * The link row from the company, the picked license or count (its `[id]`, with the group or typed
 * domains it needs) and profile, and the options page's answers.
 */
export function linkRow(company: MapRow, license: string, billingProfile: string, answers: Record<string, unknown>, detail: { group?: string; domains?: string } = {}): LinkRow {
	const skuId = linkToken(company, license, detail);
	const agreementId = Number(/#(\d+)$/.exec(String(answers.agreement ?? ''))?.[1]);
	if (!Number.isInteger(agreementId) || agreementId <= 0) throw new Error(`The agreement "${String(answers.agreement ?? '')}" names no agreement id`);
	return {
		tenantId: company.tenantId,
		companyId: Number(company.companyId),
		skuIds: skuId,
		term: '',
		agreementId,
		billingProfile,
		quantityBasis: basisValue(answers.quantityBasis),
		includedQuantity: wholeNumber(answers.includedQuantity, 'Included quantity'),
		minimumQuantity: wholeNumber(answers.minimumQuantity, 'Minimum quantity'),
		billingStartDate: String(answers.billingStartDate ?? '').trim() || null,
		prorate: prorateValue(answers.prorate),
		showUsernames: answers.showUsernames === 'Yes',
		showUnassigned: answers.showUnassigned === 'Yes',
		descriptionTemplate: '',
		doNotBill: false,
	};
}
