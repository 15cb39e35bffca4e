import type { INodeProperties } from 'n8n-workflow';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: "List the Entra groups of the tenant in each input item (Graph through GDAP, GroupMember.Read.All), e.g. to pick one for a group count", action: 'Get many groups' }],
		default: 'getAll',
	},
	...getAll.description,
];
