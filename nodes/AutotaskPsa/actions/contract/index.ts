import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contract'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a contract with its agreement facts', action: 'Get a contract' },
			{ name: 'Get Many', value: 'getAll', description: "List a company's contracts with status, category, dates and billing period", action: 'Get many contracts' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
];
