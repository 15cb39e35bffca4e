import type { INodeProperties } from 'n8n-workflow';

function field(displayName: string, name: string, defaultValue: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: defaultValue, description };
}

/** Where each input's fields are; the defaults are what our Partner Center and ConnectWise PSA nodes emit. */
const FIELD_OPTIONS: INodeProperties[] = [
	field('Company Domains Field', 'companyDomainsField', 'domains', 'Field of a company item holding further domains, such as its contacts\' e-mail domains; weaker evidence than the website, and none when several companies list the same domain'),
	field('Company ID Field', 'companyIdField', 'companyId', 'Field of a company item holding its PSA ID'),
	field('Company Identifier Field', 'companyIdentifierField', 'identifier', 'Field of a company item holding its short name (ConnectWise identifier), often the customer\'s abbreviation; a tenant named like it is name evidence. Leave the default when there is none'),
	field('Company Name Field', 'companyNameField', 'name', 'Field of a company item holding its name'),
	field('Company Tenant ID Field', 'companyTenantIdField', 'tenantId', 'Field of a company item holding a Microsoft tenant ID recorded in the PSA (a custom field); the strongest evidence'),
	field('Company Website Field', 'companyWebsiteField', 'website', 'Field of a company item holding its website'),
	field('Mapping Company ID Field', 'mappingCompanyIdField', 'companyId', 'Field of an existing mapping item holding the company ID'),
	field('Mapping Tenant ID Field', 'mappingTenantIdField', 'tenantId', 'Field of an existing mapping item holding the tenant ID'),
	field('Tenant Domains Field', 'tenantDomainsField', 'domains', 'Field of a tenant item holding its domains (a list, or text separated by commas)'),
	field('Tenant ID Field', 'tenantIdField', 'tenantId', 'Field of a tenant item holding its Microsoft tenant ID'),
	field('Tenant Name Field', 'tenantNameField', 'name', 'Field of a tenant item holding its name'),
];

/** Field parameter name → default field name. */
export const FIELD_DEFAULTS: Readonly<Record<string, string>> = Object.freeze(
	Object.fromEntries(FIELD_OPTIONS.map((option) => [option.name, String(option.default)])),
);

/**
 * Field names default to what our Partner Center and ConnectWise PSA nodes emit.
 * Option defaults repeat DEFAULT_OPTIONS as literals (the editor needs literals); a test keeps them equal.
 */
export const properties: INodeProperties[] = [
	{
		displayName:
			'Matches tenants (input 1) to PSA companies (input 2) by the tenant ID recorded on a company, shared domains, then names. Tenants in Existing Mappings (input 3) are skipped.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Allow One Company for Several Tenants',
				name: 'allowSharedCompany',
				type: 'boolean',
				default: false,
				description: 'Whether a company may be matched to more than one tenant',
			},
			{
				displayName: 'Confidence Margin',
				name: 'confidenceMargin',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.1,
				description: 'How far a match must be ahead of the runner-up (for both the tenant and the company) to count as confident',
			},
			{
				displayName: 'Confidence Threshold',
				name: 'confidenceThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.8,
				description: 'Lowest score (0–1) of a confident match; anything lower goes to Needs Review',
			},
			{
				displayName: 'Extra Legal Forms',
				name: 'extraLegalForms',
				type: 'string',
				default: '',
				placeholder: 'e.g. sp. j., e.U.',
				description: 'Further legal forms, separated by commas, stripped from the end of names like "Ltd" or "GmbH"; write them as they appear in names (several words and dots are fine, e.g. "sp. z o.o."). Many forms are built in (Pty Ltd, GmbH & Co. KG, S.A. de C.V., Sp. z o.o., s.r.o., Kft., ApS, A/S, Oy, AS, K.K. / Kabushiki Kaisha in front, S.p.A. and more).',
			},
			{
				displayName: 'Extra Shared Domains',
				name: 'extraSharedDomains',
				type: 'string',
				default: '',
				placeholder: 'e.g. mybookkeeper.com, localisp.net',
				description: 'Domains, separated by commas, that never prove a match, on top of the built-in free mail and ISP domains (gmail, outlook, hotmail, yahoo, bigpond, optusnet, shaw.ca, comcast.net, btinternet, t-online.de, orange.fr, web.de, gmx and more). Use it for a firm whose staff are contacts at many clients.',
			},
			{
				displayName: 'Ignored Words',
				name: 'ignoredWords',
				type: 'string',
				default: '',
				placeholder: 'e.g. test, old',
				description: 'Words, separated by commas, left out of names wherever they appear',
			},
			{
				displayName: 'Include Already Mapped Tenants',
				name: 'includeMappedTenants',
				type: 'boolean',
				default: false,
				description: 'Whether tenants that already have a mapping are matched again, to further companies (existing mappings are never repeated)',
			},
			{
				displayName: 'Output Companies Without Tenant',
				name: 'includeUnmatchedCompanies',
				type: 'boolean',
				default: false,
				description: 'Whether companies that no tenant was matched or suggested to go to the Unmatched output',
			},
			{
				displayName: 'Review Threshold',
				name: 'reviewThreshold',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 0.7,
				description: 'Lowest score (0–1) of a company worth suggesting; a tenant with no company at this score goes to Unmatched with the reason. Lower it to see more, weaker suggestions (more tenants that have no company land in Needs Review); raise it to send more tenants to Unmatched (some with a misspelt or shortened name too). 0.7 sent 95–98 % of tenants without a company to Unmatched on the evaluation sets while keeping every tenant with a company.',
			},
		],
	},
	{
		displayName: 'Input Field Names',
		name: 'fieldNames',
		type: 'collection',
		placeholder: 'Add Field Name',
		default: {},
		description: 'Where the fields are in your items, when they do not come straight from the Microsoft Partner Center and ConnectWise PSA nodes (those need nothing here)',
		options: FIELD_OPTIONS,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	// Version 1 kept each field name as a parameter of its own, above everything else.
	...FIELD_OPTIONS.map((option) => ({ ...option, displayOptions: { show: { '@version': [1] } } })),
];
