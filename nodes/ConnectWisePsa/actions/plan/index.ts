import type { INodeProperties } from 'n8n-workflow';
import * as apply from './apply.operation';

export { apply };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['plan'] } },
		options: [
			{
				name: 'Apply',
				value: 'apply',
				description: 'Write the create and update items of a License Reconcile plan',
				action: 'Apply a reconcile plan',
			},
		],
		default: 'apply',
	},
	...apply.description,
];
