import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'Get the users of the tenant in each input item (licensed and enabled by default)', action: 'Get many users' }],
		default: 'getAll',
	},
	...getAll.description,
];
