import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError } from '../../../shared/itemError';
import { positiveInteger } from '../../../shared/parameters';
import { concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { toContact } from '../../shapes/records';
import type { AtContact } from '../../shapes/types';

const properties: INodeProperties[] = [
	{ displayName: 'Contact ID', name: 'contactId', type: 'string', default: '', required: true, placeholder: 'e.g. 1042', description: 'The contact to mark inactive (it is kept, only its Active flag is cleared)' },
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['deactivate'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const contactId = positiveInteger(this.getNodeParameter('contactId', i), 'Contact ID');
	const contact = await ctx.client.find<AtContact>(`/Contacts/${contactId}`, `read contact ${contactId}`);
	if (!contact?.companyID) throw new ItemError(`Contact ${contactId} was not found in Autotask PSA`);
	const active = !(contact.isActive === 0 || contact.isActive === false);
	// Contacts are changed through their company (PATCH /Companies/{id}/Contacts).
	if (active) await ctx.client.update(`/Companies/${contact.companyID}/Contacts`, { id: contactId, isActive: 0 }, `deactivate contact ${contactId}`);
	return paired(this, { ...toContact({ ...contact, isActive: 0 }), result: active ? 'deactivated' : 'unchanged' }, i);
}
