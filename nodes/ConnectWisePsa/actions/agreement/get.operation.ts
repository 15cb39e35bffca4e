import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { agreementLocator, companyLocator, concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError, locatorId } from '../../../shared/parameters';
import { toAgreement } from '../../shapes/records';

const properties: INodeProperties[] = [
	companyLocator(false, 'Narrows the agreement list to this company'),
	agreementLocator('The agreement to read, by name or by its ID'),
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['agreement'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = locatorId.call(this, 'agreementId', i, 'Agreement')!;
	const companyId = locatorId.call(this, 'companyId', i, 'Company', false);
	const agreement = await ctx.lookups.agreement(agreementId);
	if (!agreement) throw new ItemError(`Agreement ${agreementId} was not found in ConnectWise PSA`);
	if (companyId !== undefined && agreement.company?.id !== companyId) {
		throw new ItemError(`Agreement ${agreementId} belongs to company ${agreement.company?.id ?? 'unknown'}, not to company ${companyId}`);
	}
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(toAgreement(agreement) as never), { itemData: { item: i } });
}
