import type { INodeProperties } from 'n8n-workflow';

const rows = (name: string, displayName: string, description: string, operations: string[]): INodeProperties => ({
	displayName,
	name,
	type: 'json',
	default: '[]',
	description,
	displayOptions: { show: { operation: operations } },
});

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Review Step',
				value: 'reviewStep',
				description: 'The next page of the Review held-back changes form: groups, pages of held changes, decisions to apply',
				action: 'Take the next review step',
			},
			{
				name: 'Company Overview Step',
				value: 'overviewStep',
				description: 'The next page of the company license overview form: find a company, its licenses, link edits, Sync now',
				action: 'Take the next overview step',
			},
		],
		default: 'reviewStep',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'json',
		default: '={{ $json.event ?? {} }}',
		description: 'What the person answered on the last page (or what Approve changes, a link write or the sync answered)',
	},
	{
		displayName: 'Session',
		name: 'session',
		type: 'json',
		default: '={{ $json.session ?? null }}',
		description: 'What the form remembers between pages (null on the first page)',
	},
	rows('companyMap', 'Company Map', 'Rows of m365_company_map', ['reviewStep', 'overviewStep']),
	rows('approvals', 'Pending Approvals', 'Rows of m365_approvals with status pending', ['reviewStep', 'overviewStep']),
	{
		displayName: 'Changes per Page',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 15,
		description: 'How many held changes one page shows',
		displayOptions: { show: { operation: ['reviewStep'] } },
	},
	rows('links', 'License Links', 'Rows of m365_license_links (with their row ID)', ['overviewStep']),
	rows('profiles', 'Billing Profiles', 'Rows of m365_billing_profiles', ['overviewStep']),
	rows('audit', 'Sync Audit', 'Rows of m365_sync_audit for the company', ['overviewStep']),
	rows('licenses', 'Licenses', 'License rows of the company\'s tenants from the Microsoft Partner Center node (failure rows included)', ['overviewStep']),
	rows('lines', 'Agreement Lines', 'Lines of the PSA nodes (ConnectWise agreement additions, Autotask contract services; failure rows included), each with the psa it was read in: connectwise (the default) or autotask', ['overviewStep']),
	{
		displayName: 'Sync Result',
		name: 'syncResult',
		type: 'json',
		default: 'null',
		description: 'What the core answered to the last Sync now for this company',
		displayOptions: { show: { operation: ['overviewStep'] } },
	},
];
