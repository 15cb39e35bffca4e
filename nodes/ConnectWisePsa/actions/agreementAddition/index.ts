import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { cancel, create, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agreementAddition'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Set the cancelled date of an addition', action: 'Cancel an agreement addition' },
			{ name: 'Create', value: 'create', description: 'Add a product line to an agreement', action: 'Create an agreement addition' },
			{ name: 'Get Many', value: 'getAll', description: 'List the additions of the agreements in the input', action: 'Get many agreement additions' },
			{ name: 'Update', value: 'update', description: 'Change an addition', action: 'Update an agreement addition' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...create.description,
	...update.description,
	...cancel.description,
];
