import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Split Into Batches',
				value: 'split',
				action: 'Split a run into batches of tenants',
				description: 'One item per batch from the scope item of the core (tenants, links, company map); tenants sharing an agreement or company stay together',
			},
			{
				name: 'Add Up Batches',
				value: 'addUp',
				action: 'Add up the batches of a run',
				description: 'One summary from the rows of m365_sync_batches; a batch that failed or did not finish makes its tenants "could not sync"',
			},
			{
				name: 'Outcome',
				value: 'outcome',
				action: 'Add the outcome of a sync to its summary',
				description: 'Adds outcome (status clean, heldForApproval, failures or busy, and the counts) to each summary item, for the executions list',
			},
		],
		default: 'split',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'Tenants per batch (a group of tenants sharing an agreement or company is never cut, so a batch may be larger)',
		displayOptions: { show: { operation: ['split'] } },
	},
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		default: '={{ $execution.id }}',
		description: 'The execution that holds the sync lock; every batch runs only under it',
		displayOptions: { show: { operation: ['split'] } },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether the batches only report what they would change',
		displayOptions: { show: { operation: ['split', 'addUp'] } },
	},
	{
		displayName: 'Waited Seconds',
		name: 'waitedSeconds',
		type: 'number',
		default: 0,
		description: 'How long the run waited for another sync to release the lock',
		displayOptions: { show: { operation: ['addUp'] } },
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'UTC',
		description: 'The time zone of Sync settings, named in the summary',
		displayOptions: { show: { operation: ['addUp'] } },
	},
];
