import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agreementType'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List agreement types', action: 'Get many agreement types' }],
		default: 'getAll',
	},
	...getAll.description,
];
