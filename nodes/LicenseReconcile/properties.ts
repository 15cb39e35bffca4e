import type { INodeProperties } from 'n8n-workflow';
/** Defaults repeat DEFAULT_OPTIONS as literals (n8n's lint wants literals); a test keeps them equal. */
const LINK_FIELDS =
	'<b>Links</b> (one item per link): <code>tenantId</code>, <code>skuIds</code> (list or comma-separated), <code>agreementId</code>, ' +
	'<code>billingProfile</code> (a profile name) — required; SKUs may be given as GUID, part number (SPE_E3) or product name; optional <code>term</code> (P1M, P1Y, P3Y), <code>quantityBasis</code> (purchased, assigned), ' +
	'<code>includedQuantity</code>, <code>minimumQuantity</code>, <code>billingStartDate</code>, <code>prorate</code> (off, increases, increasesAndDecreases), ' +
	'<code>showUsernames</code>, <code>showUnassigned</code>, <code>descriptionTemplate</code>, <code>doNotBill</code>, <code>linkId</code>, ' +
	'<code>companyId</code> and <code>companyName</code> (the company the tenant is mapped to: a link never writes to another company\'s agreement); ' +
	'agreement facts the sync may join on: <code>agreementStatus</code>, <code>agreementProrate</code>, <code>agreementStartDate</code>, ' +
	'<code>billingCycle</code> (Monthly, Quarterly, Annual…), <code>billingPeriodEnd</code>.';

const OTHER_FIELDS =
	'<b>Billing Profiles</b>: <code>name</code>, <code>productIdentifier</code>, <code>billCustomer</code> (one of the Bill Customer Values option; ConnectWise: Billable, DoNotBill, NoCharge), ' +
	'<code>priceMode</code> (catalog, custom), <code>unitPrice</code>, <code>agreementTypes</code>. <b>Licenses</b>: items of the Microsoft Partner Center node. ' +
	'<b>Current Additions</b>: line items of the PSA node (ConnectWise PSA: agreement additions; all lines of the agreements, not only managed ones, so manual lines are noticed); the sync\'s marker is read from <code>marker</code>, else <code>serialNumber</code>. ' +
	'Agreement facts (<code>agreementStatus</code>, <code>agreementProrate</code>, <code>agreementStartDate</code>, <code>billingCycle</code>, <code>agreementCompanyId</code>, ' +
	'<code>agreementCompanyName</code>, <code>agreementType</code>, <code>agreementEndDate</code>, <code>agreementNoEndingDate</code>) are read from every item; ' +
	'an item with <code>kind: "agreement"</code> (an agreement with no additions) gives only facts. Facts on a link win. ' +
	'An item with an <code>error</code> (a read that failed, from "continue on fail") makes the links of that tenant or agreement <b>readFailed</b>: nothing is written for them.';

/** The guards with their defaults, where a user looks first; a test keeps the numbers equal to DEFAULT_OPTIONS. */
export const GUARDS_NOTICE =
	'<b>Held for approval</b> (change the limits under Options): a decrease of more than 10 licenses or 25%, ' +
	'an increase of more than 10 licenses and 50%, a line above 5000 licenses, a count that falls to zero, and a tenant that vanished. ' +
	'The input fields each input reads are listed at the end of this panel.';

export const properties: INodeProperties[] = [
	{ displayName: GUARDS_NOTICE, name: 'guardsNotice', type: 'notice', default: '' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Bill Customer Values',
				name: 'billCustomerValues',
				type: 'string',
				default: 'Billable, DoNotBill, NoCharge',
				description: "The PSA's bill-customer values a billing profile may name, comma-separated, the default first (ConnectWise: Billable, DoNotBill, NoCharge)",
			},
			{
				displayName: 'Decrease Limit (Count)',
				name: 'maxDecreaseCount',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'A decrease of more than this many licenses on one line needs approval',
			},
			{
				displayName: 'Decrease Limit (Percent)',
				name: 'maxDecreasePercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 25,
				description: 'A decrease of more than this share of the current quantity needs approval',
			},
			{
				displayName: 'Description Length Limit',
				name: 'descriptionMaxLength',
				type: 'number',
				typeOptions: { minValue: 50 },
				default: 6000,
				description: "The PSA's limit for an invoice description (ConnectWise: 6000); longer username lists end with \"+N more\"",
			},
			{
				displayName: 'Description Template',
				name: 'descriptionTemplate',
				type: 'string',
				default: '{productName}',
				description:
					'Invoice description for links without their own template. Placeholders: {productName}, {skuPartNumber}, {quantity}, {term}, {tenantName}.',
			},
			{
				displayName: 'Increase Limit (Count)',
				name: 'maxIncreaseCount',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'An increase needs approval when it is more than this many licenses on one line and also more than the percent limit',
			},
			{
				displayName: 'Increase Limit (Percent)',
				name: 'maxIncreasePercent',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 50,
				description: 'An increase needs approval when it is more than this share of the current quantity and also more than the count limit',
			},
			{
				displayName: 'Line Quantity Ceiling',
				name: 'maxLineQuantity',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5000,
				description: 'Creating or changing a line to more than this many licenses needs approval (a typo, a huge minimum)',
			},
			{
				displayName: 'Quantity Basis',
				name: 'quantityBasis',
				type: 'options',
				options: [
					{ name: 'Purchased', value: 'purchased', description: 'Licenses bought (what Microsoft bills)' },
					{ name: 'Assigned', value: 'assigned', description: 'Licenses given to users' },
				],
				default: 'purchased',
				description: 'Used by links that do not set their own basis',
			},
			{
				displayName: 'Reference Date',
				name: 'referenceDate',
				type: 'string',
				default: '',
				placeholder: '2026-03-10',
				description: 'The day the sync runs for (YYYY-MM-DD or a date-time). Empty means today; set it to make a run reproducible.',
			},
			{
				displayName: 'Report Unlinked Licenses',
				name: 'reportUnlinked',
				type: 'boolean',
				default: true,
				description: 'Whether licenses no link covers (a SKU, or a term of a SKU) go to Not Synced so someone links them',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/London',
				description: "IANA time zone in which today's date is taken. Empty means the workflow's time zone (or the instance's); every plan item shows the zone used as timeZone.",
			},
			{
				displayName: 'Username Limit',
				name: 'usernameLimit',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 500,
				description: 'At most this many usernames are listed on a line; the rest become "+N more"',
			},
			{
				displayName: 'When a Count Falls to Zero',
				name: 'onZeroCount',
				type: 'options',
				options: [
					{ name: 'Needs Approval', value: 'needsApproval' },
					{ name: 'Apply', value: 'apply' },
					{ name: 'Skip', value: 'skip', description: 'Leave the line as it is (Not Synced)' },
				],
				default: 'needsApproval',
			},
			{
				displayName: 'When a Tenant Vanishes',
				name: 'onVanishedTenant',
				type: 'options',
				options: [
					{ name: 'Needs Approval', value: 'needsApproval' },
					{ name: 'Apply', value: 'apply', description: 'Count the tenant as zero licenses' },
					{ name: 'Skip', value: 'skip', description: 'Leave the line as it is (Not Synced)' },
				],
				default: 'needsApproval',
				description: 'What to do when a linked tenant has no licenses in the input (gone from Partner Center, or access lost)',
			},
		],
	},
	{ displayName: LINK_FIELDS, name: 'linkFieldsNotice', type: 'notice', default: '' },
	{ displayName: OTHER_FIELDS, name: 'inputFieldsNotice', type: 'notice', default: '' },
];
