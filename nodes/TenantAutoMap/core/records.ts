import { evidenceDomains, initialDomainLabel, toDomain, toStringList } from './domains';
import { normalizeName, type NormalizeSettings } from './normalize';
import type { Company, CompanyId, CompanyInput, Tenant, TenantInput, UnmatchedRow } from './types';

/** Rows turned into clean records; rows that cannot take part are rejected with a reason. */
export interface ReadResult<T> {
	records: T[];
	rejected: UnmatchedRow[];
}

export function readTenants(rows: TenantInput[], settings: NormalizeSettings): ReadResult<Tenant> {
	const records: Tenant[] = [];
	const rejected: UnmatchedRow[] = [];
	for (const row of rows) {
		const tenantId = idText(row.tenantId);
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		if (tenantId === null) {
			rejected.push({ type: 'tenant', tenantIndex: row.index, tenantId: '', tenantName: name, reason: 'tenant id is missing or not text' });
			continue;
		}
		const rawDomains = toStringList(row.domains);
		const initial = rawDomains.map((domain) => toDomain(domain) ?? '').map(initialDomainLabel).find(Boolean);
		records.push({
			index: row.index,
			tenantId,
			tenantKey: tenantId.toLowerCase(),
			name,
			normalized: normalizeName(name, settings),
			domains: evidenceDomains(rawDomains),
			initialLabel: initial ?? null,
		});
	}
	return keepFirstOfEach(records, rejected, (tenant) => tenant.tenantKey, (tenant) => ({
		type: 'tenant',
		tenantIndex: tenant.index,
		tenantId: tenant.tenantId,
		tenantName: tenant.name,
		reason: `duplicate tenant id ${tenant.tenantId}`,
	}));
}

export function readCompanies(rows: CompanyInput[], settings: NormalizeSettings): ReadResult<Company> {
	const records: Company[] = [];
	const rejected: UnmatchedRow[] = [];
	for (const row of rows) {
		const companyKey = idText(row.companyId);
		const name = typeof row.name === 'string' ? row.name.trim() : '';
		if (companyKey === null) {
			rejected.push({ type: 'company', companyIndex: row.index, companyId: null, companyName: name, reason: 'company id is missing or not text' });
			continue;
		}
		const tenantKey = idText(row.tenantId);
		records.push({
			index: row.index,
			companyId: row.companyId as CompanyId,
			companyKey,
			name,
			normalized: normalizeName(name, settings),
			domains: evidenceDomains([...toStringList(row.website), ...toStringList(row.domains)]),
			tenantKey: tenantKey === null ? null : tenantKey.toLowerCase(),
		});
	}
	return keepFirstOfEach(records, rejected, (company) => company.companyKey, (company) => ({
		type: 'company',
		companyIndex: company.index,
		companyId: company.companyId,
		companyName: company.name,
		reason: `duplicate company id ${company.companyKey}`,
	}));
}

/** Ids may be text or whole numbers (ConnectWise ids are numbers); anything else is no id. */
export function idText(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/**
 * Sorts by key (so results do not depend on input order) and keeps one record per key:
 * the one with the lowest name, then the lowest row position.
 */
function keepFirstOfEach<T extends { index: number; name: string }>(
	records: T[],
	rejected: UnmatchedRow[],
	keyOf: (record: T) => string,
	reject: (record: T) => UnmatchedRow,
): ReadResult<T> {
	const sorted = [...records].sort(
		(a, b) => compareText(keyOf(a), keyOf(b)) || compareText(a.name, b.name) || a.index - b.index,
	);
	const kept: T[] = [];
	for (const record of sorted) {
		const previous = kept[kept.length - 1];
		if (previous && keyOf(previous) === keyOf(record)) rejected.push(reject(record));
		else kept.push(record);
	}
	return { records: kept, rejected };
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
	if (a === b) return 0;
	return a < b ? -1 : 1;
}
