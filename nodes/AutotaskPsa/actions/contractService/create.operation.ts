import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { MANAGED_MARKER } from '../../../shared/managedMarker';
import { ItemError, withIdentity } from '../../../shared/itemError';
import { locatorId } from '../../../shared/parameters';
import { concurrencyOption, contractLocator, serviceLocator } from '../common.descriptions';
import { linesOf, type OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { adjustTo } from '../../helpers/units';

const properties: INodeProperties[] = [
	contractLocator('The recurring service contract to add the service to'),
	serviceLocator('The catalog service to add'),
	{ displayName: 'Units', name: 'units', type: 'number', typeOptions: { minValue: 0 }, default: 1, required: true, description: 'Units from the effective date (set through a contract service adjustment)' },
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Effective Date', name: 'effectiveDate', type: 'dateTime', default: '', description: 'First day the units bill (default: today)' },
			{ displayName: 'Invoice Description', name: 'invoiceDescription', type: 'string', default: '', description: 'What the invoice shows for the service (e.g. the licensed usernames)' },
			{ displayName: 'Mark as Managed', name: 'markAsManaged', type: 'boolean', default: true, description: 'Whether to write the marker m365-license-sync into the internal description, so the sync maintains the service' },
			{ displayName: 'Unit Price', name: 'unitPrice', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0, description: "Price per unit (0 or empty: the service's catalog price)" },
		],
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [concurrencyOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['contractService'], operation: ['create'] } }, properties);

interface Fields {
	effectiveDate?: string;
	invoiceDescription?: string;
	markAsManaged?: boolean;
	unitPrice?: number;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = locatorId.call(this, 'agreementId', i, 'Contract')!;
	const serviceId = locatorId.call(this, 'serviceId', i, 'Service')!;
	const units = Number(this.getNodeParameter('units', i, 0));
	if (!Number.isInteger(units) || units < 0) throw new ItemError(`Units must be a whole number of 0 or more, got ${units}`);
	const fields = this.getNodeParameter('fields', i, {}) as Fields;
	const effectiveDate = fields.effectiveDate ? String(fields.effectiveDate).slice(0, 10) : ctx.today;
	return paired(
		this,
		await withIdentity({ agreementId }, async () => {
			const service = (await ctx.lookups.services([serviceId])).get(serviceId);
			if (!service) throw new ItemError(`Service ${serviceId} was not found in Autotask PSA`);
			const existing = (await ctx.readContract(agreementId)).records.find((record) => record.serviceID === serviceId);
			// Never a second line for a service: a rerun after a lost answer must not add it twice.
			if (existing) throw new ItemError(`Service ${serviceId} is already on contract ${agreementId} (contract service ${existing.id})`, 'Change its units with Contract Service → Set Units instead.');
			const contractServiceId = await ctx.client.create(
				`/Contracts/${agreementId}/Services`,
				{
					contractID: agreementId,
					serviceID: serviceId,
					unitPrice: fields.unitPrice ? fields.unitPrice : (service.unitPrice ?? 0),
					...(fields.invoiceDescription ? { invoiceDescription: fields.invoiceDescription } : {}),
					...(fields.markAsManaged !== false ? { internalDescription: MANAGED_MARKER } : {}),
				},
				`add service ${serviceId} to contract ${agreementId}`,
			);
			const change = await withIdentity({ additionId: contractServiceId }, async () => await adjustTo(ctx.client, agreementId, contractServiceId, 0, units, effectiveDate));
			const line = linesOf(await ctx.readContract(agreementId), ctx.today).find((candidate) => candidate.additionId === contractServiceId);
			return { ...line, result: 'created', unitChange: change };
		}),
		i,
	);
}
