import { evidenceDomains, initialDomainLabel, toDomain, toStringList } from './domains';
import { foldText, normalizeName, type NormalizeSettings } from './normalize';
import { alternateNames } from './variants';
import type { Company, CompanyId, CompanyInput, NormalizedName, Tenant, TenantInput, UnmatchedRow } from './types';

/** Rows turned into clean records; rows that cannot take part are rejected with a reason. */
export interface ReadResult<T> {
	records: T[];
	rejected: UnmatchedRow[];
}

export interface ReadSettings extends NormalizeSettings {
	/** Domains the user says never prove a match, on top of free mail and ISP domains. */
	sharedDomains?: ReadonlySet<string>;
}

export function readTenants(rows: TenantInput[], settings: ReadSettings): ReadResult<Tenant> {
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
		const named = matchingName(name);
		const normalized = normalizeName(named, settings);
		records.push({
			index: row.index,
			tenantId,
			tenantKey: tenantId.toLowerCase(),
			name,
			normalized,
			alternates: alternatesOf(named, normalized.text, settings),
			rawKey: rawKeyOf(named),
			domains: evidenceDomains(rawDomains, settings.sharedDomains),
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

export function readCompanies(rows: CompanyInput[], settings: ReadSettings): ReadResult<Company> {
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
		const websiteDomains = evidenceDomains(toStringList(row.website), settings.sharedDomains);
		const identifier = typeof row.identifier === 'string' ? rawKeyOf(row.identifier) : '';
		const normalized = normalizeName(name, settings);
		records.push({
			index: row.index,
			companyId: row.companyId as CompanyId,
			companyKey,
			name,
			normalized,
			alternates: alternatesOf(name, normalized.text, settings),
			identifierKey: identifier.length >= MIN_IDENTIFIER_LENGTH ? identifier : null,
			websiteDomains,
			// Other domains (the ConnectWise node adds its contacts' e-mail domains) are weaker evidence.
			contactDomains: evidenceDomains(toStringList(row.domains), settings.sharedDomains).filter((domain) => !websiteDomains.includes(domain)),
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

/** A tenant named only by its initial domain ("contoso.onmicrosoft.com") is named by the label. */
function matchingName(name: string): string {
	if (/\s/.test(name) || !name.includes('.')) return name;
	const domain = toDomain(name);
	return (domain && initialDomainLabel(domain)) ?? name;
}

/** Shorter identifiers ("ABC") are too easy to meet by chance. */
const MIN_IDENTIFIER_LENGTH = 4;

/** Other names inside a name ("X t/a Y", "X - Site"), normalised; those equal to the name itself are left out. */
function alternatesOf(name: string, primary: string, settings: NormalizeSettings): NormalizedName[] {
	const seen = new Set([primary, '']);
	const alternates: NormalizedName[] = [];
	for (const alternate of alternateNames(name)) {
		const normalized = normalizeName(alternate, settings);
		if (seen.has(normalized.text)) continue;
		seen.add(normalized.text);
		alternates.push(normalized);
	}
	return alternates;
}

/** Letters and digits only, lower case: how an identifier or a slug-like name is compared. */
export function rawKeyOf(text: string): string {
	return foldText(text).replace(/[^a-z0-9]/g, '');
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
