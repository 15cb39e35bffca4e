import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { AutoMapResult, CompanyInput, ExistingMapping, TenantInput } from './core';

export interface FieldNames {
	tenantId: string;
	tenantName: string;
	tenantDomains: string;
	companyId: string;
	companyName: string;
	companyWebsite: string;
	companyDomains: string;
	companyTenantId: string;
	companyIdentifier: string;
	mappingTenantId: string;
	mappingCompanyId: string;
}

/** A field by name; "a.b" reaches into nested objects (rows from other nodes). */
export function readField(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	let value: unknown = json;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

/**
 * Items with their position in the input. Empty placeholder items (what a node set to
 * "always output data" emits when it found nothing) are not rows.
 */
function realItems(items: INodeExecutionData[]): Array<{ json: IDataObject; index: number }> {
	return items
		.map((item, index) => ({ json: item.json ?? {}, index }))
		.filter(({ json }) => Object.keys(json).length > 0);
}

export function toTenantRows(items: INodeExecutionData[], fields: FieldNames): TenantInput[] {
	return realItems(items).map(({ json, index }) => ({
		index,
		tenantId: readField(json, fields.tenantId),
		name: readField(json, fields.tenantName),
		domains: readField(json, fields.tenantDomains),
	}));
}

export function toCompanyRows(items: INodeExecutionData[], fields: FieldNames): CompanyInput[] {
	return realItems(items).map(({ json, index }) => ({
		index,
		companyId: readField(json, fields.companyId),
		name: readField(json, fields.companyName),
		website: readField(json, fields.companyWebsite),
		domains: readField(json, fields.companyDomains),
		tenantId: readField(json, fields.companyTenantId),
		identifier: readField(json, fields.companyIdentifier),
	}));
}

export function toMappings(items: INodeExecutionData[], fields: FieldNames): ExistingMapping[] {
	return realItems(items).map(({ json }) => ({
		tenantId: readField(json, fields.mappingTenantId),
		companyId: readField(json, fields.mappingCompanyId),
	}));
}

const TENANTS_INPUT = 0;
const COMPANIES_INPUT = 1;

/** The three outputs; every item is paired to the tenant (or company) item it is about. */
export function toOutputItems(result: AutoMapResult): INodeExecutionData[][] {
	const matched = result.matched.map((row) => ({
		json: {
			tenantId: row.tenantId,
			tenantName: row.tenantName,
			companyId: row.companyId,
			companyName: row.companyName,
			score: row.score,
			method: row.method,
			evidence: row.evidence,
			why: row.why,
		},
		pairedItem: { item: row.tenantIndex, input: TENANTS_INPUT },
	}));
	const needsReview = result.needsReview.map(({ tenantIndex, ...row }) => ({
		json: { ...row, candidates: row.candidates.map((candidate) => ({ ...candidate })) } as IDataObject,
		pairedItem: { item: tenantIndex, input: TENANTS_INPUT },
	}));
	const unmatched = result.unmatched.map((row) => {
		if (row.type === 'tenant') {
			const { tenantIndex, ...json } = row;
			return { json: json as IDataObject, pairedItem: { item: tenantIndex, input: TENANTS_INPUT } };
		}
		const { companyIndex, ...json } = row;
		return { json: json as IDataObject, pairedItem: { item: companyIndex, input: COMPANIES_INPUT } };
	});
	return [matched, needsReview, unmatched];
}
