/**
 * The Graph reads behind custom counts (#18); sandbox/README.md "Custom counts" lists the
 * documentation each follows.
 * - Group members: `GET /groups/{id}/transitiveMembers/microsoft.graph.user` (nested groups
 *   flattened, users only) with `$select` and `$top=999`, following `@odata.nextLink`. The
 *   `/$count` form (which needs `ConsistencyLevel: eventual`) gives a number only; the
 *   usernames and split attributes need the members themselves.
 * - Users with the attributes a split uses: `GET /users?$select=…&$top=999`.
 * - Mailboxes: `GET /reports/getMailboxUsageDetail(period='D7')` answers 302 with a short-lived,
 *   pre-authenticated download URL for a CSV; it is fetched without our token.
 */
import { collect, createHttpClient, pageOData } from '../../shared';
import type { DirectoryUser } from '../helpers/counts';
import type { GraphUser } from '../helpers/types';
import type { PartnerCenterApi } from './clients';

const GRAPH_MAX_PAGE = 999;

export const DIRECTORY_USER_FIELDS = ['id', 'userPrincipalName', 'accountEnabled', 'assignedLicenses', 'officeLocation', 'department', 'companyName', 'city', 'state'];

export interface GraphDirectoryUser extends GraphUser {
	officeLocation?: string | null;
	department?: string | null;
	companyName?: string | null;
	city?: string | null;
	state?: string | null;
}

export function toDirectoryUser(user: GraphDirectoryUser): DirectoryUser {
	return {
		id: user.id,
		userPrincipalName: user.userPrincipalName ?? '',
		accountEnabled: user.accountEnabled !== false,
		skuIds: (user.assignedLicenses ?? []).map((l) => l.skuId?.toLowerCase()).filter((id): id is string => !!id),
		attributes: { officeLocation: user.officeLocation ?? null, department: user.department ?? null, companyName: user.companyName ?? null, city: user.city ?? null, state: user.state ?? null },
	};
}

const pathId = (id: string) => encodeURIComponent(id.trim());

export async function directoryUsers(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<DirectoryUser[]> {
	const users = await collect(pageOData<GraphDirectoryUser>(api.graph(tenantId), '/users', { $select: DIRECTORY_USER_FIELDS.join(','), $top: GRAPH_MAX_PAGE }, { signal, action: 'read users' }));
	return users.map(toDirectoryUser);
}

export async function groupName(api: PartnerCenterApi, tenantId: string, groupId: string, signal?: AbortSignal): Promise<string | null> {
	const res = await api.graph(tenantId).request<{ displayName?: string | null }>({ method: 'GET', url: `/groups/${pathId(groupId)}`, query: { $select: 'id,displayName' }, signal, action: `read group ${groupId}` });
	return res.data?.displayName ?? null;
}

/** Every group of the tenant (id and name): what `count:group:*` offers, e.g. in the link-licenses form. */
export async function groups(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<Array<{ id: string; displayName: string | null }>> {
	const list = await collect(pageOData<{ id: string; displayName?: string | null }>(api.graph(tenantId), '/groups', { $select: 'id,displayName', $top: GRAPH_MAX_PAGE }, { signal, action: 'list groups' }));
	return list.map((g) => ({ id: g.id.toLowerCase(), displayName: g.displayName ?? null }));
}

export async function groupUserMembers(api: PartnerCenterApi, tenantId: string, groupId: string, signal?: AbortSignal): Promise<DirectoryUser[]> {
	const users = await collect(pageOData<GraphDirectoryUser>(
		api.graph(tenantId),
		`/groups/${pathId(groupId)}/transitiveMembers/microsoft.graph.user`,
		{ $select: DIRECTORY_USER_FIELDS.join(','), $top: GRAPH_MAX_PAGE },
		{ signal, action: `read the members of group ${groupId}` },
	));
	return users.map(toDirectoryUser);
}

/** The report's CSV text. The download URL carries its own authorisation: our token never goes there. */
export async function mailboxUsageCsv(api: PartnerCenterApi, tenantId: string, signal?: AbortSignal): Promise<string> {
	const action = 'read the mailbox usage report';
	const res = await api.graph(tenantId).request<unknown>({ method: 'GET', url: "/reports/getMailboxUsageDetail(period='D7')", headers: { Accept: 'text/csv, application/json' }, acceptStatus: [302], signal, action });
	if (res.status !== 302) return typeof res.data === 'string' ? res.data : '';
	const location = res.headers.location;
	if (!location) throw new Error('The mailbox usage report answered 302 without a download location');
	const download = createHttpClient({ service: 'graph', secrets: api.secrets });
	const file = await download.request<unknown>({ method: 'GET', url: location, headers: { Accept: 'text/csv, application/octet-stream' }, signal, action });
	if (typeof file.data !== 'string') throw new Error('The mailbox usage report download was not CSV text');
	return file.data;
}
