/** Partner Center `/v1`: customers (seek paging), customer by id, subscribed SKUs, subscriptions, users. */
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
	const authorise = (request: RouteRequest): Reply | undefined => {
		const grant = context.tokens.check(header(request.headers, 'authorization'), context.now());
		if (typeof grant === 'string') return partnerCenterError(401, 401, `Unauthorized: the access token is ${grant}.`);
		if (grant.resource !== 'partnercenter' || grant.tenantId !== context.state().partner.tenantId) {
			return partnerCenterError(401, 401, 'Unauthorized: the token is not for Partner Center in the partner tenant.');
		}
		return undefined;
	};
	const withCustomer = (run: (tenant: Tenant, request: RouteRequest) => Reply) => (request: RouteRequest): Reply => {
		const refused = authorise(request);
		if (refused) return refused;
		const tenant = context.tenantById(request.params.id.toLowerCase());
		request.tenantId = request.params.id;
		if (!tenant || tenant.removed) return partnerCenterError(404, 600, `Customer ${request.params.id} was not found.`);
		return run(tenant, request);
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
			handler: withCustomer((tenant) => collection(tenant.skus.map(subscribedSkuJson))),
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
