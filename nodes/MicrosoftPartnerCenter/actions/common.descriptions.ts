import type { INodeProperties } from 'n8n-workflow';

// 16, not 8: at 40 ms per call, 2,000 tenants need 16 in flight to finish in about 11 s
// (8 took 17.8 s in bench/partner-center.bench.ts). Each call reads a different tenant,
// and 429s are retried after Retry-After by the shared layer.
export const DEFAULT_CONCURRENCY = 16;

const TENANT_DESCRIPTION =
	"The customer's tenant (in Partner Center the customer ID is the tenant ID). By default taken from each input item, e.g. the output of Customer → Get Many. The input item's `name` or `tenantName` names the tenant in messages and output.";

/** Versions 1 and 1.1: the tenant ID as text (their saved workflows keep it). */
const tenantIdText: INodeProperties = {
	displayName: 'Tenant ID',
	name: 'tenantId',
	type: 'string',
	default: '={{ $json.tenantId }}',
	required: true,
	placeholder: 'e.g. 8d1b2c3e-...',
	description: TENANT_DESCRIPTION,
	displayOptions: { show: { '@version': [1, 1.1] } },
};

/** 1.2: a tenant picker: from the customer list (searchable), by ID, or an expression (the default reads each item). */
const tenantLocator: INodeProperties = {
	displayName: 'Tenant',
	name: 'tenantId',
	type: 'resourceLocator',
	default: { mode: 'id', value: '={{ $json.tenantId }}' },
	required: true,
	description: TENANT_DESCRIPTION,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 8d1b2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage: 'A tenant ID is a GUID',
					},
				},
			],
		},
	],
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.2 } }] } },
};

/** The tenant parameter of every per-tenant operation, one per node version. */
export const tenantIdProperties: INodeProperties[] = [tenantIdText, tenantLocator];

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 64 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items (tenants) are read at the same time. Retries after throttling are handled for you.',
};

export const pageSizeOption = (max: number): INodeProperties => ({
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: max },
	default: max,
	description: 'How many records each API call returns. The largest page needs the fewest calls.',
});

export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};
