/** Talks to a running n8n: the owner set-up over the internal REST API, then the public API. */

export const OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-password-1',
};

/** What the tests need of the public API; n8n 2.41 lets an owner's key hold any of these. */
const API_KEY_SCOPES = [
	'workflow:create',
	'workflow:read',
	'workflow:update',
	'workflow:delete',
	'workflow:list',
	'workflow:activate',
	'workflow:deactivate',
	'execution:read',
	'execution:list',
	'execution:delete',
	'credential:create',
	'credential:update',
	'credential:delete',
	'credential:list',
	'dataTable:create',
	'dataTable:read',
	'dataTable:update',
	'dataTable:delete',
	'dataTable:list',
	'dataTableRow:create',
	'dataTableRow:read',
	'dataTableRow:update',
	'dataTableRow:delete',
	'dataTableRow:upsert',
	'dataTableColumn:read',
	'project:list',
];

export class N8nHttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${url} answered ${status}: ${body.slice(0, 500)}`);
	}
}

async function readBody(response: Response): Promise<unknown> {
	const text = await response.text();
	if (!text) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

async function request<T>(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ body: T; response: Response }> {
	const response = await fetch(url, {
		method,
		headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) {
		throw new N8nHttpError(method, url, response.status, await response.text());
	}
	return { body: (await readBody(response)) as T, response };
}

/** n8n ties the auth cookie to the browser id it was issued with; send the same one throughout. */
const BROWSER = { 'browser-id': 'm365-license-sync-e2e' };

/** Internal REST API (`/rest`, answers wrapped in `data`) as the owner, for what the public API lacks. */
export async function ownerRest<T>(baseUrl: string, cookie: string, method: string, route: string, body?: unknown): Promise<T> {
	const { body: result } = await request<{ data: T }>(method, `${baseUrl}/rest${route}`, { ...BROWSER, cookie }, body);
	return result.data;
}

/**
 * Creates the instance owner (no browser: POST /rest/owner/setup answers with the auth
 * cookie) and an API key for the public API (POST /rest/api-keys with that cookie).
 */
export async function setupOwnerAndApiKey(baseUrl: string): Promise<{ apiKey: string; cookie: string }> {
	const { response } = await request('POST', `${baseUrl}/rest/owner/setup`, BROWSER, OWNER);
	const authCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
	if (!authCookie) throw new Error('owner set-up answered without an n8n-auth cookie');
	const cookie = authCookie.split(';')[0];
	const { rawApiKey } = await ownerRest<{ rawApiKey: string }>(baseUrl, cookie, 'POST', '/api-keys', {
		label: 'e2e',
		scopes: API_KEY_SCOPES,
		expiresAt: null,
	});
	return { apiKey: rawApiKey, cookie };
}

interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/**
 * n8n 2.x publishes through an outbox: the publish call returns before the triggers (webhooks,
 * schedules) are registered. Waits until they are, and fails with n8n's reason when one is not.
 */
export async function waitForPublication(baseUrl: string, cookie: string, workflowId: string, timeoutMs = 60000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const publication = await ownerRest<PublicationStatus>(baseUrl, cookie, 'GET', `/workflows/${workflowId}/publication-status`);
		if (publication.status === 'partial' || publication.status === 'failed') {
			const reasons = publication.triggers.filter((trigger) => trigger.errorMessage).map((trigger) => trigger.errorMessage);
			throw new Error(`workflow ${workflowId} was not published: ${reasons.join('; ')}`);
		}
		if (publication.status !== 'in_progress') return;
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId} still publishing after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Public API (`/api/v1`) calls with the owner's API key. */
export class PublicApi {
	constructor(
		private readonly baseUrl: string,
		private readonly apiKey: string,
	) {}

	async call<T>(method: string, route: string, body?: unknown): Promise<T> {
		const { body: result } = await request<T>(method, `${this.baseUrl}/api/v1${route}`, { 'x-n8n-api-key': this.apiKey }, body);
		return result;
	}

	/** Follows `nextCursor` until every page of a list is read. */
	async listAll<T>(route: string, query: Record<string, string> = {}): Promise<T[]> {
		const items: T[] = [];
		let cursor: string | undefined;
		do {
			const params = new URLSearchParams({ limit: '250', ...query, ...(cursor ? { cursor } : {}) });
			const page = await this.call<{ data: T[]; nextCursor?: string | null }>('GET', `${route}?${params.toString()}`);
			items.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return items;
	}
}
