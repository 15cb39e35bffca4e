import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['service'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List catalog services (what a contract service bills)', action: 'Get many services' }],
		default: 'getAll',
	},
	...getAll.description,
];
