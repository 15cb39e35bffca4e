/** The parts of @apigrate/autotask-restapi (plain JavaScript, no types) the sandbox tests use. */
declare module '@apigrate/autotask-restapi' {
	interface EntityApi {
		query(search: unknown): Promise<unknown>;
		count(search: unknown): Promise<unknown>;
		get(id: number): Promise<unknown>;
		update(toSave: unknown, opts?: unknown): Promise<unknown>;
	}
	interface ChildEntityApi extends EntityApi {
		create(parentId: number, toSave: unknown, opts?: { ImpersonationResourceId?: number }): Promise<unknown>;
	}
	export class AutotaskRestApi {
		constructor(user: string, secret: string, code: string, options?: { base_url?: string; version?: string });
		zoneInfo: { zoneName: string; url: string; webUrl: string; ci: number } | null;
		Companies: EntityApi;
		Contracts: EntityApi;
		ContractServices: ChildEntityApi;
		ContractServiceUnits: EntityApi;
		ContractServiceAdjustments: ChildEntityApi;
		Services: EntityApi;
		Contacts: EntityApi;
		CompanyContacts: ChildEntityApi;
		_get(endpoint: string, query?: Record<string, string>): Promise<unknown>;
	}
	export class AutotaskApiError extends Error {
		status: number;
		details: unknown;
	}
}
