/** Contacts of a batch of companies in one read per 100 companies, for their email domains. */
import type { ConnectWiseClient } from '../../transport';
import { buildConditions } from '../../transport';
import type { CwContact } from '../../shapes/types';

const BATCH = 100;

export async function contactsByCompany(client: ConnectWiseClient, companyIds: number[]): Promise<Map<number, CwContact[]>> {
	const byCompany = new Map<number, CwContact[]>();
	for (let start = 0; start < companyIds.length; start += BATCH) {
		const ids = companyIds.slice(start, start + BATCH);
		const contacts = await client.getAll<CwContact>('/company/contacts', {
			conditions: buildConditions({ field: 'company/id', op: 'in', value: ids }, { field: 'inactiveFlag', op: '=', value: false }),
			fields: 'id,company/id,communicationItems',
			action: 'read company contacts',
		});
		for (const contact of contacts) {
			const id = contact.company?.id;
			if (id === undefined) continue;
			byCompany.set(id, [...(byCompany.get(id) ?? []), contact]);
		}
	}
	return byCompany;
}
