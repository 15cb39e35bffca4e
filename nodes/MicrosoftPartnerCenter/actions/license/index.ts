import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['license'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'Get the licenses (subscribed SKUs) of the tenant in each input item', action: 'Get many licenses' }],
		default: 'getAll',
	},
	...getAll.description,
];
