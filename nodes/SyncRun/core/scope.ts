/**
 * "Scope of this run" of the core template, as code (#16): which links and tenants a sync
 * run covers, the company each link bills (contract C2), and what is Not Synced before any
 * read because the company map does not say which company a link bills. Pure.
 */

export type Row = Record<string, unknown>;

export interface MappedCompany {
	companyId: number;
	companyName: string | null;
}

export interface ScopeTenant {
	tenantId: string;
	tenantName: string | null;
	/** Usernames (Graph, needs GDAP) cost a call per tenant: only where a link shows them. */
	includeUsernames: boolean;
	/** Subscriptions cost a call per tenant: only where a link names a term. */
	includeSubscriptions: boolean;
}

export interface ScopeNotSynced {
	action: 'skip';
	tenantId: string;
	agreementId: number | null;
	product: string | null;
	reasons: string[];
}

export interface RunScope {
	companyId: string | null;
	tenantId: string | null;
	dryRun: boolean;
	/** Tenant id (lower case) → the companies it is mapped to. */
	companiesOf: Record<string, MappedCompany[]>;
	tenants: ScopeTenant[];
	/** The links to sync, each with the company it bills. */
	links: Row[];
	agreements: Array<{ agreementId: number }>;
	notSynced: ScopeNotSynced[];
	/** `tenant|skuIds` of links outside this run (or refused): their licenses are not "unlinked". */
	linkedElsewhere: string[];
}

const idOf = (value: unknown): string => String(value ?? '').trim().toLowerCase();
const given = (value: unknown): boolean => String(value ?? '').trim() !== '';
const yes = (value: unknown): boolean => value === true || String(value).toLowerCase() === 'true';
const unique = <T>(list: T[]): T[] => [...new Set(list)];
const withTenant = (rows: Row[]): Row[] => rows.filter((row) => Boolean(row.tenantId));

/**
 * `request`: the run's request (`companyId`, `tenantId`, `dryRun`; none of the first two:
 * everyone); `companyMap` and `links`: the rows of the company map and license links tables.
 */
export function runScope(request: Row, companyMap: Row[], links: Row[]): RunScope {
	const companyId = String(request.companyId ?? '').trim();
	const tenantId = idOf(request.tenantId);
	const dryRun = yes(request.dryRun);
	// The companies each tenant is mapped to (one tenant may be mapped to several).
	const companiesOf: Record<string, MappedCompany[]> = {};
	const nameByTenant: Record<string, string> = {};
	for (const row of withTenant(companyMap)) {
		const id = idOf(row.tenantId);
		(companiesOf[id] ??= []).push({ companyId: Number(row.companyId), companyName: typeof row.companyName === 'string' ? row.companyName : null });
		if (typeof row.tenantName === 'string' && row.tenantName !== '') nameByTenant[id] = row.tenantName;
	}
	// The company a link bills: the one it names, else the tenant's only company. Never a guess.
	const companyOf = (link: Row): MappedCompany | { reason: string } => {
		const id = idOf(link.tenantId);
		const mapped = companiesOf[id] ?? [];
		if (given(link.companyId)) {
			return mapped.find((c) => c.companyId === Number(link.companyId)) ?? { reason: `the link names company ${String(link.companyId)}, but tenant ${id} is not mapped to it` };
		}
		if (mapped.length === 1) return mapped[0];
		if (mapped.length === 0) return { reason: `tenant ${id} is not mapped to a company` };
		return { reason: `tenant ${id} is mapped to companies ${mapped.map((c) => c.companyId).join(', ')} and the link names none: set companyId on the link` };
	};
	const wanted = (link: Row, company: MappedCompany | { reason: string }): boolean =>
		(tenantId === '' || idOf(link.tenantId) === tenantId) &&
		(companyId === '' ||
			('companyId' in company ? String(company.companyId) : String(link.companyId ?? '')) === companyId ||
			('reason' in company && (companiesOf[idOf(link.tenantId)] ?? []).some((c) => String(c.companyId) === companyId)));

	const scoped: Row[] = [];
	const notSynced: ScopeNotSynced[] = [];
	const linkedElsewhere: string[] = [];
	for (const row of withTenant(links)) {
		const company = companyOf(row);
		const skus = `${idOf(row.tenantId)}|${String(row.skuIds ?? '').toLowerCase()}`;
		if (!wanted(row, company)) linkedElsewhere.push(skus);
		else if ('reason' in company) {
			linkedElsewhere.push(skus);
			notSynced.push({ action: 'skip', tenantId: idOf(row.tenantId), agreementId: Number(row.agreementId) || null, product: typeof row.billingProfile === 'string' ? row.billingProfile : null, reasons: [company.reason] });
		} else scoped.push({ ...row, companyId: company.companyId, companyName: company.companyName });
	}
	// Tenants to read: those of the links to sync, and the mapped tenants asked for (their unlinked licenses are reported).
	const mappedTenants = Object.keys(companiesOf).filter(
		(id) => (tenantId === '' || id === tenantId) && (companyId === '' || companiesOf[id].some((c) => String(c.companyId) === companyId)),
	);
	const tenantIds = unique(mappedTenants.concat(scoped.map((row) => idOf(row.tenantId))));
	// One pass: per-tenant filtering of every link grows with tenants × links.
	const linksByTenant: Record<string, Row[]> = {};
	for (const row of scoped) (linksByTenant[idOf(row.tenantId)] ??= []).push(row);
	return {
		companyId: companyId === '' ? null : companyId,
		tenantId: tenantId === '' ? null : tenantId,
		dryRun,
		companiesOf,
		tenants: tenantIds.map((id) => {
			const own = linksByTenant[id] ?? [];
			return {
				tenantId: id,
				tenantName: nameByTenant[id] ?? null,
				includeUsernames: own.some((row) => yes(row.showUsernames)),
				includeSubscriptions: own.some((row) => String(row.term ?? '').trim() !== ''),
			};
		}),
		links: scoped,
		agreements: unique(scoped.map((row) => Number(row.agreementId)).filter((id) => id > 0)).map((agreementId) => ({ agreementId })),
		notSynced,
		linkedElsewhere: unique(linkedElsewhere),
	};
}
