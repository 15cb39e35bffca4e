import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { autoMap, type AutoMapOptions } from './core';
import { toCompanyRows, toMappings, toOutputItems, toTenantRows, type FieldNames } from './items';
import { FIELD_DEFAULTS, properties } from './properties';

type NodeOptions = Partial<Omit<AutoMapOptions, 'extraLegalForms' | 'ignoredWords' | 'extraSharedDomains'>> & {
	extraLegalForms?: string;
	ignoredWords?: string;
	extraSharedDomains?: string;
};

/** An input's items; an input that is connected but got no data reads as empty. */
function itemsOf(context: IExecuteFunctions, input: number): INodeExecutionData[] {
	let items: INodeExecutionData[];
	try {
		items = context.getInputData(input);
	} catch {
		items = [];
	}
	return items ?? [];
}

function wordList(value: string | undefined): string[] {
	return (value ?? '').split(',').map((word) => word.trim()).filter(Boolean);
}

// Not offered as an AI tool: it works on whole input lists (three inputs), not on one call's arguments.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class TenantAutoMap implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tenant Auto-Map',
		name: 'tenantAutoMap',
		icon: { light: 'file:tenantAutoMap.svg', dark: 'file:tenantAutoMap.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: 'Tenants → PSA companies',
		description: 'Match Microsoft 365 tenants to PSA companies by tenant ID, domain and name',
		defaults: { name: 'Tenant Auto-Map' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Tenants', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Companies', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Existing Mappings', required: false },
		],
		// Runs once the tenants arrive, even when there are no companies or mappings yet.
		requiredInputs: [0],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Matched' },
			{ type: NodeConnectionTypes.Main, displayName: 'Needs Review' },
			{ type: NodeConnectionTypes.Main, displayName: 'Unmatched' },
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const fieldNames = this.getNodeParameter('fieldNames', 0, {}) as Record<string, string>;
		// Version 1.1 keeps field names in the Input Field Names collection; version 1 had each as a parameter.
		const version = this.getNode().typeVersion;
		const parameter = (name: string) => {
			const given = String((version >= 1.1 ? fieldNames[name] : this.getNodeParameter(name, 0, '')) ?? '').trim();
			return given === '' ? FIELD_DEFAULTS[name] : given;
		};
		const fields: FieldNames = {
			tenantId: parameter('tenantIdField'),
			tenantName: parameter('tenantNameField'),
			tenantDomains: parameter('tenantDomainsField'),
			companyId: parameter('companyIdField'),
			companyName: parameter('companyNameField'),
			companyWebsite: parameter('companyWebsiteField'),
			companyDomains: parameter('companyDomainsField'),
			companyTenantId: parameter('companyTenantIdField'),
			companyIdentifier: parameter('companyIdentifierField'),
			mappingTenantId: parameter('mappingTenantIdField'),
			mappingCompanyId: parameter('mappingCompanyIdField'),
		};
		const options = this.getNodeParameter('options', 0, {}) as NodeOptions;
		const result = autoMap(
			toTenantRows(itemsOf(this, 0), fields),
			toCompanyRows(itemsOf(this, 1), fields),
			toMappings(itemsOf(this, 2), fields),
			{
				...options,
				extraLegalForms: wordList(options.extraLegalForms),
				ignoredWords: wordList(options.ignoredWords),
				extraSharedDomains: wordList(options.extraSharedDomains),
			},
		);
		return toOutputItems(result);
	}
}
