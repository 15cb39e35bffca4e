import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'Get the NCE subscriptions of the tenant in each input item', action: 'Get many subscriptions' }],
		default: 'getAll',
	},
	...getAll.description,
];
