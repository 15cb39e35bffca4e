/** GDAP relationships of the partner with each tenant: mostly active, some expired or terminated. */
import type { Random } from '../random';
import type { GraphGdapRelationship, Tenant } from '../types';
import { addDays, isoDay } from './dates';

const ROLES = [
	'f2ef992c-3afb-46b9-b7cf-a126ee74c451', // Global Reader
	'729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
	'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
];

export function makeGdapRelationships(tenants: Tenant[], today: string, random: Random): GraphGdapRelationship[] {
	const relationships: GraphGdapRelationship[] = [];
	for (const tenant of tenants) {
		const roll = random.next();
		// About one tenant in 25 never had GDAP (DAP only, or app-only access).
		if (roll < 0.04) continue;
		const status = roll < 0.09 ? 'expired' : roll < 0.13 ? 'terminated' : roll < 0.15 ? 'approvalPending' : 'active';
		const created = addDays(today, -random.int(30, 700));
		const end = status === 'active' || status === 'approvalPending' ? addDays(today, random.int(5, 700)) : addDays(today, -random.int(1, 90));
		relationships.push({
			id: `${random.guid()}-${random.guid().slice(0, 8)}`,
			displayName: `MSP_${tenant.initialDomain.split('.')[0]}`.slice(0, 50),
			duration: 'P730D',
			status,
			customer: { tenantId: tenant.tenantId, displayName: tenant.name },
			accessDetails: { unifiedRoles: ROLES.map((roleDefinitionId) => ({ roleDefinitionId })) },
			autoExtendDuration: 'P180D',
			createdDateTime: isoDay(created),
			activatedDateTime: status === 'approvalPending' ? null : isoDay(addDays(created, 1)),
			lastModifiedDateTime: isoDay(addDays(created, 1)),
			endDateTime: isoDay(end),
		});
	}
	return relationships;
}
