/**
 * The Sync now request rules. The webhook fails closed: anything it does not understand is
 * refused with a status and a message, so nothing runs (and nothing is written) by accident.
 */
import type { CompanyMapRow, RequestVerdict, SyncRequestInput, SyncScope } from './types';
import { isPlainObject, positiveInteger, shown, strictBoolean, tenantGuid } from './values';

const SCOPE_FIELDS = ['companyId', 'tenantId', 'everyone'] as const;
const FIELDS: readonly string[] = [...SCOPE_FIELDS, 'dryRun'];
const HOW = 'send {"companyId": <PSA company id>}, {"tenantId": "<tenant GUID>"} or {"everyone": true}, optionally with "dryRun": true';
const MAP = 'the company map (m365_company_map)';

const refuse = (statusCode: number, message: string): RequestVerdict => ({ accepted: false, refusal: { statusCode, message } });
const accept = (scope: SyncScope): RequestVerdict => ({ accepted: true, scope });

function isJson(contentType: unknown): boolean {
	return typeof contentType !== 'string' || contentType === '' || /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim());
}

function mapReadFailure(rows: CompanyMapRow[]): string | undefined {
	const failed = rows.find((row) => typeof row.error === 'string' ? row.error.trim() !== '' : !!row.error);
	return failed ? String(failed.error) : undefined;
}

/** The request's shape alone: which one customer (or everyone), and whether to write. */
function readScope(body: Record<string, unknown>): RequestVerdict {
	const unknown = Object.keys(body).filter((key) => !FIELDS.includes(key));
	if (unknown.length) return refuse(400, `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}: ${HOW}.`);

	let dryRun = false;
	if ('dryRun' in body) {
		const value = strictBoolean(body.dryRun);
		if (value === undefined) return refuse(400, `dryRun must be true or false, got ${shown(body.dryRun)}.`);
		dryRun = value;
	}

	const given = SCOPE_FIELDS.filter((key) => key in body);
	if (given.length === 0) return refuse(400, `Say what to sync: ${HOW}. A full sync is never started by an empty request.`);
	if (given.length > 1) return refuse(400, `Give exactly one of companyId, tenantId and everyone, got ${given.join(' and ')}.`);

	const [field] = given;
	const value = body[field];
	if (field === 'companyId') {
		const companyId = positiveInteger(value);
		if (companyId === undefined) return refuse(400, `companyId must be a positive whole number (a PSA company id), got ${shown(value)}.`);
		return accept({ scope: 'company', companyId, tenantId: null, dryRun });
	}
	if (field === 'tenantId') {
		const tenantId = tenantGuid(value);
		if (tenantId === undefined) return refuse(400, `tenantId must be a tenant GUID like "8d1b2c3e-0000-4000-8000-000000000000", got ${shown(value)}.`);
		return accept({ scope: 'tenant', companyId: null, tenantId, dryRun });
	}
	if (strictBoolean(value) !== true) return refuse(400, `everyone must be true to sync every customer, got ${shown(value)}; to sync one, give companyId or tenantId.`);
	return accept({ scope: 'everyone', companyId: null, tenantId: null, dryRun });
}

/** Checks a Sync now request against the company map: the accepted scope, or why it is refused. */
export function checkSyncRequest(request: SyncRequestInput, companyMap: CompanyMapRow[]): RequestVerdict {
	if (!isJson(request.contentType)) return refuse(415, `Send the request as JSON (content-type: application/json), got ${shown(request.contentType)}.`);
	if (isPlainObject(request.query) && Object.keys(request.query).length) {
		return refuse(400, `Query parameters are not read (got ${Object.keys(request.query).join(', ')}): put the request in the JSON body; ${HOW}.`);
	}
	if (!isPlainObject(request.body)) return refuse(400, `The body must be a JSON object, got ${Array.isArray(request.body) ? 'a list' : shown(request.body)}: ${HOW}.`);

	const verdict = readScope(request.body);
	if (!verdict.accepted) return verdict;
	const { scope } = verdict;

	const failure = mapReadFailure(companyMap);
	if (failure !== undefined) return refuse(503, `Could not read ${MAP}, so the request was not run: ${failure}`);
	if (scope.scope === 'company' && !companyMap.some((row) => positiveInteger(row.companyId) === scope.companyId)) {
		return refuse(404, `Company ${scope.companyId} is not in ${MAP}: map one of its tenants to it first.`);
	}
	if (scope.scope === 'tenant' && !companyMap.some((row) => typeof row.tenantId === 'string' && row.tenantId.trim().toLowerCase() === scope.tenantId)) {
		return refuse(404, `Tenant ${scope.tenantId} is not in ${MAP}: map it to a PSA company first.`);
	}
	return verdict;
}
