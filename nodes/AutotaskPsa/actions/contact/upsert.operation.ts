import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError } from '../../../shared/itemError';
import { locatorId } from '../../../shared/parameters';
import { companyLocator, concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { eq } from '../../transport';
import { toContact } from '../../shapes/records';
import type { AtContact } from '../../shapes/types';

const properties: INodeProperties[] = [
	companyLocator(true, 'The company the contact belongs to'),
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', required: true, description: 'The contact is found by this address within the company' },
	{
		displayName: 'Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Blank values never overwrite what is in the PSA',
		options: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'Written when it differs from the stored one' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'Written when it differs from the stored one' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, properties);

type ContactFields = { firstName?: string; lastName?: string };

/** Only non-blank incoming values that differ, and an inactive contact made active again. */
export function contactChanges(current: AtContact, incoming: ContactFields): Record<string, string | number> {
	const changes: Record<string, string | number> = {};
	for (const field of ['firstName', 'lastName'] as const) {
		const value = incoming[field]?.trim();
		if (value && value !== (current[field] ?? '').trim()) changes[field] = value;
	}
	if (current.isActive === 0 || current.isActive === false) changes.isActive = 1;
	return changes;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const email = String(this.getNodeParameter('email', i, '') ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ItemError(`"${email}" is not an email address`);
	const incoming = this.getNodeParameter('contactFields', i, {}) as ContactFields;
	const found = await ctx.client.query<AtContact>('Contacts', [eq('companyID', companyId), eq('emailAddress', email)], { limit: 2, action: `find contact ${email}` });
	let result: 'created' | 'updated' | 'unchanged';
	let contactId: number;
	if (found.length === 0) {
		// Autotask requires both names: the address stands in for a missing one.
		const body = { companyID: companyId, firstName: incoming.firstName?.trim() || email.split('@')[0], lastName: incoming.lastName?.trim() || email.split('@')[0], emailAddress: email, isActive: 1 };
		contactId = await ctx.client.create(`/Companies/${companyId}/Contacts`, body, `create contact ${email}`);
		result = 'created';
	} else {
		const changes = contactChanges(found[0], incoming);
		contactId = found[0].id;
		result = Object.keys(changes).length === 0 ? 'unchanged' : 'updated';
		if (result === 'updated') await ctx.client.update(`/Companies/${companyId}/Contacts`, { id: contactId, ...changes }, `update contact ${email}`);
	}
	const stored = result === 'unchanged' ? found[0] : await ctx.client.find<AtContact>(`/Contacts/${contactId}`, `read contact ${email}`);
	return paired(this, { ...toContact(stored ?? { id: contactId, companyID: companyId, emailAddress: email }), result }, i);
}
