/**
 * Graph endpoints behind custom counts (#18), as Microsoft Learn documents them:
 * - `GET /v1.0/groups`, `GET /v1.0/groups/{id}` (404 `Request_ResourceNotFound` for an unknown id);
 * - `GET /v1.0/groups/{id}/transitiveMembers/microsoft.graph.user`: users through nested groups,
 *   each once, no devices; `$select`, `$top` (default 100, max 999), `@odata.nextLink`;
 * - `…/microsoft.graph.user/$count`: a bare number, only with `ConsistencyLevel: eventual`;
 * - `GET /v1.0/reports/getMailboxUsageDetail(period='D7')`: 302 to a short-lived,
 *   pre-authenticated download of the CSV (which is served without a token).
 * Refusals: a consent without the scope (GroupMember.Read.All / Reports.Read.All) answers 403
 * `Authorization_RequestDenied`; a GDAP relationship without a reports role 403 (`faults.denyReports`).
 */
import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../server/context';
import { graphError } from '../server/errors';
import { header, json, type Reply, type Route, type RouteRequest } from '../server/types';
import { transitiveUserIds } from '../data/directory';
import type { GraphUser, Tenant } from '../types';
import { decodeSkipToken, defaultUser, nextLink, select, selectList, topOf, UnsupportedQuery } from './query';

type RouteFactory = (method: string, template: string, run: (caller: { tenant?: Tenant }, request: RouteRequest) => Reply) => Route;

const GROUP_SCOPES = ['groupmember.read.all', 'group.read.all', 'directory.read.all'];
const REPORT_SCOPES = ['reports.read.all'];
const PERIODS = new Set(['D7', 'D30', 'D90', 'D180']);
const DOWNLOAD_LIFETIME_MS = 5 * 60_000;

const CSV_HEADER = 'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Recipient Type,Report Period';

const denied = () => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const notFound = (id: string) => graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** Seeded tenants are consented with every scope; a consent granted through Partner Center has the scopes it named. */
function consentAllows(context: SandboxContext, tenantId: string, scopes: string[]): boolean {
	const consent = context.consents.get(tenantId);
	if (!consent) return true;
	const granted = consent.applicationGrants.flatMap((grant) => grant.scope.split(/[\s,]+/)).map((scope) => scope.toLowerCase());
	return scopes.some((scope) => granted.includes(scope));
}

function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function mailboxCsv(tenant: Tenant, today: string, period: string): string {
	const days = period.slice(1);
	const rows = tenant.mailboxes.map((m) =>
		[today, m.userPrincipalName, m.displayName, m.isDeleted ? 'True' : 'False', m.isDeleted ? today : '', '2024-01-02', '', '100', '1048576', '52613349376', '53687091200', '53687091200', '0', '0', '32212254720', 'False', m.recipientType, days]
			.map(csvField).join(','),
	);
	return `\uFEFF${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}

export function directoryRoutes(context: SandboxContext, route: RouteFactory): Route[] {
	const today = () => new Date(context.now()).toISOString().slice(0, 10);
	const groupOf = (tenant: Tenant | undefined, id: string) => tenant?.groups.find((g) => g.id === id.toLowerCase());
	const members = (tenant: Tenant, groupId: string): GraphUser[] => {
		const byId = new Map(tenant.users.map((u) => [u.id, u]));
		return transitiveUserIds(tenant, groupId).map((id) => byId.get(id)).filter((u): u is GraphUser => !!u);
	};
	const downloads = new Map<string, { tenantId: string; period: string; expiresAt: number }>();
	return [
		route('GET', '/v1.0/groups', ({ tenant }, request) => {
			const properties = selectList(request.url.searchParams.get('$select'));
			const groups = (tenant?.groups ?? []).map((g) => ({ id: g.id, displayName: g.displayName, securityEnabled: true, mailEnabled: false, groupTypes: [] }));
			const top = topOf(request.url.searchParams.get('$top'), 100, 999);
			const offset = decodeSkipToken(request.url.searchParams.get('$skiptoken'));
			const more = offset + top < groups.length;
			return json(200, {
				'@odata.context': `${context.urls.graph}/v1.0/$metadata#groups`,
				...(more ? { '@odata.nextLink': nextLink(request.url, context.urls.graph, offset + top) } : {}),
				value: groups.slice(offset, offset + top).map((g) => select(g, properties)),
			});
		}),
		route('GET', '/v1.0/groups/{id}', ({ tenant }, request) => {
			const group = groupOf(tenant, request.params.id);
			if (!group) return notFound(request.params.id);
			const properties = selectList(request.url.searchParams.get('$select'));
			return json(200, select({ id: group.id, displayName: group.displayName, securityEnabled: true, mailEnabled: false, groupTypes: [] }, properties));
		}),
		route('GET', '/v1.0/groups/{id}/transitiveMembers/microsoft.graph.user', ({ tenant }, request) => {
			if (!tenant) return notFound(request.params.id);
			if (!consentAllows(context, tenant.tenantId, GROUP_SCOPES)) return denied();
			const group = groupOf(tenant, request.params.id);
			if (!group) return notFound(request.params.id);
			const properties = selectList(request.url.searchParams.get('$select'));
			// Graph pages server-side too: a page may hold fewer than $top.
			const top = Math.min(topOf(request.url.searchParams.get('$top'), 100, 999), context.graphPageCap);
			const offset = decodeSkipToken(request.url.searchParams.get('$skiptoken'));
			const users = members(tenant, group.id);
			const more = offset + top < users.length;
			return json(200, {
				'@odata.context': `${context.urls.graph}/v1.0/$metadata#users`,
				...(more ? { '@odata.nextLink': nextLink(request.url, context.urls.graph, offset + top) } : {}),
				value: users.slice(offset, offset + top).map((u) => ({ '@odata.type': '#microsoft.graph.user', ...(properties ? select(u, properties) : defaultUser(u)) })),
			});
		}),
		route('GET', '/v1.0/groups/{id}/transitiveMembers/microsoft.graph.user/$count', ({ tenant }, request) => {
			if (!tenant) return notFound(request.params.id);
			if ((header(request.headers, 'consistencylevel') ?? '').toLowerCase() !== 'eventual') {
				return graphError(400, 'Request_BadRequest', 'Count is not currently supported.');
			}
			if (!consentAllows(context, tenant.tenantId, GROUP_SCOPES)) return denied();
			const group = groupOf(tenant, request.params.id);
			if (!group) return notFound(request.params.id);
			return { status: 200, headers: { 'Content-Type': 'text/plain' }, raw: String(members(tenant, group.id).length) };
		}),
		route('GET', '/v1.0/reports/{function}', ({ tenant }, request) => {
			const call = /^getMailboxUsageDetail\(period='(\w+)'\)$/i.exec(request.params.function);
			if (!call) throw new UnsupportedQuery(`Resource not found for the segment '${request.params.function}'.`);
			if (!PERIODS.has(call[1])) return graphError(400, 'BadRequest', `Invalid value '${call[1]}' for period: use D7, D30, D90 or D180.`);
			if (!tenant) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
			if (!consentAllows(context, tenant.tenantId, REPORT_SCOPES)) return denied();
			if (context.access.reportsDenied.has(tenant.tenantId)) {
				// What Graph answers a user without a reports role (Reports Reader, Global Reader, …).
				return graphError(403, 'UnknownError', '{"error":{"code":"S2SUnauthorized","message":"Invalid permission."}}');
			}
			const token = randomUUID();
			downloads.set(token, { tenantId: tenant.tenantId, period: call[1], expiresAt: context.now() + DOWNLOAD_LIFETIME_MS });
			return { status: 302, headers: { Location: `${context.urls.graph}/reports-download/${token}`, 'Content-Type': 'text/plain' }, raw: '' };
		}),
		{
			service: 'graph',
			method: 'GET',
			template: '/reports-download/{token}',
			// Pre-authenticated: no Authorization header needed (and none should be sent).
			handler: (request) => {
				const download = downloads.get(request.params.token);
				if (!download || download.expiresAt < context.now()) return { status: 404, headers: { 'Content-Type': 'text/plain' }, raw: 'The download link has expired.' };
				const tenant = context.tenantById(download.tenantId);
				if (!tenant) return { status: 404, headers: { 'Content-Type': 'text/plain' }, raw: 'Not found.' };
				request.tenantId = tenant.tenantId;
				return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, raw: mailboxCsv(tenant, today(), download.period) };
			},
		},
	];
}
