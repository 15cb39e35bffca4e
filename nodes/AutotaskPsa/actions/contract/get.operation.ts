import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError, withIdentity } from '../../../shared/itemError';
import { locatorId } from '../../../shared/parameters';
import { concurrencyOptions, contractLocator } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { toContract, type Contract } from '../../shapes/records';

const properties: INodeProperties[] = [contractLocator('The contract to read, by name or by its ID'), concurrencyOptions];

export const description = updateDisplayOptions({ show: { resource: ['contract'], operation: ['get'] } }, properties);

export async function readContract(ctx: OperationContext, contractId: number): Promise<Contract> {
	const contract = await ctx.lookups.contract(contractId);
	if (!contract) throw new ItemError(`Contract ${contractId} was not found in Autotask PSA`);
	const company = contract.companyID ? await ctx.lookups.company(contract.companyID) : undefined;
	return toContract(contract, await ctx.lookups.contractPicklists(), company?.companyName ?? null, ctx.today);
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = locatorId.call(this, 'agreementId', i, 'Contract')!;
	return paired(this, await withIdentity({ agreementId }, async () => await readContract(ctx, agreementId)), i);
}
