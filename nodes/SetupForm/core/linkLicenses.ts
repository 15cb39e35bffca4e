/**
 * The link licenses form: the company list (marking companies that have no agreement to link to),
 * the agreement page or, when there is no agreement of the profile's types, a page that says why
 * and what to create in the PSA; and the link row from the answers.
 */
import { escapeHtml } from './html';
import { dropdown, html, page, type FormField, type FormPage } from './fields';
import { basisValue, prorateValue, BASIS_WORDS, PRORATE_WORDS } from './words';
import { linkToken } from './linkCounts';
import { isKnownPsa, profileProblem, psaOf, PSA_WORDS } from './linkPsa';

export interface MapRow {
	tenantId: string;
	tenantName: string;
	defaultDomain?: string;
	companyId: number;
	companyName: string;
	/** A split tenant (#18): the user attribute and the values (comma-separated) of this company's users. */
	splitAttribute?: string | null;
	splitValues?: string | null;
	/** The PSA the company lives in (`connectwise` or `autotask`; empty: ConnectWise, see psaOf). */
	psa?: string | null;
}

export interface AgreementRow {
	agreementId: number;
	name: string;
	companyId: number | null;
	typeId: number | null;
	typeName: string | null;
	/** The PSA that listed it (company and agreement ids are each PSA's own); none: ConnectWise. */
	psa?: string;
}

export interface ProfileRow {
	name: string;
	agreementTypes: string;
	billCustomer?: string | null;
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

/** Active agreements of the company, in its PSA, whose type is one of the types (any type when none are set). */
export function agreementsFor(company: Pick<MapRow, 'companyId' | 'psa'>, types: string[], agreements: AgreementRow[]): AgreementRow[] {
	const wanted = types.map(norm);
	const psa = psaOf(company);
	return agreements.filter((a) => psaOf(a) === psa && Number(a.companyId) === Number(company.companyId) && a.agreementId && (wanted.length === 0 || wanted.includes(norm(a.typeName)) || wanted.includes(norm(a.typeId))));
}

/** The billing profiles a company's PSA can bill, and the others with why not. */
export function usableProfiles<P extends ProfileRow>(profiles: P[], company: Pick<MapRow, 'psa'>): { usable: P[]; refused: Array<{ profile: P; why: string }> } {
	const usable: P[] = [];
	const refused: Array<{ profile: P; why: string }> = [];
	for (const profile of profiles.filter((p) => p.name)) {
		const why = profileProblem(profile, psaOf(company));
		if (why) refused.push({ profile, why });
		else usable.push(profile);
	}
	return { usable, refused };
}

/** The companies of the company map, narrowed by the search text, each marked when no profile's agreement type exists for it. */
export function companyChoices(mapRows: MapRow[], agreements: AgreementRow[], profiles: ProfileRow[], search: string): { companies: CompanyChoice[]; page: FormPage } {
	const query = norm(search);
	const allTypes = [...new Set(profiles.flatMap(typesOf))];
	const rows = mapRows.filter((row) => row.tenantId && row.companyId && (query === '' || norm(`${row.companyName} ${row.tenantName} ${row.defaultDomain ?? ''}`).includes(query)));
	const seen = new Set<string>();
	const companies = rows
		.map((row) => {
			const psa = psaOf(row);
			const noAgreement = !isKnownPsa(psa) || agreementsFor(row, allTypes, agreements).length === 0;
			let label = `${row.companyName} — ${row.tenantName} (${row.defaultDomain || row.tenantId})`;
			if (seen.has(label)) label += ` #${row.companyId}`;
			seen.add(label);
			if (!isKnownPsa(psa)) label += ` (PSA "${psa}" unknown: set psa to connectwise or autotask in m365_company_map)`;
			return { ...row, companyId: Number(row.companyId), label: noAgreement && isKnownPsa(psa) ? `${label} ${NO_AGREEMENT_MARK}` : label, noAgreement };
		})
		.sort((a, b) => a.label.localeCompare(b.label));
	const marked = companies.filter((c) => c.noAgreement).length;
	const markedPsas = [...new Set(companies.filter((c) => c.noAgreement).map(psaOf).filter(isKnownPsa))].map((psa) => PSA_WORDS[psa].name);
	const intro = companies.length === 0
		? `<p>No mapped company${query ? ` contains "${escapeHtml(search.trim())}"` : ''}. Run the onboarding form to add customers, or go back and search for another name.</p>`
		: `<p>${companies.length} mapped ${companies.length === 1 ? 'company' : 'companies'}${query ? ` containing "${escapeHtml(search.trim())}"` : ''}.` +
			(marked > 0 ? ` ${marked} marked <i>${NO_AGREEMENT_MARK}</i> have no active agreement (Autotask: contract) of your billing profiles' types (${escapeHtml(allTypes.join(', ') || 'none set')}): create one in ${markedPsas.join(' or ') || 'their PSA'} first.` : '') +
			'</p>';
	const fields: FormField[] = [html(intro)];
	if (companies.length > 0) fields.push(dropdown('company', 'Company', companies.map((c) => c.label)));
	return { companies, page: page('Which company?', 'Companies mapped to a tenant (run the onboarding form to add more).', 'Next', fields) };
}

export type AgreementStep = { hasAgreement: true; page: FormPage } | { hasAgreement: false; page: FormPage };

/** The agreement and billing options page, or the page that explains why there is nothing to link to. */
export function agreementStep(company: MapRow, profile: ProfileRow | undefined, agreements: AgreementRow[]): AgreementStep {
	const psa = psaOf(company);
	const back = dropdown('whatNow', 'What now?', [GO_BACK, STOP], GO_BACK);
	if (!isKnownPsa(psa)) {
		const content = `<p>The company map names the PSA <b>${escapeHtml(psa)}</b> for <b>${escapeHtml(company.companyName)}</b>: the sync knows connectwise and autotask only, so it would not bill this company. Set its <i>psa</i> in m365_company_map (or map it again with the onboarding form), then come back.</p>`;
		return { hasAgreement: false, page: page('No agreement to link to', `${company.companyName}: unknown PSA`, 'Next', [html(content), back]) };
	}
	const words = PSA_WORDS[psa];
	const problem = profile ? profileProblem(profile, psa) : null;
	if (profile && problem) {
		const content = `<p>The billing profile <b>${escapeHtml(profile.name)}</b> ${escapeHtml(problem)}. <b>${escapeHtml(company.companyName)}</b> is billed in ${words.name}.</p><p>Go back and pick a profile with Bill customer <i>Billable</i> (the billing profiles form on Autotask saves only those).</p>`;
		return { hasAgreement: false, page: page('This billing profile cannot bill here', `${company.companyName}: the profile cannot bill in ${words.name}`, 'Next', [html(content), back]) };
	}
	const types = typesOf(profile);
	const offered = agreementsFor(company, types, agreements).map((a) => `${a.name} (${a.typeName}) #${a.agreementId}`);
	if (offered.length === 0) {
		const typeText = types.length > 0 ? types.map((t) => `<b>${escapeHtml(t)}</b>`).join(' or ') : 'any type';
		const content =
			`<p><b>${escapeHtml(company.companyName)}</b> has no active ${words.agreement} of ${typeText}, the ${words.agreementTypes} of the billing profile ` +
			`<b>${escapeHtml(profile?.name ?? '')}</b>, so there is nothing to link this license to.</p>` +
			`<p>To bill it: ${words.create(escapeHtml(company.companyName), typeText)}, then come back to this form. ` +
			'Or go back and pick another billing profile.</p>';
		return { hasAgreement: false, page: page('No agreement to link to', `${company.companyName}: no active ${words.agreement} of the profile's types`, 'Next', [html(content), back]) };
	}
	const yesNo = ['No', 'Yes'];
	const autotask = psa === 'autotask';
	const fields: FormField[] = [
		dropdown('agreement', autotask ? 'Contract' : 'Agreement', offered, offered.length === 1 ? offered[0] : undefined),
		{ fieldType: 'date', fieldLabel: 'Billing start date', fieldName: 'billingStartDate' },
		dropdown('quantityBasis', 'Quantity basis', Object.values(BASIS_WORDS), BASIS_WORDS.purchased),
		{ fieldType: 'number', fieldLabel: 'Minimum quantity', fieldName: 'minimumQuantity', defaultValue: 0 },
		// Autotask has no included quantity on a contract service and prorates a unit change itself: no fields it cannot honour.
		...(autotask ? [] : [{ fieldType: 'number', fieldLabel: 'Included quantity (not billed)', fieldName: 'includedQuantity', defaultValue: 0 } as FormField]),
		dropdown('showUsernames', 'Usernames on the invoice', yesNo, 'No'),
		dropdown('showUnassigned', 'Unassigned count on the invoice', yesNo, 'No'),
		...(autotask ? [html('<p>On Autotask the whole count is billed (a contract service has no included quantity: lower the price instead), and Autotask prorates a change of units itself from the day it is made, so there is no prorate choice. Usernames go to the invoice description, cut at 1000 characters.</p>')] : [dropdown('prorate', 'Prorate', Object.values(PRORATE_WORDS), PRORATE_WORDS.off)]),
	];
	const description = autotask ? "Only active Autotask contracts of the billing profile's contract categories are listed." : "Only active agreements of the billing profile's agreement types are listed.";
	return { hasAgreement: true, page: page(autotask ? 'Contract and billing options' : 'Agreement and billing options', description, 'Preview', fields) };
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
	const autotask = psaOf(company) === 'autotask';
	return {
		tenantId: company.tenantId,
		companyId: Number(company.companyId),
		skuIds: skuId,
		term: '',
		agreementId,
		billingProfile,
		quantityBasis: basisValue(answers.quantityBasis),
		// Autotask offers neither (see agreementStep): its links keep the values it bills by.
		includedQuantity: autotask ? 0 : wholeNumber(answers.includedQuantity, 'Included quantity'),
		minimumQuantity: wholeNumber(answers.minimumQuantity, 'Minimum quantity'),
		billingStartDate: String(answers.billingStartDate ?? '').trim() || null,
		prorate: autotask ? 'off' : prorateValue(answers.prorate),
		showUsernames: answers.showUsernames === 'Yes',
		showUnassigned: answers.showUnassigned === 'Yes',
		descriptionTemplate: '',
		doNotBill: false,
	};
}
