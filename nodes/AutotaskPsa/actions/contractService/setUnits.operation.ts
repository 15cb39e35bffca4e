import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError, withIdentity } from '../../../shared/itemError';
import { locatorId, positiveInteger } from '../../../shared/parameters';
import { concurrencyOption, contractLocator } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { adjustTo, readUnits } from '../../helpers/units';
import type { AtContractService } from '../../shapes/types';

const properties: INodeProperties[] = [
	contractLocator('The contract the service is on'),
	{ displayName: 'Contract Service ID', name: 'contractServiceId', type: 'string', default: '', required: true, placeholder: 'e.g. 5012', description: 'The service on the contract whose units to set' },
	{ displayName: 'Units', name: 'units', type: 'number', typeOptions: { minValue: 0 }, default: 1, required: true, description: 'The units the service should have from the effective date; the node posts the difference as an adjustment (nothing when already there)' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{ displayName: 'Effective Date', name: 'effectiveDate', type: 'dateTime', default: '', description: 'First day the new units bill (default: today); Autotask prorates the change for the period' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contractService'], operation: ['setUnits'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = locatorId.call(this, 'agreementId', i, 'Contract')!;
	const contractServiceId = positiveInteger(this.getNodeParameter('contractServiceId', i), 'Contract Service ID');
	const units = Number(this.getNodeParameter('units', i, 0));
	if (!Number.isInteger(units) || units < 0) throw new ItemError(`Units must be a whole number of 0 or more, got ${units}`);
	const effective = this.getNodeParameter('options.effectiveDate', i, '') as string;
	const effectiveDate = effective ? String(effective).slice(0, 10) : ctx.today;
	return paired(
		this,
		await withIdentity({ agreementId, additionId: contractServiceId }, async () => {
			const record = await ctx.client.find<AtContractService>(`/ContractServices/${contractServiceId}`, `read contract service ${contractServiceId}`);
			if (!record || record.contractID !== agreementId) throw new ItemError(`Contract service ${contractServiceId} is not on contract ${agreementId}`);
			// Read right before the adjustment: the adjustment is a delta.
			const current = await readUnits(ctx.client, contractServiceId, effectiveDate);
			const change = await adjustTo(ctx.client, agreementId, contractServiceId, current, units, effectiveDate);
			return { agreementId, additionId: contractServiceId, result: change.posted ? 'updated' : 'unchanged', ...change };
		}),
		i,
	);
}
