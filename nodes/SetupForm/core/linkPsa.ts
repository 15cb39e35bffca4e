/**
 * The PSA side of the link licenses form: which PSA a mapped company lives in, Autotask contracts
 * as the form's agreement rows, which billing profiles that PSA can bill, and its words.
 */
import { companiesByTenant, companyOfLink, psaOfRow } from '../../SyncRun/core/scope';
import { PSAS, type Psa } from '../../SyncRun/core/scopeTypes';

/**
 * The PSA of a company-map row, read as the sync reads it with the shipped `defaultPsa`
 * (connectwise): the forms cannot read the core's Sync settings, and every row the onboarding form
 * writes names its PSA, so an empty one comes from before Autotask (or from a hand-written row).
 * Anything else is returned as written, so a typo is shown as one, never read in a PSA it does not name.
 */
export function psaOf(row: { psa?: unknown }): string {
	return psaOfRow(row, 'connectwise');
}

export const isKnownPsa = (psa: string): psa is Psa => (PSAS as readonly string[]).includes(psa);

interface PsaWords {
	name: string;
	agreement: string;
	agreements: string;
	agreementTypes: string;
	/** How to create what is missing, in that PSA's menus. */
	create: (companyName: string, typeText: string) => string;
}

export const PSA_WORDS: Record<Psa, PsaWords> = {
	connectwise: {
		name: 'ConnectWise',
		agreement: 'agreement',
		agreements: 'agreements',
		agreementTypes: 'agreement types',
		create: (company, types) => `In ConnectWise PSA open <i>Finance → Agreements</i>, create a new agreement for <b>${company}</b> of type ${types} with status <i>Active</i>`,
	},
	autotask: {
		name: 'Autotask',
		agreement: 'contract',
		agreements: 'contracts',
		agreementTypes: 'contract categories',
		create: (company, types) => `In Autotask open <i>Contracts → New Contract</i>, create a recurring service contract for <b>${company}</b> of category ${types} with status <i>Active</i>`,
	},
};

/** A contract as Autotask PSA → Contract → Get Many lists it. */
interface AutotaskContract {
	agreementId?: unknown;
	name?: unknown;
	agreementCompanyId?: unknown;
	agreementType?: unknown;
	agreementStatus?: unknown;
}

/**
 * Autotask contracts as the form's agreement rows: the contract category is the agreement type.
 * Only contracts still billing: an Active contract past its end date reads Expired and is left out.
 */
export function autotaskAgreementRows(contracts: AutotaskContract[]) {
	return contracts
		.filter((c) => Number(c.agreementId) > 0 && c.agreementStatus === 'Active')
		.map((c) => ({ agreementId: Number(c.agreementId), name: String(c.name ?? ''), companyId: c.agreementCompanyId === null || c.agreementCompanyId === undefined ? null : Number(c.agreementCompanyId), typeId: null, typeName: c.agreementType === null || c.agreementType === undefined ? null : String(c.agreementType), psa: 'autotask' as const }));
}

/** Why a billing profile cannot bill in this PSA, or null when it can. */
export function profileProblem(profile: { billCustomer?: unknown }, psa: string): string | null {
	const billCustomer = String(profile.billCustomer ?? '').trim();
	if (psa === 'autotask' && billCustomer !== '' && billCustomer !== 'Billable') {
		return `bills "${billCustomer}": Autotask bills every contract service (Billable only), so the sync would refuse its line`;
	}
	return null;
}

/** A row of m365_license_links as the form reads it (any columns). */
type LinkTableRow = Record<string, unknown>;

/**
 * The links that write lines on the agreement being linked, the new link last in place of the one
 * it replaces (same tenant and licenses): the other links of that agreement id whose company lives
 * in the new link's PSA, each placed through the company map as the sync places it. An id names a
 * different agreement in each PSA, and a link the sync cannot place is not synced: neither writes
 * lines on this agreement, so neither belongs in its preview.
 */
export function agreementLinks(link: { tenantId: string; skuIds: string; agreementId: number }, psa: string, links: LinkTableRow[], mapRows: Array<Record<string, unknown>>): LinkTableRow[] {
	const companiesOf = companiesByTenant(mapRows, 'connectwise');
	const tenantId = String(link.tenantId).toLowerCase();
	const agreementId = Number(link.agreementId);
	const others = links.filter((row) => {
		if (String(row.tenantId ?? '').trim() === '' || Number(row.agreementId) !== agreementId) return false;
		if (String(row.tenantId).toLowerCase() === tenantId && String(row.skuIds) === String(link.skuIds)) return false;
		const company = companyOfLink(row, companiesOf);
		return 'psa' in company && company.psa === psa;
	});
	return [...others, link];
}

/**
 * Why the sync would bill neither link, when the agreement id being linked is also linked for a
 * company in the other PSA (the sync refuses an id that names a different agreement in each
 * PSA); null otherwise. Said on the preview, before the link is saved.
 */
export function agreementClash(link: { agreementId: number }, psa: string, links: LinkTableRow[], mapRows: Array<Record<string, unknown>>): string | null {
	const companiesOf = companiesByTenant(mapRows, 'connectwise');
	const elsewhere = new Set<string>();
	for (const row of links) {
		if (String(row.tenantId ?? '').trim() === '' || Number(row.agreementId) !== Number(link.agreementId)) continue;
		const company = companyOfLink(row, companiesOf);
		if ('psa' in company && company.psa !== psa) elsewhere.add(company.psa);
	}
	if (elsewhere.size === 0) return null;
	const names = [...elsewhere].map((other) => (isKnownPsa(other) ? PSA_WORDS[other].name : other)).join(' and ');
	return `Id ${String(link.agreementId)} is also linked for a company in ${names}. An id names a different agreement in each PSA, so the sync bills neither link until one of them is removed from m365_license_links.`;
}
