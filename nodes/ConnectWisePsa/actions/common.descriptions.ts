/** Parameters several operations share, so each has one name and one wording. */
import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../shared/descriptions';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TENANT_ID_FIELD = 'M365 Tenant ID';

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 32 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to ConnectWise at the same time. Output order always follows the input.',
};

/** The Options collection of operations whose only option is Concurrency. */
export const concurrencyOptions: INodeProperties = optionsCollection([concurrencyOption]);

export const tenantIdFieldOption: INodeProperties = {
	displayName: 'Tenant ID Custom Field',
	name: 'tenantIdField',
	type: 'string',
	default: DEFAULT_TENANT_ID_FIELD,
	description: 'Name (caption) of the company custom field that holds the Microsoft tenant ID; returned as tenantId',
};

export function companyLocator(required: boolean, description?: string): INodeProperties {
	return {
		displayName: 'Company',
		name: 'companyId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 250',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A company ID is a number' } }],
			},
		],
	};
}

export function agreementLocator(description?: string): INodeProperties {
	return {
		displayName: 'Agreement',
		name: 'agreementId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAgreements', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 512',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'An agreement ID is a number' } }],
			},
		],
	};
}

export function returnAllAndLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
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
