/** Parameters several operations share, so each has one name and one wording. */
import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../shared/descriptions';

/** Autotask allows an integration three threads per endpoint (Autotask's "API thread limiting" article). */
export const DEFAULT_CONCURRENCY = 3;
export const DEFAULT_TENANT_ID_FIELD = 'M365 Tenant ID';

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to Autotask at the same time (Autotask allows 3 per integration and endpoint). Output order always follows the input.',
};

export const concurrencyOptions: INodeProperties = optionsCollection([concurrencyOption]);

export const tenantIdFieldOption: INodeProperties = {
	displayName: 'Tenant ID User-Defined Field',
	name: 'tenantIdField',
	type: 'string',
	default: DEFAULT_TENANT_ID_FIELD,
	description: 'Name of the company user-defined field that holds the Microsoft tenant ID; returned as tenantId',
};

function locator(name: string, displayName: string, searchListMethod: string | undefined, placeholder: string, what: string, required: boolean, description?: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: searchListMethod ? 'list' : 'id', value: '' },
		required,
		description,
		modes: [
			...(searchListMethod ? [{ displayName: 'From List', name: 'list', type: 'list' as const, typeOptions: { searchListMethod, searchable: true } }] : []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `A ${what} ID is a number` } }],
			},
		],
	};
}

export const companyLocator = (required: boolean, description?: string) => locator('companyId', 'Company', 'searchCompanies', 'e.g. 250', 'company', required, description);
/** Named `agreementId` like the ConnectWise node's, so templates read the same parameter and field for every PSA. */
export const contractLocator = (description?: string) => locator('agreementId', 'Contract', 'searchContracts', 'e.g. 512', 'contract', true, description);
export const serviceLocator = (description?: string) => locator('serviceId', 'Service', 'searchServices', 'e.g. 100', 'service', true, description);

export function returnAllAndLimit(): INodeProperties[] {
	return [
		{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
