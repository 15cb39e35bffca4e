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
				description: "Write a License Reconcile plan's creates and updates to contract services (before/after per item)",
				action: 'Apply a reconciliation plan',
			},
		],
		default: 'apply',
	},
	...apply.description,
];
