import type { CompanyInput, TenantInput } from '../../../nodes/TenantAutoMap/core';

/** Tenant rows from plain tuples, indexed in order. */
export function tenantRows(rows: Array<[tenantId: unknown, name: unknown, domains?: unknown]>): TenantInput[] {
	return rows.map(([tenantId, name, domains], index) => ({ index, tenantId, name, domains: domains ?? [] }));
}

/** Company rows from plain tuples, indexed in order. */
export function companyRows(
	rows: Array<[companyId: unknown, name: unknown, website?: unknown, tenantId?: unknown, domains?: unknown]>,
): CompanyInput[] {
	return rows.map(([companyId, name, website, tenantId, domains], index) => ({
		index,
		companyId,
		name,
		website: website ?? null,
		tenantId: tenantId ?? null,
		domains: domains ?? [],
	}));
}
