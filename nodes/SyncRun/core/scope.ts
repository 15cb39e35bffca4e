/**
 * The scope of one sync run (the core's "Scope of this run"): which links to sync, which
 * tenants' licenses and which agreements' lines to read, and in which PSA each agreement lives.
 * A link bills only a company its tenant is mapped to; anything it cannot tell for sure is Not
 * Synced with the reason, never guessed.
 */
import { PSAS, type CompanyOfTenant, type Psa, type RunScope, type ScopeInput, type ScopeRow } from './scopeTypes';

const idOf = (value: unknown): string => String(value ?? '').trim().toLowerCase();
const given = (value: unknown): boolean => String(value ?? '').trim() !== '';
const isTrue = (value: unknown): boolean => value === true || String(value).toLowerCase() === 'true';
const unique = <T>(list: T[]): T[] => [...new Set(list)];

/** The PSA a company-map row's company lives in: its own `psa`, else the default (ConnectWise when neither says). */
export function psaOfRow(row: ScopeRow, defaultPsa: string): string {
	return idOf(row.psa) || idOf(defaultPsa) || 'connectwise';
}

export type Resolved = CompanyOfTenant | { reason: string };

/** The companies each tenant is mapped to (one tenant may be mapped to several), by lower-case tenant id. */
export function companiesByTenant(companyMap: ScopeRow[], defaultPsa: string): Record<string, CompanyOfTenant[]> {
	const companiesOf: Record<string, CompanyOfTenant[]> = {};
	companyMap.filter((row) => given(row.tenantId)).forEach((row) => {
		const id = idOf(row.tenantId);
		(companiesOf[id] = companiesOf[id] ?? []).push({ companyId: Number(row.companyId), companyName: (row.companyName as string | undefined) ?? null, psa: psaOfRow(row, defaultPsa) });
	});
	return companiesOf;
}

const known = (company: CompanyOfTenant, id: string): Resolved =>
	(PSAS as readonly string[]).includes(company.psa)
		? company
		: { reason: `company ${company.companyId} of tenant ${id} is in PSA "${company.psa}" (m365_company_map psa or Sync settings defaultPsa): use ${PSAS.join(' or ')}` };

/** The company (and so the PSA) a link bills: the one it names, else the tenant's only company. Never a guess. */
export function companyOfLink(link: ScopeRow, companiesOf: Record<string, CompanyOfTenant[]>): Resolved {
	const id = idOf(link.tenantId);
	const mapped = companiesOf[id] ?? [];
	if (given(link.companyId)) {
		const named = mapped.filter((c) => c.companyId === Number(link.companyId));
		// Company ids are per PSA: the same id mapped in two PSAs cannot say which one to bill.
		if (named.length > 1) return { reason: `tenant ${id} is mapped to company ${String(link.companyId)} in ${named.map((c) => c.psa).join(' and ')}: keep one company-map row` };
		return named.length === 1 ? known(named[0], id) : { reason: `the link names company ${String(link.companyId)}, but tenant ${id} is not mapped to it` };
	}
	if (mapped.length === 1) return known(mapped[0], id);
	if (mapped.length === 0) return { reason: `tenant ${id} is not mapped to a company` };
	return { reason: `tenant ${id} is mapped to companies ${mapped.map((c) => c.companyId).join(', ')} and the link names none: set companyId on the link` };
}

export function scopeOfRun(input: ScopeInput): RunScope {
	const companyId = String(input.request.companyId ?? '').trim();
	const tenantId = idOf(input.request.tenantId);
	const dryRun = isTrue(input.request.dryRun);
	const rows = (list: ScopeRow[]) => list.filter((row) => given(row.tenantId));
	const companyMap = rows(input.companyMap);
	const licenseLinks = rows(input.licenseLinks);
	// A batch of a sync run (queue mode) syncs only its own tenants, listed in its m365_sync_batches row.
	const batchTenants = input.batchTenantIds === null ? null : new Set(input.batchTenantIds.map(idOf));
	const inBatch = (id: string) => batchTenants === null || batchTenants.has(id);

	const companiesOf = companiesByTenant(companyMap, input.defaultPsa);
	const nameByTenant: Record<string, string> = {};
	companyMap.forEach((row) => {
		if (row.tenantName) nameByTenant[idOf(row.tenantId)] = String(row.tenantName);
	});
	const companyOf = (link: ScopeRow): Resolved => companyOfLink(link, companiesOf);
	const wanted = (link: ScopeRow, company: Resolved): boolean =>
		(tenantId === '' || idOf(link.tenantId) === tenantId) &&
		inBatch(idOf(link.tenantId)) &&
		(companyId === '' ||
			String('companyId' in company ? company.companyId : (link.companyId ?? '')) === companyId ||
			('reason' in company && (companiesOf[idOf(link.tenantId)] ?? []).some((c) => String(c.companyId) === companyId)));

	const skusOf = (row: ScopeRow) => `${idOf(row.tenantId)}|${String(row.skuIds ?? '').toLowerCase()}`;
	const skip = (row: ScopeRow, reason: string) => ({ action: 'skip' as const, tenantId: idOf(row.tenantId), agreementId: Number(row.agreementId) || null, product: (row.billingProfile as string | undefined) ?? null, reasons: [reason] });
	let links: Array<ScopeRow & { companyId: number; companyName: string | null; psa: Psa }> = [];
	const notSynced: RunScope['notSynced'] = [];
	const linkedElsewhere: string[] = [];
	licenseLinks.forEach((row) => {
		const company = companyOf(row);
		if (!wanted(row, company)) linkedElsewhere.push(skusOf(row));
		else if ('reason' in company) {
			linkedElsewhere.push(skusOf(row));
			notSynced.push(skip(row, company.reason));
		} else links.push({ ...row, companyId: company.companyId, companyName: company.companyName, psa: company.psa as Psa });
	});
	// Agreement ids are per PSA too: an id linked for companies in two PSAs is not synced in either.
	const psasOfAgreement = new Map<number, Set<Psa>>();
	links.forEach((row) => {
		const id = Number(row.agreementId);
		psasOfAgreement.set(id, (psasOfAgreement.get(id) ?? new Set<Psa>()).add(row.psa));
	});
	const clashes = (row: ScopeRow) => (psasOfAgreement.get(Number(row.agreementId))?.size ?? 0) > 1;
	links.filter(clashes).forEach((row) => {
		linkedElsewhere.push(skusOf(row));
		const psas = [...psasOfAgreement.get(Number(row.agreementId))!].join(' and ');
		notSynced.push(skip(row, `agreement ${String(row.agreementId)} is linked for companies in ${psas}: an id names a different agreement in each PSA, so neither is synced`));
	});
	links = links.filter((row) => !clashes(row));

	// Tenants to read: those of the links to sync, and the mapped tenants asked for (their unlinked licenses are reported).
	const mappedTenants = Object.keys(companiesOf).filter(
		(id) => (tenantId === '' || id === tenantId) && inBatch(id) && (companyId === '' || companiesOf[id].some((c) => String(c.companyId) === companyId)),
	);
	const tenantIds = unique(mappedTenants.concat(links.map((row) => idOf(row.tenantId))));
	// One pass: per-tenant filtering of every link grows with tenants × links.
	const countsOf: Record<string, unknown[]> = {};
	licenseLinks.forEach((row) => (countsOf[idOf(row.tenantId)] = countsOf[idOf(row.tenantId)] ?? []).push(row.skuIds));
	const linksByTenant: Record<string, ScopeRow[]> = {};
	links.forEach((row) => (linksByTenant[idOf(row.tenantId)] = linksByTenant[idOf(row.tenantId)] ?? []).push(row));
	const agreementIds = unique(links.map((row) => Number(row.agreementId)).filter((id) => id > 0));
	const psaOfAgreement = (id: number): Psa => [...psasOfAgreement.get(id)!][0];

	return {
		companyId: companyId === '' ? null : companyId,
		tenantId: tenantId === '' ? null : tenantId,
		dryRun,
		companiesOf,
		// Usernames (Graph, needs GDAP) and subscriptions cost a call per tenant: read them only where a link uses them.
		tenants: tenantIds.map((id) => {
			const own = linksByTenant[id] ?? [];
			return {
				tenantId: id,
				tenantName: nameByTenant[id] ?? null,
				includeUsernames: own.some((row) => isTrue(row.showUsernames)),
				includeSubscriptions: own.some((row) => given(row.term)),
				// Custom counts (#18) named by any link of the tenant, also of companies outside this run: a split tenant's users are divided among all of its companies.
				counts: JSON.stringify(countsOf[id] ?? []),
			};
		}),
		// Each link carries the company it bills (contract C2), so License Reconcile can refuse another company's agreement.
		links,
		// Each agreement is read in, and each change applied to, its company's PSA.
		agreements: agreementIds.map((id) => ({ agreementId: id, psa: psaOfAgreement(id) })),
		agreementPsa: Object.fromEntries(agreementIds.map((id) => [String(id), psaOfAgreement(id)])),
		notSynced,
		linkedElsewhere: unique(linkedElsewhere),
	};
}
