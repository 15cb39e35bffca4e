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
		displayOptions: { show: { resource: ['agreement'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an agreement', action: 'Get an agreement' },
			{ name: 'Get Many', value: 'getAll', description: 'List agreements by company and type', action: 'Get many agreements' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
];
