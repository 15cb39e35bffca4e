import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as grantConsent from './grantConsent.operation';

export { get, getAll, grantConsent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a customer (tenant)', action: 'Get a customer' },
			{ name: 'Get Many', value: 'getAll', description: 'List the partner’s customers (tenants)', action: 'Get many customers' },
			{
				name: 'Grant App Consent',
				value: 'grantConsent',
				description: "Consent this app in each input item's customer tenant (Graph User.Read.All, Organization.Read.All), needed for Graph reads through GDAP; an existing consent is fine",
				action: 'Grant app consent in a customer tenant',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...grantConsent.description,
];
