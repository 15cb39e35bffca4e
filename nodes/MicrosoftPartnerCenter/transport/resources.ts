/** One function per read the node makes; paths and query shapes from api-facts.md. */
import { collect, pageOData, pagePartnerCenter } from '../../shared';
import type {
	GraphCompanySubscription,
	GraphGdapRelationship,
	GraphOrganization,
	GraphSubscribedSku,
	GraphUser,
	PcCustomer,
	PcSubscribedSku,
	PcSubscription,
} from '../helpers/types';
import type { PartnerCenterApi } from './clients';

export interface ListOptions {
	limit?: number;
	pageSize?: number;
	signal?: AbortSignal;
}

const PC_MAX_PAGE = 500;
const GRAPH_MAX_PAGE = 999;

const pathId = (id: string) => encodeURIComponent(id.trim());

export function customerPages(api: PartnerCenterApi, options: ListOptions = {}): AsyncGenerator<PcCustomer[]> {
	const size = Math.min(PC_MAX_PAGE, Math.max(1, options.pageSize ?? PC_MAX_PAGE));
	return pagePartnerCenter<PcCustomer>(api.partnerCenter, '/customers', { size }, { limit: options.limit, signal: options.signal, action: 'list customers' });
}

export async function getCustomer(api: PartnerCenterApi, customerId: string, signal?: AbortSignal): Promise<PcCustomer> {
	const res = await api.partnerCenter.request<PcCustomer>({ method: 'GET', url: `/customers/${pathId(customerId)}`, signal, action: 'read the customer' });
	return res.data;
}

export async function partnerCenterSkus(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<PcSubscribedSku[]> {
	return await collect(pagePartnerCenter<PcSubscribedSku>(api.partnerCenter, `/customers/${pathId(tenantId)}/subscribedskus`, undefined, { signal, action: 'read licenses' }));
}

export async function partnerCenterSubscriptions(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<PcSubscription[]> {
	return await collect(pagePartnerCenter<PcSubscription>(api.partnerCenter, `/customers/${pathId(tenantId)}/subscriptions`, undefined, { signal, action: 'read subscriptions' }));
}

export async function graphSkus(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<GraphSubscribedSku[]> {
	return await collect(pageOData<GraphSubscribedSku>(api.graph(tenantId), '/subscribedSkus', undefined, { signal, action: 'read subscribed SKUs' }));
}

/** The tenant's directory subscriptions: the only link from a Partner Center subscription id to a SKU. */
export async function directorySubscriptions(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<GraphCompanySubscription[]> {
	return await collect(pageOData<GraphCompanySubscription>(api.graph(tenantId), '/directory/subscriptions', { $select: 'id,commerceSubscriptionId,skuId,skuPartNumber,status,totalLicenses' }, { signal, action: 'read directory subscriptions' }));
}

export interface UserQuery extends ListOptions {
	enabledOnly?: boolean;
	skuId?: string;
}

export const USER_FIELDS = ['id', 'userPrincipalName', 'displayName', 'givenName', 'surname', 'mail', 'accountEnabled', 'assignedLicenses'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function userPages(api: PartnerCenterApi, tenantId: string, query: UserQuery = {}): AsyncGenerator<GraphUser[]> {
	const filters: string[] = [];
	if (query.enabledOnly) filters.push('accountEnabled eq true');
	if (query.skuId) {
		// Goes into an OData expression: only a GUID may, never free text.
		if (!GUID.test(query.skuId.trim())) throw new Error(`The SKU filter must be a SKU ID (a GUID), got "${query.skuId}"`);
		filters.push(`assignedLicenses/any(x:x/skuId eq ${query.skuId.trim().toLowerCase()})`);
	}
	const top = Math.min(GRAPH_MAX_PAGE, Math.max(1, query.pageSize ?? GRAPH_MAX_PAGE));
	return pageOData<GraphUser>(
		api.graph(tenantId),
		'/users',
		{ $select: USER_FIELDS.join(','), $top: top, ...(filters.length ? { $filter: filters.join(' and ') } : {}) },
		{ limit: query.limit, signal: query.signal, action: 'read users' },
	);
}

export async function organization(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<GraphOrganization | undefined> {
	const orgs = await collect(pageOData<GraphOrganization>(api.graph(tenantId), '/organization', { $select: 'id,displayName,verifiedDomains' }, { signal, action: 'read the organization' }));
	return orgs[0];
}

export function gdapRelationshipPages(api: PartnerCenterApi, options: ListOptions = {}): AsyncGenerator<GraphGdapRelationship[]> {
	const top = Math.min(300, Math.max(1, options.pageSize ?? 300));
	return pageOData<GraphGdapRelationship>(
		api.graph(api.credentials.partnerTenantId),
		'/tenantRelationships/delegatedAdminRelationships',
		// "Active only" is filtered here: `expiring` is an active relationship near its end, and a
		// `status eq 'active'` filter would drop it.
		{ $top: top },
		{ limit: options.limit, signal: options.signal, action: 'list GDAP relationships' },
	);
}

/** Microsoft Graph's application id (the enterprise application the consent grants scopes on). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Exactly what the package reads in customer tenants: users (usernames, contacts), organization, subscribedSkus and directory/subscriptions; group members and the mailbox usage report for custom counts. */
export const GRAPH_SCOPES = 'User.Read.All,Organization.Read.All,GroupMember.Read.All,Reports.Read.All';

/**
 * `DELETE /customers/{id}/applicationconsents/{applicationId}`: removes the app's consent (its
 * service principal) from the customer tenant, so it can be granted again with other scopes
 * (CIPP-API Set-CIPPCPVConsent, `ResetSP`). 404: there was none.
 */
export async function removeApplicationConsent(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<void> {
	await api.partnerCenter.request({
		method: 'DELETE',
		url: `/customers/${pathId(tenantId)}/applicationconsents/${pathId(api.credentials.clientId)}`,
		acceptStatus: [404],
		signal,
		action: 'remove the old app consent',
	});
}

/** `POST /customers/{id}/applicationconsents`; 409 = the app is already consented there. */
export async function grantApplicationConsent(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<'granted' | 'alreadyGranted'> {
	const res = await api.partnerCenter.request({
		method: 'POST',
		url: `/customers/${pathId(tenantId)}/applicationconsents`,
		headers: { 'Content-Type': 'application/json' },
		body: { applicationId: api.credentials.clientId, applicationGrants: [{ enterpriseApplicationId: GRAPH_APP_ID, scope: GRAPH_SCOPES }] },
		acceptStatus: [409],
		signal,
		action: 'grant the app consent',
	});
	return res.status === 409 ? 'alreadyGranted' : 'granted';
}
