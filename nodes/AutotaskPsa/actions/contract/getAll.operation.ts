import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorId, readLimit } from '../../../shared/parameters';
import { companyLocator, concurrencyOptions, returnAllAndLimit } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { withIdentity } from '../../../shared/itemError';
import { paired } from '../../helpers/output';
import { eq, type Filter } from '../../transport';
import { toContract } from '../../shapes/records';
import type { AtContract } from '../../shapes/types';

const properties: INodeProperties[] = [
	companyLocator(false, 'The company whose contracts to list (empty: every company)'),
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Active Only', name: 'activeOnly', type: 'boolean', default: false, description: 'Whether to list only contracts whose status is Active' },
			{ displayName: 'Category', name: 'category', type: 'string', default: '', placeholder: 'M365 Monthly', description: 'Contract category name (what billing profiles call the agreement type)' },
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', description: 'Only contracts whose name contains this text' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contract'], operation: ['getAll'] } }, properties);

interface Filters {
	activeOnly?: boolean;
	category?: string;
	name?: string;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company', false);
	const limit = readLimit.call(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as Filters;
	const read = async () => {
		const picklists = await ctx.lookups.contractPicklists();
		const category = filters.category?.trim().toLowerCase();
		const categoryValue = category ? Object.entries(picklists.contractCategory ?? {}).find(([, name]) => name.toLowerCase() === category)?.[0] : undefined;
		// An unknown category matches no contract: it is not dropped from the filter.
		if (category && categoryValue === undefined) return [];
		const query: Filter[] = [
			...(companyId ? [eq('companyID', companyId)] : []),
			...(filters.activeOnly ? [eq('status', 1)] : []),
			...(categoryValue !== undefined ? [eq('contractCategory', Number(categoryValue))] : []),
			...(filters.name?.trim() ? [{ op: 'contains', field: 'contractName', value: filters.name.trim() } as Filter] : []),
		];
		const contracts = await ctx.client.query<AtContract>('Contracts', query, { limit, action: companyId ? `list the contracts of company ${companyId}` : 'list contracts' });
		const names = new Map<number, string | null>();
		for (const id of new Set(contracts.map((contract) => contract.companyID).filter((id): id is number => !!id))) names.set(id, (await ctx.lookups.company(id))?.companyName ?? null);
		return contracts.map((contract) => toContract(contract, picklists, names.get(contract.companyID ?? 0) ?? null, ctx.today));
	};
	return paired(this, companyId ? await withIdentity({ companyId }, read) : await read(), i);
}
