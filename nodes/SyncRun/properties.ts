import type { INodeProperties } from 'n8n-workflow';

const rows = (name: string, displayName: string, description: string, operation: 'scope' | 'summary'): INodeProperties => ({
	displayName,
	name,
	type: 'json',
	default: '[]',
	description,
	displayOptions: { show: { operation: [operation] } },
});

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Scope', value: 'scope', description: 'Which links and tenants this run syncs, and the company each link bills', action: 'Scope a sync run' },
			{ name: 'Summary', value: 'summary', description: "Add up a run's plan, results, held and not synced items into counts and a text", action: 'Summarize a sync run' },
		],
		default: 'scope',
	},
	{
		displayName: 'Request',
		name: 'request',
		type: 'json',
		default: '{}',
		description: 'The run\'s request: companyId, tenantId (neither: everyone) and dryRun',
		displayOptions: { show: { operation: ['scope'] } },
	},
	rows('companyMap', 'Company Map', 'Rows of m365_company_map: tenantId, companyId, companyName, tenantName', 'scope'),
	rows('links', 'License Links', 'Rows of m365_license_links', 'scope'),
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'json',
		default: '{}',
		description: 'The Scope operation\'s output for this run',
		displayOptions: { show: { operation: ['summary'] } },
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: 'UTC',
		description: 'IANA time zone of the run (Sync settings)',
		displayOptions: { show: { operation: ['summary'] } },
	},
	rows('planned', 'Planned Changes', 'The plan items sent to Apply, in order', 'summary'),
	rows('applied', 'Apply Results', "Apply's results, in the same order", 'summary'),
	rows('unchanged', 'Unchanged', "License Reconcile's Unchanged output", 'summary'),
	rows('held', 'Needs Approval', "License Reconcile's Needs Approval output", 'summary'),
	rows('notSynced', 'Not Synced', "License Reconcile's Not Synced output", 'summary'),
	rows('licenseReadFailures', 'License Read Failures', "The license read's error output", 'summary'),
	rows('lineReadFailures', 'Line Read Failures', "The PSA line read's error output", 'summary'),
	{
		displayName: 'Waited Seconds',
		name: 'waitedSeconds',
		type: 'number',
		default: 0,
		description: 'Seconds the run waited for the lock',
		displayOptions: { show: { operation: ['summary'] } },
	},
	{
		displayName: 'Review Form URL',
		name: 'reviewFormUrl',
		type: 'string',
		default: '',
		description: 'Address of the review form, named in the text when changes need approval',
		displayOptions: { show: { operation: ['summary'] } },
	},
];
