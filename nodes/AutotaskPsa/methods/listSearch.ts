/**
 * Searchable lists for the resource locators: one query of at most 50 records per page;
 * the pagination token is the last id shown (Autotask pages in id order).
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { autotaskClient, eq, type Filter } from '../transport';
import type { AtCompany, AtContract, AtService } from '../shapes/types';

const PAGE_SIZE = 50;

async function search<T extends { id: number }>(context: ILoadOptionsFunctions, entity: string, filters: Array<Filter | undefined>, toItem: (record: T) => INodeListSearchItems, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await autotaskClient.call(context, { unguarded: true });
	const after = Number(paginationToken ?? 0) || 0;
	const records = await client.query<T>(entity, [...filters, { op: 'gt', field: 'id', value: after }], { limit: PAGE_SIZE, action: 'search' });
	return { results: records.map(toItem), paginationToken: records.length === PAGE_SIZE ? String(records[records.length - 1].id) : undefined };
}

function text(filter: string | undefined): string | undefined {
	const t = filter?.trim();
	return t ? t : undefined;
}

export async function searchCompanies(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	return await search(this, 'Companies', [eq('isActive', true), f ? { op: 'contains', field: 'companyName', value: f } : undefined], (c: AtCompany) => ({ name: `${c.companyName ?? ''} (${c.id})`, value: String(c.id) }), paginationToken);
}

export async function searchContracts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	const company = this.getCurrentNodeParameter('companyId', { extractValue: true }) as unknown;
	const companyId = typeof company === 'number' || (typeof company === 'string' && /^\d+$/.test(company.trim())) ? Number(company) : undefined;
	return await search(
		this,
		'Contracts',
		[companyId ? eq('companyID', companyId) : undefined, f ? { op: 'contains', field: 'contractName', value: f } : undefined],
		(c: AtContract) => ({ name: `${c.contractName ?? c.id} (${c.status === 1 ? 'Active' : 'Inactive'})`, value: String(c.id) }),
		paginationToken,
	);
}

export async function searchServices(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const f = text(filter);
	return await search(
		this,
		'Services',
		[eq('isActive', true), f ? { op: 'or', items: [{ op: 'contains', field: 'name', value: f }, { op: 'contains', field: 'sku', value: f }] } : undefined],
		(s: AtService) => ({ name: `${s.name ?? s.id}${s.sku ? ` — ${s.sku}` : ''}`, value: String(s.id) }),
		paginationToken,
	);
}
