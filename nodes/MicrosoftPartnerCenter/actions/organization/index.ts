import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [{ name: 'Get', value: 'get', description: 'Get the organization (name and verified domains) of the tenant in each input item', action: 'Get an organization' }],
		default: 'get',
	},
	...get.description,
];
