import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as setUnits from './setUnits.operation';

export { create, getAll, setUnits };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contractService'] } },
		options: [
			{ name: 'Add to Contract', value: 'create', description: 'Add a catalog service to a contract with its units', action: 'Add a service to a contract' },
			{ name: 'Get Many', value: 'getAll', description: "List a contract's services with their current units", action: 'Get many contract services' },
			{ name: 'Set Units', value: 'setUnits', description: 'Change the units of a contract service (posts an adjustment for the difference)', action: 'Set the units of a contract service' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...create.description,
	...setUnits.description,
];
