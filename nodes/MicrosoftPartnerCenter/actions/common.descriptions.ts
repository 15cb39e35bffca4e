import type { INodeProperties } from 'n8n-workflow';

// 16, not 8: at 40 ms per call, 2,000 tenants need 16 in flight to finish in about 11 s
// (8 took 17.8 s in bench/partner-center.bench.ts). Each call reads a different tenant,
// and 429s are retried after Retry-After by the shared layer.
export const DEFAULT_CONCURRENCY = 16;

export const tenantIdProperty: INodeProperties = {
	displayName: 'Tenant ID',
	name: 'tenantId',
	type: 'string',
	default: '={{ $json.tenantId }}',
	required: true,
	placeholder: 'e.g. 8d1b2c3e-...',
	description:
		"The customer's tenant ID (in Partner Center the customer ID is the tenant ID). By default taken from each input item, e.g. the output of Customer → Get Many. The input item's `name` or `tenantName` names the tenant in messages and output.",
};

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
