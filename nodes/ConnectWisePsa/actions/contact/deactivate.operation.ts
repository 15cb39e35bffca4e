import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError, positiveInteger } from '../../../shared/parameters';
import { toContact } from '../../shapes/records';
import type { CwContact } from '../../shapes/types';

const properties: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		default: '={{ $json.contactId }}',
		required: true,
		description: 'The contact to mark inactive; by default taken from each input item. The contact is kept, only its Inactive flag is set.',
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['deactivate'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const contactId = positiveInteger(this.getNodeParameter('contactId', i), 'Contact ID');
	const current = await ctx.client.find<CwContact>(`/company/contacts/${contactId}`, `read contact ${contactId}`);
	if (!current) throw new ItemError(`Contact ${contactId} was not found in ConnectWise PSA`);
	// Read first: a contact someone already deactivated is left untouched (no write, no audit entry).
	const alreadyInactive = current.inactiveFlag === true;
	const contact = alreadyInactive
		? current
		: await ctx.client.send<CwContact>('PATCH', `/company/contacts/${contactId}`, [{ op: 'replace', path: 'inactiveFlag', value: true }], `deactivate contact ${contactId}`);
	const result: 'deactivated' | 'alreadyInactive' = alreadyInactive ? 'alreadyInactive' : 'deactivated';
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray({ ...toContact(contact), inactive: true, result } as never), { itemData: { item: i } });
}
