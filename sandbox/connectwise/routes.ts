/**
 * ConnectWise PSA `/{codebase}/apis/3.0`: Basic auth + clientId, lists through the query
 * engine, writes validated. `/login/companyinfo/{companyId}` names the codebase; at the
 * configured cloud host, v4_6_release redirects to it as cloud sites do.
 */
import type { SandboxContext } from '../server/context';
import { connectWiseError } from '../server/errors';
import { header, json, type Reply, type Route, type RouteRequest } from '../server/types';
import type { CwAddition, CwAgreement } from '../types';
import { applyPatch } from './patch';
import { countRecords, listRecords } from './query';
import { nextSequence, storedAddition, storedContact } from './records';
import { additionErrors, contactErrors, invalidObject } from './validate';

const ROUTER_CODEBASE = 'v4_6_release';

function codebaseOf(request: RouteRequest): string | undefined {
	return /^\/cw\/([^/]+)\/apis\/3\.0/i.exec(request.url.pathname)?.[1];
}

function hostOf(request: RouteRequest): { name: string; header: string } {
	const value = header(request.headers, 'host') ?? request.url.host;
	return { name: value.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''), header: value };
}

export function connectWiseRoutes(context: SandboxContext): Route[] {
	const { codebase, cloudHost } = context.connectWiseSite;
	/** Cloud sites move v4_6_release to the current codebase with a redirect; an unknown codebase is not there. */
	const misrouted = (request: RouteRequest): Reply | undefined => {
		const used = codebaseOf(request);
		if (used === undefined) return undefined;
		const host = hostOf(request);
		if (used.toLowerCase() === ROUTER_CODEBASE && host.name === cloudHost) {
			const moved = request.url.pathname.replace(/\/cw\/v4_6_release\//i, `/cw/${codebase}/`);
			return { status: 302, headers: { Location: `${request.url.protocol}//${host.header}${moved}${request.url.search}` } };
		}
		if (used.toLowerCase() !== ROUTER_CODEBASE && used.toLowerCase() !== codebase.toLowerCase()) {
			return connectWiseError(404, 'NotFound', `The codebase ${used} is not on this site (it runs ${codebase}).`);
		}
		return undefined;
	};
	const refuse = (request: RouteRequest): Reply | undefined => {
		const { companyId, publicKey, privateKey, clientId } = context.credentials.connectWise;
		const expected = `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`;
		if (header(request.headers, 'authorization') !== expected) {
			return connectWiseError(401, 'Unauthorized', 'Authentication failed: check the company id, public key and private key.');
		}
		const sentClientId = header(request.headers, 'clientid');
		if (!sentClientId) return connectWiseError(401, 'Unauthorized', 'A clientId header is required.');
		if (sentClientId !== clientId) return connectWiseError(401, 'Unauthorized', `The clientId '${sentClientId}' is not registered.`);
		return undefined;
	};
	const route = (method: string, template: string, run: (request: RouteRequest) => Reply): Route => ({
		service: 'cw',
		method,
		template: template,
		handler: (request) => misrouted(request) ?? refuse(request) ?? run(request),
	});
	// Next links point where the request went (same host and codebase), as ConnectWise's do.
	const collectionUrl = (request: RouteRequest) => `${request.url.protocol}//${hostOf(request).header}/cw/${codebaseOf(request) ?? ROUTER_CODEBASE}/apis/3.0${request.path}`;
	/** What real sites answer (fields as in ConnectWise's answer quoted in KelvinTegelaar/PowerShellWarrantyReports#32). */
	const companyInfo = (request: RouteRequest): Reply => {
		if (codebaseOf(request) !== undefined) return connectWiseError(404, 'NotFound', `The requested resource ${request.path} was not found.`);
		if (request.params.companyId.toLowerCase() !== context.credentials.connectWise.companyId.toLowerCase()) {
			return connectWiseError(404, 'NotFound', `Company ${request.params.companyId} not found.`);
		}
		const version = codebase.replace(/^v/, '').replace('_', '.');
		return json(200, {
			CompanyName: 'Sandbox MSP',
			Codebase: `${codebase}/`,
			VersionCode: `v${version}`,
			VersionNumber: 'v4.6.10431',
			CompanyID: context.credentials.connectWise.companyId,
			IsCloud: hostOf(request).name === cloudHost,
			SiteUrl: `${hostOf(request).header}/cw`,
			AllowedOrigins: ['*.myconnectwise.net', '*.connectwise.net'],
		});
	};
	const list = (records: () => readonly object[]) => (request: RouteRequest): Reply =>
		listRecords(records(), { baseUrl: collectionUrl(request), query: request.url.searchParams, headers: request.headers });
	const count = (records: () => readonly object[]) => (request: RouteRequest): Reply => countRecords(records(), { query: request.url.searchParams });
	const byId = <T extends { id: number }>(what: string, records: () => readonly T[], key = 'id') => (request: RouteRequest): Reply => {
		const id = Number(request.params[key]);
		const record = records().find((candidate) => candidate.id === id);
		return record ? json(200, record) : connectWiseError(404, 'NotFound', `${what} ID ${request.params[key]} not found`);
	};
	const state = () => context.state();
	const agreementOf = (request: RouteRequest): CwAgreement | undefined => state().agreements.find((agreement) => agreement.id === Number(request.params.id));
	const additionsOf = (request: RouteRequest) => state().additions.filter((addition) => addition.agreementId === Number(request.params.id));
	const withAgreement = (run: (agreement: CwAgreement, request: RouteRequest) => Reply) => (request: RouteRequest): Reply => {
		const agreement = agreementOf(request);
		return agreement ? run(agreement, request) : connectWiseError(404, 'NotFound', `Agreement ID ${request.params.id} not found`);
	};
	const findAddition = (agreement: CwAgreement, request: RouteRequest): CwAddition | undefined =>
		state().additions.find((addition) => addition.agreementId === agreement.id && addition.id === Number(request.params.additionId));
	const missingAddition = (request: RouteRequest) => connectWiseError(404, 'NotFound', `Addition ID ${request.params.additionId} not found`);

	const saveAddition = (agreement: CwAgreement, input: Record<string, unknown>, previous?: CwAddition): Reply => {
		const errors = additionErrors(input, state().catalog);
		if (errors.length > 0) return json(400, invalidObject('addition', errors));
		const id = previous?.id ?? state().nextId.addition++;
		const stored = storedAddition(input, id, agreement, state().catalog, context.now(), previous);
		if (previous) state().additions[state().additions.indexOf(previous)] = stored;
		else {
			stored.sequenceNumber = nextSequence(state(), agreement.id);
			state().additions.push(stored);
		}
		return json(previous ? 200 : 201, stored);
	};
	const saveContact = (input: Record<string, unknown>, previousIndex?: number): Reply => {
		const errors = contactErrors(input);
		if (errors.length > 0) return json(400, invalidObject('contact', errors));
		const contacts = state().contacts;
		const id = previousIndex === undefined ? state().nextId.contact++ : contacts[previousIndex].id;
		const stored = storedContact(input, id, state());
		if (previousIndex === undefined) contacts.push(stored);
		else contacts[previousIndex] = stored;
		return json(previousIndex === undefined ? 201 : 200, stored);
	};
	const patched = <T extends object>(record: T, body: unknown): T | Reply => {
		const result = applyPatch(record, body);
		return 'error' in result ? json(400, { code: 'InvalidObject', message: result.error, errors: [] }) : result.record;
	};
	const isReply = (value: unknown): value is Reply => typeof value === 'object' && value !== null && 'status' in value && typeof (value as Reply).status === 'number' && !('id' in value);
	const contactIndex = (request: RouteRequest) => state().contacts.findIndex((contact) => contact.id === Number(request.params.id));
	const missingContact = (request: RouteRequest) => connectWiseError(404, 'NotFound', `Contact ID ${request.params.id} not found`);

	return [
		{ service: 'cw', method: 'GET', template: '/login/companyinfo/{companyId}', handler: companyInfo },
		route('GET', '/system/info', () => json(200, { version: 'v2025.1.10431', isCloud: true, serverTimeZone: 'Eastern Standard Time', cloudRegion: 'NA', licenseBits: [] })),
		route('GET', '/company/companies', list(() => state().companies)),
		route('GET', '/company/companies/count', count(() => state().companies)),
		route('GET', '/company/companies/{id}', byId('Company', () => state().companies)),
		route('PATCH', '/company/companies/{id}', (request) => {
			const companies = state().companies;
			const index = companies.findIndex((company) => company.id === Number(request.params.id));
			if (index < 0) return connectWiseError(404, 'NotFound', `Company ID ${request.params.id} not found`);
			const result = patched(companies[index], request.body);
			if (isReply(result)) return result;
			// The id and identifier are not writable through a patch.
			companies[index] = { ...result, id: companies[index].id, identifier: companies[index].identifier };
			return json(200, companies[index]);
		}),
		route('GET', '/company/contacts', list(() => state().contacts)),
		route('GET', '/company/contacts/count', count(() => state().contacts)),
		route('GET', '/company/contacts/{id}', byId('Contact', () => state().contacts)),
		route('POST', '/company/contacts', (request) => saveContact((request.body ?? {}) as Record<string, unknown>)),
		route('PUT', '/company/contacts/{id}', (request) => {
			const index = contactIndex(request);
			return index < 0 ? missingContact(request) : saveContact((request.body ?? {}) as Record<string, unknown>, index);
		}),
		route('PATCH', '/company/contacts/{id}', (request) => {
			const index = contactIndex(request);
			if (index < 0) return missingContact(request);
			const result = patched(state().contacts[index], request.body);
			return isReply(result) ? result : saveContact(result as unknown as Record<string, unknown>, index);
		}),
		route('GET', '/finance/agreements', list(() => state().agreements)),
		route('GET', '/finance/agreements/count', count(() => state().agreements)),
		route('GET', '/finance/agreements/{id}', byId('Agreement', () => state().agreements)),
		route('GET', '/finance/agreements/types', list(() => state().agreementTypes)),
		route('GET', '/finance/agreements/types/count', count(() => state().agreementTypes)),
		route('GET', '/finance/agreements/types/{id}', byId('AgreementType', () => state().agreementTypes)),
		route('GET', '/finance/agreements/{id}/additions', withAgreement((_agreement, request) => list(() => additionsOf(request))(request))),
		route('GET', '/finance/agreements/{id}/additions/count', withAgreement((_agreement, request) => count(() => additionsOf(request))(request))),
		route('GET', '/finance/agreements/{id}/additions/{additionId}', withAgreement((agreement, request) => {
			const addition = findAddition(agreement, request);
			return addition ? json(200, addition) : missingAddition(request);
		})),
		route('POST', '/finance/agreements/{id}/additions', withAgreement((agreement, request) => saveAddition(agreement, (request.body ?? {}) as Record<string, unknown>))),
		route('PUT', '/finance/agreements/{id}/additions/{additionId}', withAgreement((agreement, request) => {
			const previous = findAddition(agreement, request);
			return previous ? saveAddition(agreement, (request.body ?? {}) as Record<string, unknown>, previous) : missingAddition(request);
		})),
		route('PATCH', '/finance/agreements/{id}/additions/{additionId}', withAgreement((agreement, request) => {
			const previous = findAddition(agreement, request);
			if (!previous) return missingAddition(request);
			const result = patched(previous, request.body);
			return isReply(result) ? result : saveAddition(agreement, result as unknown as Record<string, unknown>, previous);
		})),
		route('DELETE', '/finance/agreements/{id}/additions/{additionId}', withAgreement((agreement, request) => {
			const previous = findAddition(agreement, request);
			if (!previous) return missingAddition(request);
			state().additions.splice(state().additions.indexOf(previous), 1);
			return { status: 204 };
		})),
		route('GET', '/procurement/catalog', list(() => state().catalog)),
		route('GET', '/procurement/catalog/count', count(() => state().catalog)),
		route('GET', '/procurement/catalog/{id}', byId('Catalog item', () => state().catalog)),
	];
}
