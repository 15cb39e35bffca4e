/** GDAP relationship → item, with "expires within N days" computed against a given `now`. Pure. */
import type { GdapRelationshipItem, GraphGdapRelationship } from './types';

const DAY_MS = 86_400_000;

/** `expiring` is an active relationship near its end (Graph delegatedAdminRelationshipStatus): it still grants access. */
export function isLiveGdapStatus(status: string | null | undefined): boolean {
	const value = (status ?? '').toLowerCase();
	return value === 'active' || value === 'expiring';
}

export function toGdapRelationshipItem(relationship: GraphGdapRelationship, now: number, withinDays: number): GdapRelationshipItem {
	const end = relationship.endDateTime ? Date.parse(relationship.endDateTime) : NaN;
	const daysLeft = Number.isNaN(end) ? null : Math.floor((end - now) / DAY_MS);
	const active = isLiveGdapStatus(relationship.status);
	return {
		relationshipId: relationship.id,
		displayName: relationship.displayName ?? null,
		tenantId: relationship.customer?.tenantId?.toLowerCase() ?? null,
		tenantName: relationship.customer?.displayName ?? null,
		status: relationship.status ?? null,
		endDateTime: relationship.endDateTime ?? null,
		daysLeft,
		// Only a live relationship can "expire soon"; an ended one has already gone.
		expiresWithinDays: active && daysLeft !== null && daysLeft <= withinDays,
		roles: (relationship.accessDetails?.unifiedRoles ?? []).map((r) => r.roleDefinitionId ?? '').filter(Boolean),
		autoExtendDuration: relationship.autoExtendDuration ?? null,
	};
}
