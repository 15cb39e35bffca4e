import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contractCategory'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List contract categories (what billing profiles call agreement types)', action: 'Get many contract categories' }],
		default: 'getAll',
	},
	...getAll.description,
];
