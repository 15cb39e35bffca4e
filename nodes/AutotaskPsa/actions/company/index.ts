import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a company', action: 'Get a company' },
			{ name: 'Get Many', value: 'getAll', description: 'List companies by name or tenant ID', action: 'Get many companies' },
			{ name: 'Update', value: 'update', description: 'Update a company, e.g. record its Microsoft tenant ID', action: 'Update a company' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...update.description,
];
