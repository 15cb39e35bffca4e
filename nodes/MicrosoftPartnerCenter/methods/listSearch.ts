/** The customer picker: all customers read once per search, filtered and sorted by name. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { collect } from '../../shared';
import { tenantMatches, toTenant } from '../helpers/tenant';
import { getApi } from '../transport';
import { customerPages } from '../transport/resources';

const PAGE = 100;

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const api = await getApi(this);
	const customers = (await collect(customerPages(api))).map(toTenant).filter((tenant) => tenantMatches(tenant, filter));
	customers.sort((a, b) => a.name.localeCompare(b.name));
	const offset = Number(paginationToken) || 0;
	const next = offset + PAGE;
	return {
		results: customers.slice(offset, next).map((tenant) => ({
			name: tenant.defaultDomain ? `${tenant.name} (${tenant.defaultDomain})` : tenant.name,
			value: tenant.tenantId,
		})),
		paginationToken: next < customers.length ? String(next) : undefined,
	};
}
