/**
 * Autotask PSA REST (`{autotask}/{host}/ATServicesRest/V1.0`): zone information on any
 * host, the API only on the user's zone host; `ApiIntegrationCode` / `UserName` / `Secret`
 * (+ optional `ImpersonationResourceId`) headers; query / count / next page / by id for the
 * entities a sync reads; the writes it makes; the per-database hourly request threshold.
 */
import type { SandboxContext } from '../server/context';
import { header, json, type Reply, type Route, type RouteRequest } from '../server/types';
import { autotaskError } from './errors';
import { parseSearch, queryPage, QueryError, readPagingToken, filterRows } from './query';
import { API_RESOURCE_ID, CONTRACT_PICKLISTS } from './seed';
import type { AtContract, AutotaskState } from './types';
import { addContractService, adjustUnits, updateContractService, type WriteResult } from './writes';

export const AUTOTASK_ZONE_HOST = 'webservices15';
export const AUTOTASK_GLOBAL_HOST = 'webservices';
const THRESHOLD_WINDOW_MS = 3_600_000;

/** Where the request went: `/autotask/{host}/ATServicesRest/V1.0/...`. */
function hostOf(request: RouteRequest): string {
	return /^\/autotask\/([^/]+)\//i.exec(request.url.pathname)?.[1]?.toLowerCase() ?? '';
}

type Entity = keyof Pick<AutotaskState, 'companies' | 'contracts' | 'contractServices' | 'contractServiceUnits' | 'services' | 'contacts'>;
const ENTITIES: Array<[string, Entity]> = [
	['Companies', 'companies'],
	['Contracts', 'contracts'],
	['ContractServices', 'contractServices'],
	['ContractServiceUnits', 'contractServiceUnits'],
	['Services', 'services'],
	['Contacts', 'contacts'],
];

export function autotaskRoutes(context: SandboxContext): Route[] {
	const at = () => context.state().autotask;
	const today = () => context.state().today;
	const usage = context.autotaskUsage;
	const zoneBase = () => `${context.urls.autotask}/${AUTOTASK_ZONE_HOST}/ATServicesRest/`;

	/** Credentials in Autotask's order of answers (apigrate/autotask-restapi#19): unknown user 500, wrong secret 401, wrong integration code 500. */
	const refuse = (request: RouteRequest): Reply | undefined => {
		if (hostOf(request) !== AUTOTASK_ZONE_HOST) {
			return autotaskError(404, `This API is not served at ${hostOf(request)}: use the zone URL that zoneInformation names.`);
		}
		const { userName, secret, integrationCode } = context.credentials.autotask;
		const sentUser = header(request.headers, 'username');
		const sentSecret = header(request.headers, 'secret');
		const sentCode = header(request.headers, 'apiintegrationcode');
		if (!sentUser || !sentSecret || !sentCode) return autotaskError(401, 'The UserName, Secret and ApiIntegrationCode headers are required.');
		if (sentUser.toLowerCase() !== userName.toLowerCase()) return autotaskError(500, `User ${sentUser} was not found.`);
		if (sentSecret !== secret) return autotaskError(401, 'Unauthorized.');
		if (sentCode !== integrationCode) return autotaskError(500, 'IntegrationCode is invalid.');
		const impersonated = header(request.headers, 'impersonationresourceid');
		if (impersonated !== undefined && !at().resources.some((resource) => String(resource.id) === impersonated.trim() && resource.isActive)) {
			return autotaskError(500, `ImpersonationResourceId ${impersonated} is not an active resource.`);
		}
		// Every authenticated call counts against the database's hourly threshold.
		const now = context.now();
		while (usage.hits.length > 0 && usage.hits[0] <= now - THRESHOLD_WINDOW_MS) usage.hits.shift();
		if (usage.hits.length >= usage.threshold) {
			return autotaskError(429, `The API request threshold of ${usage.threshold} requests per hour was exceeded for this database.`);
		}
		usage.hits.push(now);
		return undefined;
	};
	const route = (method: string, template: string, run: (request: RouteRequest) => Reply): Route => ({
		service: 'autotask',
		method,
		template,
		handler: (request) => refuse(request) ?? run(request),
	});
	const resourceOf = (request: RouteRequest) => {
		const impersonated = header(request.headers, 'impersonationresourceid');
		return impersonated ? Number(impersonated) : API_RESOURCE_ID;
	};
	const guarded = (run: () => Reply): Reply => {
		try {
			return run();
		} catch (error) {
			// Autotask answers a query it cannot run (unknown field, bad operator) with 500 and the reason.
			return autotaskError(500, error instanceof QueryError ? error.message : 'An unexpected error occurred.');
		}
	};
	const written = (result: WriteResult): Reply => ('itemId' in result ? json(200, { itemId: result.itemId }) : autotaskError(result.status, ...result.errors));
	const contractOf = (request: RouteRequest): AtContract | undefined => at().contracts.find((contract) => contract.id === Number(request.params.id));
	const withContract = (run: (contract: AtContract, body: Record<string, unknown>, request: RouteRequest) => Reply) => (request: RouteRequest): Reply => {
		const contract = contractOf(request);
		if (!contract) return autotaskError(404, `Contract ${request.params.id} was not found.`);
		return run(contract, (request.body ?? {}) as Record<string, unknown>, request);
	};

	const entityRoutes = ENTITIES.flatMap(([name, key]) => {
		const rows = () => at()[key] as unknown as Array<{ id: number }>;
		const nextUrl = (token: string) => `${zoneBase()}V1.0/${name}/query/next?paging=${token}`;
		return [
			route('POST', `/${name}/query`, (request) => guarded(() => json(200, queryPage(rows(), parseSearch(request.body), name, 0, nextUrl)))),
			route('GET', `/${name}/query`, (request) => guarded(() => json(200, queryPage(rows(), parseSearch(request.url.searchParams.get('search') ?? ''), name, 0, nextUrl)))),
			route('GET', `/${name}/query/next`, (request) =>
				guarded(() => {
					const { search, after } = readPagingToken(request.url.searchParams.get('paging') ?? '');
					return json(200, queryPage(rows(), search, name, after, nextUrl));
				}),
			),
			route('POST', `/${name}/query/count`, (request) => guarded(() => json(200, { queryCount: filterRows(rows(), parseSearch(request.body), name).length }))),
			route('GET', `/${name}/{id}`, (request) => {
				const item = rows().find((row) => row.id === Number(request.params.id));
				return item ? json(200, { item }) : autotaskError(404, `${name} ${request.params.id} was not found.`);
			}),
		];
	});

	const zoneInformation = (request: RouteRequest): Reply => {
		const user = request.url.searchParams.get('user') ?? '';
		if (user.toLowerCase() !== context.credentials.autotask.userName.toLowerCase()) {
			return autotaskError(500, `Zone information could not be found for user ${user || '(none)'}.`);
		}
		return json(200, { zoneName: 'Sandbox (Zone 15)', url: zoneBase(), webUrl: `${context.urls.autotask}/ww15/`, ci: 15 });
	};

	return [
		{ service: 'autotask', method: 'GET', template: '/zoneInformation', handler: zoneInformation },
		route('GET', '/ThresholdInformation', () =>
			json(200, { externalRequestThreshold: usage.threshold, requestThresholdTimeframe: 60, currentTimeframeRequestCount: usage.hits.length }),
		),
		...entityRoutes,
		route('GET', '/Contracts/entityInformation/fields', () =>
			json(200, {
				fields: Object.entries(CONTRACT_PICKLISTS).map(([name, values]) => ({
					name,
					dataType: name === 'contractPeriodType' ? 'string' : 'integer',
					isPickList: true,
					isRequired: true,
					isReadOnly: false,
					isQueryable: true,
					picklistValues: values.map((value: { value: string; label: string; isActive?: boolean }, index) => ({ isDefaultValue: false, sortOrder: index, isSystem: true, ...value, isActive: value.isActive !== false })),
				})),
			}),
		),
		route('PATCH', '/Companies', (request) => {
			const body = (request.body ?? {}) as Record<string, unknown>;
			const company = at().companies.find((candidate) => candidate.id === Number(body.id));
			if (!company) return autotaskError(404, `Company ${String(body.id ?? '(missing id)')} was not found.`);
			const udfs = Array.isArray(body.userDefinedFields) ? (body.userDefinedFields as Array<{ name?: unknown; value?: unknown }>) : [];
			const unknown = udfs.filter((udf) => !company.userDefinedFields.some((field) => field.name === udf.name));
			if (unknown.length) return autotaskError(500, ...unknown.map((udf) => `Unable to find user-defined field ${String(udf.name)} in the Companies entity.`));
			for (const udf of udfs) company.userDefinedFields.find((field) => field.name === udf.name)!.value = udf.value === null || udf.value === undefined ? null : String(udf.value);
			for (const field of ['companyName', 'webAddress', 'phone'] as const) if (typeof body[field] === 'string') company[field] = body[field] as string;
			if (typeof body.isActive === 'boolean') company.isActive = body.isActive;
			return json(200, { itemId: company.id });
		}),
		route('POST', '/Companies/{id}/Contacts', (request) => {
			const companyID = Number(request.params.id);
			if (!at().companies.some((company) => company.id === companyID)) return autotaskError(404, `Company ${request.params.id} was not found.`);
			const body = (request.body ?? {}) as Record<string, unknown>;
			const errors = ['firstName', 'lastName'].filter((field) => typeof body[field] !== 'string' || (body[field] as string).trim() === '').map((field) => `${field} is required.`);
			if (errors.length) return autotaskError(500, ...errors);
			const contact = {
				id: at().nextId.contact++,
				companyID,
				firstName: body.firstName as string,
				lastName: body.lastName as string,
				emailAddress: typeof body.emailAddress === 'string' ? body.emailAddress : null,
				isActive: body.isActive === 0 || body.isActive === false ? 0 : 1,
			};
			at().contacts.push(contact);
			return json(200, { itemId: contact.id });
		}),
		route('PATCH', '/Companies/{id}/Contacts', (request) => {
			const body = (request.body ?? {}) as Record<string, unknown>;
			const contact = at().contacts.find((candidate) => candidate.id === Number(body.id) && candidate.companyID === Number(request.params.id));
			if (!contact) return autotaskError(404, `Contact ${String(body.id ?? '(missing id)')} is not at company ${request.params.id}.`);
			for (const field of ['firstName', 'lastName', 'emailAddress'] as const) if (typeof body[field] === 'string') contact[field] = body[field] as string;
			if (body.isActive !== undefined) contact.isActive = body.isActive === 0 || body.isActive === false ? 0 : 1;
			return json(200, { itemId: contact.id });
		}),
		route('POST', '/Contracts/{id}/Services', withContract((contract, body) => written(addContractService(at(), contract, body, today())))),
		route('PATCH', '/Contracts/{id}/Services', withContract((contract, body) => written(updateContractService(at(), contract, body)))),
		route('POST', '/Contracts/{id}/ServiceAdjustments', withContract((contract, body, request) => written(adjustUnits(at(), contract, body, today(), resourceOf(request))))),
		route('POST', '/ContractServiceAdjustments', (request) => {
			const body = (request.body ?? {}) as Record<string, unknown>;
			const contract = at().contracts.find((candidate) => candidate.id === Number(body.contractID));
			return contract ? written(adjustUnits(at(), contract, body, today(), resourceOf(request))) : autotaskError(500, `contractID ${String(body.contractID ?? '(missing)')} is not a contract.`);
		}),
	];
}
