import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a customer (tenant)', action: 'Get a customer' },
			{ name: 'Get Many', value: 'getAll', description: 'List the partner’s customers (tenants)', action: 'Get many customers' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
