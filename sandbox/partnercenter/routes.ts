/**
 * Partner Center `/v1`: customers (seek paging), customer by id, subscribed SKUs (App + User
 * and a GDAP role only), subscriptions, users, application consents.
 */
import { hasLiveGdap, LICENSE_READER_ROLES } from '../data/gdap';
import type { TokenGrant } from '../login/tokens';
import type { SandboxContext } from '../server/context';
import { partnerCenterError } from '../server/errors';
import { header, json, type Reply, type Route, type RouteRequest } from '../server/types';
import type { Tenant } from '../types';
import { customerJson, subscribedSkuJson, subscriptionJson, userJson } from './shapes';

const MAX_SIZE = 500;

interface Seek {
	offset: number;
	size: number;
	scope: string;
}

function encodeSeek(seek: Seek): string {
	return Buffer.from(JSON.stringify(seek)).toString('base64url');
}

function decodeSeek(token: string): Seek | undefined {
	try {
		const seek = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Seek;
		return Number.isInteger(seek.offset) && Number.isInteger(seek.size) ? seek : undefined;
	} catch {
		return undefined;
	}
}

/** One page of a seek-paged collection, with `links.next` carrying `MS-ContinuationToken`. */
function seekPage<T>(request: RouteRequest, items: T[], selfUri: string, scope: string): Reply {
	let offset = 0;
	let size = MAX_SIZE;
	if (request.url.searchParams.get('seekOperation')?.toLowerCase() === 'next') {
		const token = header(request.headers, 'MS-ContinuationToken');
		const seek = token ? decodeSeek(token) : undefined;
		if (!seek || seek.scope !== scope) return partnerCenterError(400, 400, 'The continuation token is missing or invalid.');
		({ offset, size } = seek);
	} else {
		const sizeText = request.url.searchParams.get('size');
		if (sizeText !== null) {
			size = Number(sizeText);
			if (!Number.isInteger(size) || size < 1) return partnerCenterError(400, 400, `Invalid size '${sizeText}'.`);
			size = Math.min(size, MAX_SIZE);
		}
	}
	const page = items.slice(offset, offset + size);
	const hasNext = offset + size < items.length;
	const continuationToken = hasNext ? encodeSeek({ offset: offset + size, size, scope }) : undefined;
	return json(200, {
		totalCount: page.length,
		items: page,
		links: {
			self: { uri: `${selfUri}?size=${size}`, method: 'GET', headers: [] },
			...(continuationToken
				? { next: { uri: `${selfUri}?seekOperation=Next`, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: continuationToken }] } }
				: {}),
		},
		...(continuationToken ? { continuationToken } : {}),
		attributes: { objectType: 'Collection' },
	});
}

function collection(items: unknown[]): Reply {
	return json(200, { totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } });
}

export function partnerCenterRoutes(context: SandboxContext): Route[] {
	/** Partner-tenant token for the Partner Center resource, or the error Partner Center answers. */
	const grantOf = (request: RouteRequest): TokenGrant | Reply => {
		const grant = context.tokens.check(header(request.headers, 'authorization'), context.now());
		if (typeof grant === 'string') return partnerCenterError(401, 401, `Unauthorized: the access token is ${grant}.`);
		if (grant.resource !== 'partnercenter' || grant.tenantId !== context.state().partner.tenantId) {
			return partnerCenterError(401, 401, 'Unauthorized: the token is not for Partner Center in the partner tenant.');
		}
		return grant;
	};
	const authorise = (request: RouteRequest): Reply | undefined => {
		const grant = grantOf(request);
		return 'status' in grant ? grant : undefined;
	};
	const withCustomer = (run: (tenant: Tenant, request: RouteRequest, grant: TokenGrant) => Reply) => (request: RouteRequest): Reply => {
		const grant = grantOf(request);
		if ('status' in grant) return grant;
		const tenant = context.tenantById(request.params.id.toLowerCase());
		request.tenantId = request.params.id;
		if (!tenant || tenant.removed) return partnerCenterError(404, 600, `Customer ${request.params.id} was not found.`);
		return run(tenant, request, grant);
	};
	// "Get a list of available licenses": App+User credentials only, and the partner user needs
	// Directory Readers, Global Reader, User Administrator or License Administrator through GDAP.
	// The status codes and texts are the sandbox's reading of the docs, not captured answers.
	const licenseReader = (tenant: Tenant, grant: TokenGrant): Reply | undefined => {
		if (grant.mode !== 'delegated') {
			return partnerCenterError(403, 403, 'This operation is only supported with App+User credentials; app-only authentication cannot read customer licenses.');
		}
		if (context.access.gdapRemoved.has(tenant.tenantId) || !hasLiveGdap(context.state().gdapRelationships, tenant.tenantId, context.now(), LICENSE_READER_ROLES)) {
			return partnerCenterError(403, 403, 'Forbidden: the signed-in user has no delegated admin (GDAP) role in the customer tenant that allows reading licenses.');
		}
		return undefined;
	};
	return [
		{
			service: 'partnercenter',
			method: 'GET',
			template: '/v1/customers',
			handler: (request) => {
				const refused = authorise(request);
				if (refused) return refused;
				const customers = context.state().tenants.filter((tenant) => !tenant.removed).map(customerJson);
				return seekPage(request, customers, '/customers', 'customers');
			},
		},
		{ service: 'partnercenter', method: 'GET', template: '/v1/customers/{id}', handler: withCustomer((tenant) => json(200, customerJson(tenant))) },
		{
			service: 'partnercenter',
			method: 'GET',
			template: '/v1/customers/{id}/subscribedskus',
			handler: withCustomer((tenant, _request, grant) => licenseReader(tenant, grant) ?? collection(tenant.skus.map(subscribedSkuJson))),
		},
		{
			service: 'partnercenter',
			method: 'POST',
			template: '/v1/customers/{id}/applicationconsents',
			handler: withCustomer((tenant, request, grant) => applicationConsent(context, tenant, request, grant)),
		},
		{
			service: 'partnercenter',
			method: 'DELETE',
			template: '/v1/customers/{id}/applicationconsents/{applicationId}',
			handler: withCustomer((tenant, request, grant) => removeApplicationConsent(context, tenant, request, grant)),
		},
		{
			service: 'partnercenter',
			method: 'GET',
			template: '/v1/customers/{id}/subscriptions',
			handler: withCustomer((tenant) => collection(tenant.subscriptions.map((subscription) => subscriptionJson(tenant, subscription)))),
		},
		{
			service: 'partnercenter',
			method: 'GET',
			template: '/v1/customers/{id}/users',
			handler: withCustomer((tenant, request) =>
				seekPage(request, tenant.users.map(userJson), `/customers/${tenant.tenantId}/users`, `users:${tenant.tenantId}`),
			),
		},
	];
}

interface ApplicationConsentBody {
	applicationId?: string;
	applicationGrants?: Array<{ enterpriseApplicationId?: string; scope?: string }>;
}

/**
 * `DELETE /customers/{id}/applicationconsents/{applicationId}` (CIPP's Set-CIPPCPVConsent with
 * ResetSP): the app's service principal leaves the customer tenant; 404 when it was not there.
 */
function removeApplicationConsent(context: SandboxContext, tenant: Tenant, request: RouteRequest, grant: TokenGrant): Reply {
	if (grant.mode !== 'delegated') return partnerCenterError(403, 403, 'Application consent needs App+User credentials.');
	if (request.params.applicationId.toLowerCase() !== context.credentials.microsoft.clientId.toLowerCase() || context.access.consentMissing.has(tenant.tenantId)) {
		return partnerCenterError(404, 404, `No application consent for ${request.params.applicationId} in customer ${tenant.tenantId}.`);
	}
	context.access.consentMissing.add(tenant.tenantId);
	context.consents.delete(tenant.tenantId);
	return { status: 204 };
}

/**
 * `POST /customers/{id}/applicationconsents` (CIPP's Set-CIPPCPVConsent): puts the partner's
 * multi-tenant app into the customer tenant with the given grants. An existing consent answers
 * 409 (the sandbox's guess at the real conflict answer).
 */
function applicationConsent(context: SandboxContext, tenant: Tenant, request: RouteRequest, grant: TokenGrant): Reply {
	if (grant.mode !== 'delegated') return partnerCenterError(403, 403, 'Application consent needs App+User credentials.');
	const body = (request.body ?? {}) as ApplicationConsentBody;
	const grants = (body.applicationGrants ?? []).filter((item) => item.enterpriseApplicationId && item.scope);
	if (body.applicationId !== context.credentials.microsoft.clientId || grants.length === 0) {
		return partnerCenterError(400, 400, 'applicationId must be the partner application and applicationGrants must name at least one enterprise application with a scope.');
	}
	if (!context.access.consentMissing.has(tenant.tenantId)) {
		return partnerCenterError(409, 409, `Permission entry already exists for application ${body.applicationId} in customer ${tenant.tenantId}.`);
	}
	context.access.consentMissing.delete(tenant.tenantId);
	const applicationGrants = grants.map((item) => ({ enterpriseApplicationId: item.enterpriseApplicationId!, scope: item.scope! }));
	context.consents.set(tenant.tenantId, { applicationId: body.applicationId, applicationGrants, grantedAt: context.now() });
	return json(201, { applicationId: body.applicationId, applicationGrants, attributes: { objectType: 'ApplicationConsent' } });
}
