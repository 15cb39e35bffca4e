import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { companyLocator, concurrencyOptions } from '../common.descriptions';
import type { OperationContext } from '../../helpers/context';
import { ItemError, locatorId } from '../../../shared/parameters';
import { buildConditions } from '../../transport';
import { toContact } from '../../shapes/records';
import type { CwContact } from '../../shapes/types';

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
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Job title; written when it differs from the stored one' },
		],
	},
	concurrencyOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, properties);

type ContactFields = { firstName?: string; lastName?: string; title?: string };
const FIELDS = ['firstName', 'lastName', 'title'] as const;

/** Only non-blank incoming values that differ: a blank never erases PSA data. */
export function contactChanges(current: CwContact, incoming: ContactFields): Array<{ op: 'replace'; path: string; value: string }> {
	const changes: Array<{ op: 'replace'; path: string; value: string }> = [];
	for (const field of FIELDS) {
		const value = incoming[field]?.trim();
		if (value && value !== (current[field] ?? '').trim()) changes.push({ op: 'replace', path: field, value });
	}
	return changes;
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const companyId = locatorId.call(this, 'companyId', i, 'Company')!;
	const email = String(this.getNodeParameter('email', i, '') ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ItemError(`"${email}" is not an email address`);
	const incoming = this.getNodeParameter('contactFields', i, {}) as ContactFields;

	const existing = await ctx.client.getAll<CwContact>('/company/contacts', {
		conditions: buildConditions({ field: 'company/id', op: '=', value: companyId }),
		childConditions: buildConditions({ field: 'communicationItems/value', op: '=', value: email }),
		limit: 1,
		action: `find contact ${email}`,
	});
	let result: 'created' | 'updated' | 'unchanged';
	let contact: CwContact;
	if (existing.length === 0) {
		const body = {
			firstName: incoming.firstName?.trim() || email.split('@')[0],
			...(incoming.lastName?.trim() ? { lastName: incoming.lastName.trim() } : {}),
			...(incoming.title?.trim() ? { title: incoming.title.trim() } : {}),
			company: { id: companyId },
			communicationItems: [{ type: { name: 'Email' }, value: email, defaultFlag: true, communicationType: 'Email' }],
		};
		contact = await ctx.client.send<CwContact>('POST', '/company/contacts', body, `create contact ${email}`);
		result = 'created';
	} else {
		const changes = contactChanges(existing[0], incoming);
		contact = changes.length === 0 ? existing[0] : await ctx.client.send<CwContact>('PATCH', `/company/contacts/${existing[0].id}`, changes, `update contact ${email}`);
		result = changes.length === 0 ? 'unchanged' : 'updated';
	}
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray({ ...toContact(contact), result } as never), { itemData: { item: i } });
}
