import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { MANAGED_MARKER } from '../../../shared/managedMarker';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import * as check from '../../helpers/checks';
import { positiveInteger } from '../../../shared/parameters';
import { toCwDate } from '../../shapes/dates';
import { toAddition } from '../../shapes/records';
import type { CwAddition } from '../../shapes/types';
import { agreementIdFields, productFields } from './agreementIdField';

const billCustomerOptions = check.BILL_CUSTOMER.map((b) => ({ name: b === 'DoNotBill' ? 'Do Not Bill' : b === 'NoCharge' ? 'No Charge' : b, value: b }));

const properties: INodeProperties[] = [
	...agreementIdFields,
	...productFields,
	{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, required: true, description: 'Seats the line bills' },
	{ displayName: 'Bill Customer', name: 'billCustomer', type: 'options', default: 'Billable', options: billCustomerOptions, description: 'Whether ConnectWise bills the line: Billable, Do Not Bill, or No Charge (shown on the invoice at 0)' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Internal description of the line (default: the catalog description)' },
			{ displayName: 'Effective Date', name: 'effectiveDate', type: 'string', default: '', placeholder: 'YYYY-MM-DD', description: 'Defaults to today (UTC)' },
			{ displayName: 'Invoice Description', name: 'invoiceDescription', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'What the invoice shows for the line (e.g. the licensed usernames)' },
			{ displayName: 'Less Included', name: 'lessIncluded', type: 'number', default: 0, description: 'Seats included in the agreement and not billed' },
			{ displayName: 'Mark as Managed', name: 'markAsManaged', type: 'boolean', default: true, description: 'Whether to set the serial number to the managed marker so the sync maintains this line' },
			{ displayName: 'Prorate Current Period', name: 'prorateCurrentPeriod', type: 'boolean', default: false, description: 'Whether ConnectWise prorates the current billing period for the new line' },
			{ displayName: 'Unit Price', name: 'unitPrice', type: 'number', default: 0, description: 'Leave out to use the catalog price' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['agreementAddition'], operation: ['create'] } }, properties);

interface AdditionalFields {
	description?: string;
	effectiveDate?: string;
	invoiceDescription?: string;
	lessIncluded?: number;
	markAsManaged?: boolean;
	prorateCurrentPeriod?: boolean;
	unitPrice?: number;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = positiveInteger(this.getNodeParameter('agreementId', i, undefined, { extractValue: true }), 'Agreement ID');
	const fields = this.getNodeParameter('additionalFields', i, {}) as AdditionalFields;
	const qty = check.quantity(this.getNodeParameter('quantity', i));
	const lessIncluded = check.quantity(fields.lessIncluded ?? 0, 'Less included');
	const invoiceDescription = check.invoiceDescription(fields.invoiceDescription);
	const billCustomer = check.billCustomer(this.getNodeParameter('billCustomer', i));
	const effectiveDate = check.day(fields.effectiveDate?.trim() || new Date().toISOString().slice(0, 10), 'Effective date');
	const unitPrice = fields.unitPrice === undefined ? undefined : check.quantity(fields.unitPrice, 'Unit price');
	const agreement = await check.activeAgreement(ctx, agreementId);
	const product = await check.catalogProduct(ctx, this.getNodeParameter('productIdentifier', i, '', { extractValue: true }));

	const body: Record<string, unknown> = {
		product: { id: product.id },
		quantity: qty,
		lessIncluded,
		billCustomer,
		effectiveDate: toCwDate(effectiveDate),
		invoiceDescription,
		unitPrice: unitPrice ?? product.price,
		prorateCurrentPeriodFlag: fields.prorateCurrentPeriod === true,
		...(fields.description ? { description: fields.description } : {}),
		...(fields.markAsManaged === false ? {} : { serialNumber: MANAGED_MARKER }),
	};
	const created = await ctx.client.send<CwAddition>('POST', `/finance/agreements/${agreementId}/additions`, body, `create an addition on agreement ${agreementId}`);
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(toAddition(created, agreementId, agreement) as never), { itemData: { item: i } });
}
