import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['gdapRelationship'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List the partner’s GDAP relationships with customers', action: 'Get many GDAP relationships' }],
		default: 'getAll',
	},
	...getAll.description,
];
