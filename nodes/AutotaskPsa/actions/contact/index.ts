import type { INodeProperties } from 'n8n-workflow';
import * as deactivate from './deactivate.operation';
import * as getAll from './getAll.operation';
import * as upsert from './upsert.operation';

export { deactivate, getAll, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a contact' },
			{ name: 'Deactivate', value: 'deactivate', description: 'Mark a contact inactive', action: 'Deactivate a contact' },
			{ name: 'Get Many', value: 'getAll', description: "List a company's contacts", action: 'Get many contacts' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...upsert.description,
	...deactivate.description,
];
