/**
 * The companies of the overview and the links each one bills, per PSA. A company id means
 * nothing without its PSA (ConnectWise company 250 and Autotask company 250 are two
 * customers), so a company is its PSA and id, and a link's agreement is read only in the PSA
 * of the one company it bills: never an Autotask contract's lines for a ConnectWise link.
 */
import { PSAS, type Psa } from '../../SyncRun/core/scopeTypes';
import { psaOfRow } from '../../SyncRun/core/scope';
import type { LinkRow } from './overviewTable';
import type { CompanyMapRow } from './types';

export interface Company {
	companyId: number;
	companyName: string;
	/** Lower case: the row's `psa`, else ConnectWise; may be one the sync does not know. */
	psa: string;
	tenants: CompanyMapRow[];
}

const lower = (value: unknown): string => String(value ?? '').trim().toLowerCase();

export const PSA_NAMES: Record<Psa, string> = { connectwise: 'ConnectWise', autotask: 'Autotask' };
export const isKnownPsa = (psa: string): psa is Psa => (PSAS as readonly string[]).includes(psa);
export const psaName = (psa: string): string => (isKnownPsa(psa) ? PSA_NAMES[psa] : `"${psa}"`);
export const companyKey = (company: { psa: string; companyId: number }): string => `${company.psa}:${company.companyId}`;

const validId = (value: unknown): number | null => {
	const id = Number(value);
	return Number.isInteger(id) && id > 0 ? id : null;
};

/** Mapped companies, each with its tenants, by name. */
export function companiesOf(companyMap: CompanyMapRow[], defaultPsa: string): Company[] {
	const byKey = new Map<string, Company>();
	for (const row of companyMap) {
		const id = validId(row.companyId);
		if (!row.tenantId || id === null) continue;
		const psa = psaOfRow(row as unknown as Record<string, unknown>, defaultPsa);
		const key = companyKey({ psa, companyId: id });
		const company = byKey.get(key) ?? { companyId: id, companyName: row.companyName || `Company ${id}`, psa, tenants: [] };
		company.tenants.push(row);
		byKey.set(key, company);
	}
	return [...byKey.values()].sort((a, b) => a.companyName.localeCompare(b.companyName) || a.companyId - b.companyId || a.psa.localeCompare(b.psa));
}

/**
 * Why the sync cannot tell which company a link bills (the core's rule: the company the link
 * names, else its tenant's only company), or null when it is `company`.
 */
function unclearFor(link: LinkRow, mapped: Company[]): string | null {
	const named = validId(link.companyId);
	if (named !== null) {
		const same = mapped.filter((candidate) => candidate.companyId === named);
		return same.length > 1 ? `its tenant is mapped to company ${named} in ${same.map((c) => psaName(c.psa)).join(' and ')}: keep one company-map row` : null;
	}
	return mapped.length > 1 ? `its tenant is mapped to ${mapped.length} companies and the link names none: set companyId on the link` : null;
}

export interface CompanyLinks {
	/** Every link of the company's tenants that bills it, or may (unclear ones). */
	links: LinkRow[];
	/** Link row id → why its agreement is not read (the sync does not bill it either). */
	unclear: Record<string, string>;
}

/** The links that bill `company`: those of its tenants that name it (or name no company when the tenant has only this one). */
export function linksOfCompany(companies: Company[], links: LinkRow[], company: Company): CompanyLinks {
	const tenants = new Set(company.tenants.map((row) => lower(row.tenantId)));
	const mappedOf = (tenantId: unknown) => companies.filter((candidate) => candidate.tenants.some((row) => lower(row.tenantId) === lower(tenantId)));
	const own: LinkRow[] = [];
	const unclear: Record<string, string> = {};
	for (const link of links) {
		if (link.id === undefined || !tenants.has(lower(link.tenantId))) continue;
		const named = validId(link.companyId);
		if (named !== null && named !== company.companyId) continue;
		const reason = unclearFor(link, mappedOf(link.tenantId));
		if (reason !== null) unclear[String(link.id)] = reason;
		own.push(link);
	}
	return { links: own, unclear };
}
