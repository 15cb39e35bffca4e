/** Graph `/v1.0`: the token's tenant decides what is visible; GDAP decides whether delegated calls pass. */
import type { TokenGrant } from '../login/tokens';
import type { SandboxContext } from '../server/context';
import { graphError } from '../server/errors';
import { header, json, type Reply, type Route, type RouteRequest } from '../server/types';
import { hasLiveGdap, liveGdapStatus } from '../data/gdap';
import type { Tenant } from '../types';
import { directoryRoutes } from './directoryRoutes';
import { companySubscriptionJson, organizationJson } from './shapes';
import { decodeSkipToken, defaultUser, nextLink, parseUserFilter, select, selectList, topOf, UnsupportedQuery } from './query';

interface Caller {
	grant: TokenGrant;
	/** Undefined for the partner tenant itself. */
	tenant?: Tenant;
}

function page<T>(request: RouteRequest, context: SandboxContext, items: T[], fallbackTop: number, maxTop: number, metadata: string) {
	const top = topOf(request.url.searchParams.get('$top'), fallbackTop, maxTop);
	const offset = decodeSkipToken(request.url.searchParams.get('$skiptoken'));
	const slice = items.slice(offset, offset + top);
	const more = offset + top < items.length;
	return {
		'@odata.context': `${context.urls.graph}/v1.0/$metadata#${metadata}`,
		...(more ? { '@odata.nextLink': nextLink(request.url, context.urls.graph, offset + top) } : {}),
		value: slice,
	};
}

export function graphRoutes(context: SandboxContext): Route[] {
	const authorise = (request: RouteRequest): Caller | Reply => {
		const grant = context.tokens.check(header(request.headers, 'authorization'), context.now());
		if (grant === 'missing') return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
		if (grant === 'invalid') return graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.');
		if (grant === 'expired') return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
		if (grant.resource !== 'graph') return graphError(401, 'InvalidAuthenticationToken', 'Invalid audience.');
		request.tenantId = grant.tenantId;
		if (grant.tenantId === context.state().partner.tenantId) return { grant };
		const tenant = context.tenantById(grant.tenantId);
		if (!tenant) return graphError(401, 'InvalidAuthenticationToken', 'Invalid tenant.');
		if (grant.mode === 'delegated' && !hasActiveGdap(tenant.tenantId)) {
			return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
		}
		return { grant, tenant };
	};
	// Active or expiring (an active relationship near its end) both grant access.
	const hasActiveGdap = (tenantId: string): boolean =>
		!context.access.gdapRemoved.has(tenantId) && hasLiveGdap(context.state().gdapRelationships, tenantId, context.now());
	const handle = (run: (caller: Caller, request: RouteRequest) => Reply) => (request: RouteRequest): Reply => {
		const caller = authorise(request);
		if ('status' in caller) return caller;
		try {
			return run(caller, request);
		} catch (error) {
			return error instanceof UnsupportedQuery
				? graphError(400, 'Request_UnsupportedQuery', error.message)
				: graphError(500, 'generalException', (error as Error).message);
		}
	};
	const route = (method: string, template: string, run: (caller: Caller, request: RouteRequest) => Reply): Route => ({
		service: 'graph',
		method,
		template,
		handler: handle(run),
	});
	const partnerOrganization = () => {
		const { partner } = context.state();
		return {
			id: partner.tenantId,
			displayName: partner.name,
			tenantType: 'AAD',
			verifiedDomains: [{ name: partner.domain, isDefault: true, isInitial: true, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' }],
		};
	};
	return [
		route('GET', '/v1.0/subscribedSkus', ({ tenant }, request) => {
			const properties = selectList(request.url.searchParams.get('$select'));
			return json(200, {
				'@odata.context': `${context.urls.graph}/v1.0/$metadata#subscribedSkus`,
				value: (tenant?.skus ?? []).map((sku) => select(sku, properties)),
			});
		}),
		// companySubscription: the directory's subscriptions, each naming its SKU and the commerce
		// (Partner Center) subscription id: the link between the two.
		route('GET', '/v1.0/directory/subscriptions', ({ tenant }, request) => {
			const properties = selectList(request.url.searchParams.get('$select'));
			// A subscription without a directory id is not (yet) in the directory, e.g. just bought.
			const subscriptions = (tenant?.subscriptions ?? []).filter((subscription) => subscription.directorySubscriptionId).map((subscription) => companySubscriptionJson(tenant!, subscription));
			const body = page(request, context, subscriptions, 100, 999, 'directory/subscriptions');
			return json(200, { ...body, value: body.value.map((item) => (properties ? select(item, properties) : item)) });
		}),
		route('GET', '/v1.0/organization', ({ tenant }, request) => {
			const properties = selectList(request.url.searchParams.get('$select'));
			return json(200, {
				'@odata.context': `${context.urls.graph}/v1.0/$metadata#organization`,
				value: [select(organizationJson(tenant?.organization ?? partnerOrganization(), tenant), properties)],
			});
		}),
		route('GET', '/v1.0/users', ({ tenant }, request) => {
			const properties = selectList(request.url.searchParams.get('$select'));
			const filter = parseUserFilter(request.url.searchParams.get('$filter'));
			const users = (tenant?.users ?? []).filter(filter);
			const body = page(request, context, users, 100, 999, properties ? `users(${properties.join(',')})` : 'users');
			return json(200, { ...body, value: body.value.map((user) => (properties ? select(user, properties) : defaultUser(user))) });
		}),
		route('GET', '/v1.0/users/{id}', ({ tenant }, request) => {
			const key = request.params.id.toLowerCase();
			const user = (tenant?.users ?? []).find((candidate) => candidate.id === key || candidate.userPrincipalName.toLowerCase() === key);
			if (!user) {
				return graphError(404, 'Request_ResourceNotFound', `Resource '${request.params.id}' does not exist or one of its queried reference-property objects are not present.`);
			}
			const properties = selectList(request.url.searchParams.get('$select'));
			return json(200, properties ? select(user, properties) : defaultUser(user));
		}),
		route('GET', '/v1.0/tenantRelationships/delegatedAdminRelationships', ({ tenant }, request) => {
			const filter = request.url.searchParams.get('$filter');
			// A relationship whose GDAP was removed by a fault shows as terminated.
			let relationships = (tenant ? [] : context.state().gdapRelationships).map((relationship) =>
				context.access.gdapRemoved.has(relationship.customer?.tenantId ?? '')
					? { ...relationship, status: 'terminated' as const }
					: { ...relationship, status: liveGdapStatus(relationship, context.now()) as typeof relationship.status },
			);
			if (filter) {
				const status = /^status\s+eq\s+'(\w+)'$/i.exec(filter.trim());
				const customer = /^customer\/tenantId\s+eq\s+'([0-9a-f-]{36})'$/i.exec(filter.trim());
				if (!status && !customer) throw new UnsupportedQuery(`Invalid filter clause: ${filter}`);
				relationships = relationships.filter((relationship) =>
					status ? relationship.status === status[1] : relationship.customer?.tenantId === customer![1].toLowerCase(),
				);
			}
			// Each entry carries its OData type and an etag, as Graph's documented answer does.
			const described = relationships.map((relationship) => ({
				'@odata.type': '#microsoft.graph.delegatedAdminRelationship',
				'@odata.etag': `W/"${Buffer.from(`${relationship.id}|${relationship.status}`).toString('base64')}"`,
				...relationship,
			}));
			return json(200, page(request, context, described, 300, 300, 'tenantRelationships/delegatedAdminRelationships'));
		}),
		...directoryRoutes(context, route),
	];
}
