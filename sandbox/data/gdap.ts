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
		// Some customers also keep an old, expired relationship next to the live one (Microsoft
		// keeps ended relationships listed); the tenant id decides which, so the seed's random
		// stream is unchanged.
		if (status === 'active' && parseInt(tenant.tenantId.slice(0, 2), 16) % 6 === 0) {
			relationships.push({
				id: `${tenant.tenantId.slice(0, 8)}-0ld0-4000-8000-${tenant.tenantId.slice(-12)}-expired`,
				displayName: `MSP_old_${tenant.initialDomain.split('.')[0]}`.slice(0, 50),
				duration: 'P730D',
				status: 'expired',
				customer: { tenantId: tenant.tenantId, displayName: tenant.name },
				accessDetails: { unifiedRoles: ROLES.map((roleDefinitionId) => ({ roleDefinitionId })) },
				autoExtendDuration: 'PT0S',
				createdDateTime: isoDay(addDays(created, -730)),
				activatedDateTime: isoDay(addDays(created, -729)),
				lastModifiedDateTime: isoDay(addDays(created, -1)),
				endDateTime: isoDay(addDays(created, -1)),
			});
		}
	}
	return relationships;
}

const DAY_MS = 86_400_000;

/** Roles that let a partner user read a customer's licenses (Partner Center "Get a list of available licenses"). */
export const LICENSE_READER_ROLES: Readonly<Record<string, string>> = {
	'88d8e3e3-8f55-4a1e-953a-9b9898b8876b': 'Directory Readers',
	'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
	'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
	'4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
};

/**
 * The status Graph reports at `now`: an active relationship within 30 days of its end is
 * `expiring` (still active), past its end `expired`. Stored statuses are as of seeding.
 */
export function liveGdapStatus(relationship: GraphGdapRelationship, now: number): string {
	const status = relationship.status ?? 'unknownFutureValue';
	if (status !== 'active' && status !== 'expiring') return status;
	const end = Date.parse(relationship.endDateTime ?? '');
	if (Number.isNaN(end)) return status;
	if (end <= now) return 'expired';
	return end - now <= 30 * DAY_MS ? 'expiring' : 'active';
}

export function isLiveGdap(relationship: GraphGdapRelationship, now: number): boolean {
	const status = liveGdapStatus(relationship, now);
	return status === 'active' || status === 'expiring';
}

/** Whether the tenant has a live relationship, optionally one holding any of `roles`. */
export function hasLiveGdap(relationships: GraphGdapRelationship[], tenantId: string, now: number, roles?: Readonly<Record<string, string>>): boolean {
	return relationships.some(
		(relationship) =>
			relationship.customer?.tenantId === tenantId &&
			isLiveGdap(relationship, now) &&
			(!roles || (relationship.accessDetails?.unifiedRoles ?? []).some((role) => !!role.roleDefinitionId && role.roleDefinitionId in roles)),
	);
}
