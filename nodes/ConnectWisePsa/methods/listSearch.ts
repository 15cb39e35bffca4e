/**
 * Searchable lists for the resource locators. One private `search()` pages a
 * ConnectWise collection with a page number as the pagination token; thin wrappers
 * say which collection, which conditions and how a record is shown.
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { connectWiseClient, buildConditions, type ConditionNode } from '../transport';
import type { CwAgreement, CwAgreementType, CwCatalogItem, CwCompany } from '../shapes/types';

const PAGE_SIZE = 50;

async function search<T>(
	context: ILoadOptionsFunctions,
	path: string,
	conditions: ConditionNode[],
	orderBy: string,
	toItem: (record: T) => INodeListSearchItems,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await connectWiseClient.call(context);
	const page = Math.max(1, Number(paginationToken ?? 1) || 1);
	const records = await client.get<T[]>(path, 'search', {
		conditions: buildConditions(...conditions),
		orderBy,
		page,
		pageSize: PAGE_SIZE,
	});
	const list = Array.isArray(records) ? records : [];
	return { results: list.map(toItem), paginationToken: list.length === PAGE_SIZE ? String(page + 1) : undefined };
}

function text(filter: string | undefined): string | undefined {
	const t = filter?.trim();
	return t ? t : undefined;
}

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	return await search(
		this,
		'/company/companies',
		[{ field: 'deletedFlag', op: '=', value: false }, f ? { or: [{ field: 'name', op: 'contains', value: f }, { field: 'identifier', op: 'contains', value: f }] } : undefined],
		'name asc',
		(c: CwCompany) => ({ name: `${c.name ?? ''} (${c.identifier ?? c.id})`, value: String(c.id) }),
		paginationToken,
	);
}

export async function searchAgreements(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	const company = this.getCurrentNodeParameter('companyId', { extractValue: true }) as unknown;
	const companyId = typeof company === 'number' || (typeof company === 'string' && /^\d+$/.test(company.trim())) ? Number(company) : undefined;
	return await search(
		this,
		'/finance/agreements',
		[companyId ? { field: 'company/id', op: '=', value: companyId } : undefined, f ? { field: 'name', op: 'contains', value: f } : undefined],
		'name asc',
		(a: CwAgreement) => ({ name: `${a.name ?? a.id} — ${a.company?.name ?? ''} (${a.agreementStatus ?? 'unknown'})`, value: String(a.id) }),
		paginationToken,
	);
}

export async function searchAgreementTypes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	return await search(
		this,
		'/finance/agreements/types',
		[{ field: 'inactiveFlag', op: '=', value: false }, f ? { field: 'name', op: 'contains', value: f } : undefined],
		'name asc',
		(t: CwAgreementType) => ({ name: t.name ?? String(t.id), value: String(t.id) }),
		paginationToken,
	);
}

export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	return await search(
		this,
		'/procurement/catalog',
		[{ field: 'inactiveFlag', op: '=', value: false }, f ? { or: [{ field: 'identifier', op: 'contains', value: f }, { field: 'description', op: 'contains', value: f }] } : undefined],
		'identifier asc',
		(p: CwCatalogItem) => ({ name: `${p.identifier ?? p.id} — ${p.description ?? ''}`, value: p.identifier ?? String(p.id) }),
		paginationToken,
	);
}
