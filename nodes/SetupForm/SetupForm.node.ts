import { NodeConnectionTypes, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import {
	agreementClash,
	agreementLinks,
	agreementStep,
	autotaskAgreementRows,
	companyChoices,
	countReads,
	groupPage,
	licensesPage,
	splitStep,
	linkRow,
	onboardingStep,
	previewPage,
	psaOf,
	type AgreementRow,
	type CountRead,
	type LinkRow,
	type MapRow,
	type OnboardingProgress,
	type ProfileRow,
	type ReviewCompany,
	type ReviewList,
	type SplitProgress,
	type SplitTenant,
} from './core';
import { properties } from './properties';

/** A JSON parameter: an expression gives the value itself, a typed-in value is JSON text. */
function jsonParameter<T>(context: IExecuteFunctions, name: string, fallback: T): T {
	const value = context.getNodeParameter(name, 0, fallback) as unknown;
	if (typeof value !== 'string') return (value ?? fallback) as T;
	if (value.trim() === '') return fallback;
	try {
		return JSON.parse(value) as T;
	} catch {
		throw new NodeOperationError(context.getNode(), `Parameter "${name}" is not valid JSON`, { description: value.slice(0, 200) });
	}
}

function listParameter<T>(context: IExecuteFunctions, name: string): T[] {
	const value = jsonParameter<unknown>(context, name, []);
	if (!Array.isArray(value)) throw new NodeOperationError(context.getNode(), `Parameter "${name}" must be a list`);
	return value.filter((row) => row !== null && typeof row === 'object' && Object.keys(row as object).length > 0) as T[];
}

/** Domain names (a list of text): empty entries dropped. */
function domainsParameter(context: IExecuteFunctions): string[] {
	const value = jsonParameter<unknown>(context, 'verifiedDomains', []);
	if (!Array.isArray(value)) throw new NodeOperationError(context.getNode(), 'Parameter "verifiedDomains" must be a list of domain names');
	return value.filter((domain): domain is string => typeof domain === 'string' && domain.trim() !== '');
}

/** The agreements of both PSAs, each row saying which PSA listed it (their ids are each PSA's own). */
function agreementsParameter(context: IExecuteFunctions): AgreementRow[] {
	return [...listParameter<AgreementRow>(context, 'agreements').map((row) => ({ ...row, psa: 'connectwise' })), ...autotaskAgreementRows(listParameter(context, 'autotaskContracts'))];
}

/** The company map rows of the company's tenant (the other companies of a split tenant). */
function tenantRows(mapRows: MapRow[], company: MapRow): MapRow[] {
	return mapRows.filter((row) => String(row.tenantId ?? '').toLowerCase() === String(company.tenantId ?? '').toLowerCase());
}

// Builds form pages inside a form session; not something an AI agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SetupForm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'M365 Setup Form',
		name: 'setupForm',
		icon: { light: 'file:setupForm.svg', dark: 'file:setupForm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Pages of the onboarding and link licenses forms for hundreds of tenants: paging, suggestions in words, company search, previews',
		defaults: { name: 'M365 Setup Form' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const input = this.getInputData()[0]?.json ?? {};
		const out = (json: unknown): INodeExecutionData[][] => [[{ json: json as IDataObject, pairedItem: { item: 0 } }]];
		try {
			switch (operation) {
				case 'onboardingStep': {
					const list = jsonParameter<ReviewList>(this, 'reviewList', { autoSaved: 0, tenants: [], companies: [] });
					const progress = jsonParameter<OnboardingProgress | null>(this, 'progress', null);
					const settings = {
						pageSize: this.getNodeParameter('pageSize', 0, 20) as number,
						excludeTypes: String(this.getNodeParameter('excludeCompanyTypes', 0, 'Owner')).split(','),
						now: String(this.getNodeParameter('now', 0, '')),
					};
					return out(onboardingStep(list, settings, progress, input));
				}
				case 'splitStep': {
					const tenants = listParameter<Record<string, unknown>>(this, 'tenants').map((t): SplitTenant => ({ tenantId: String(t.tenantId ?? '').toLowerCase(), tenantName: String(t.tenantName ?? t.name ?? t.tenantId), defaultDomain: String(t.defaultDomain ?? '') }));
					return out(splitStep({
						tenants,
						companies: listParameter<ReviewCompany>(this, 'companies'),
						mapRows: listParameter(this, 'mapRows'),
						search: String(this.getNodeParameter('tenantSearch', 0, '')),
						now: String(this.getNodeParameter('now', 0, '')),
						reads: listParameter(this, 'reads'),
						psa: String(this.getNodeParameter('psa', 0, '')),
					}, jsonParameter<SplitProgress | null>(this, 'progress', null), input));
				}
				case 'linkCompanies':
					return out(companyChoices(listParameter<MapRow>(this, 'mapRows'), agreementsParameter(this), listParameter<ProfileRow>(this, 'profiles'), String(this.getNodeParameter('search', 0, ''))));
				case 'linkAgreement': {
					const name = String(this.getNodeParameter('billingProfile', 0, ''));
					const profile = listParameter<ProfileRow>(this, 'profiles').find((p) => p.name === name);
					return out(agreementStep(jsonParameter<MapRow>(this, 'company', {} as MapRow), profile, agreementsParameter(this)));
				}
				case 'linkCountReads': {
					const company = jsonParameter<MapRow>(this, 'company', {} as MapRow);
					const skuIds = listParameter<{ skuId?: string; countKind?: string }>(this, 'licenses').filter((l) => l.skuId && !l.countKind).map((l) => String(l.skuId));
					const reads = countReads(company, tenantRows(listParameter<MapRow>(this, 'mapRows'), company), domainsParameter(this), skuIds);
					return [reads.map((json) => ({ json: json as unknown as IDataObject, pairedItem: { item: 0 } }))];
				}
				case 'linkLicensesPage': {
					const company = jsonParameter<MapRow>(this, 'company', {} as MapRow);
					return out(licensesPage({
						company,
						tenantRows: tenantRows(listParameter<MapRow>(this, 'mapRows'), company),
						licenses: listParameter(this, 'licenses'),
						domains: domainsParameter(this),
						requests: listParameter<CountRead>(this, 'countReads'),
						reads: listParameter(this, 'countRows'),
						links: listParameter(this, 'links'),
						profiles: listParameter<ProfileRow>(this, 'profiles'),
					}));
				}
				case 'linkGroupPage':
					return out({ page: groupPage(jsonParameter<MapRow>(this, 'company', {} as MapRow), listParameter(this, 'groups'), String(this.getNodeParameter('groupSearch', 0, ''))) });
				case 'linkRow':
					return out(linkRow(jsonParameter<MapRow>(this, 'company', {} as MapRow), String(this.getNodeParameter('license', 0, '')), String(this.getNodeParameter('billingProfile', 0, '')), input, {
						group: String(this.getNodeParameter('group', 0, '')),
						domains: String(this.getNodeParameter('domains', 0, '')),
					}));
				case 'linkAgreementLinks':
				{
					const link = jsonParameter<LinkRow>(this, 'link', {} as LinkRow);
					const psa = psaOf(jsonParameter<MapRow>(this, 'company', {} as MapRow));
					const [links, mapRows] = [listParameter<Record<string, unknown>>(this, 'links'), listParameter<Record<string, unknown>>(this, 'mapRows')];
					return out({ links: agreementLinks(link, psa, links, mapRows), clash: agreementClash(link, psa, links, mapRows) });
				}
				case 'linkPreview':
					return out({ page: previewPage(listParameter(this, 'plan'), jsonParameter<LinkRow>(this, 'link', {} as LinkRow), listParameter(this, 'additions'), listParameter(this, 'licenses'), psaOf(jsonParameter<MapRow>(this, 'company', {} as MapRow)), String(this.getNodeParameter('clash', 0, ''))) });
				default:
					throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
			}
		} catch (error) {
			// Bad input from a form (an answer the page never offered): name it, stop the session.
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
		}
	}
}
