import type { GraphGdapRelationship } from '../../helpers/types';

// A tenant may have several relationships over time; the most useful status wins. `expiring`
// is still active (near its end), so it ranks right after active, above anything ended.
const RANK = ['active', 'expiring', 'activating', 'approvalPending', 'approved', 'terminationRequested', 'terminating', 'expired', 'terminated', 'created'];

/** tenantId → the best GDAP status among its relationships. Pure. */
export function gdapStatusByTenant(relationships: GraphGdapRelationship[]): Map<string, string> {
	const best = new Map<string, string>();
	const rank = (status: string) => {
		const index = RANK.indexOf(status);
		return index === -1 ? RANK.length : index;
	};
	for (const relationship of relationships) {
		const tenantId = relationship.customer?.tenantId?.toLowerCase();
		const status = relationship.status ?? 'unknown';
		if (!tenantId) continue;
		const current = best.get(tenantId);
		if (current === undefined || rank(status) < rank(current)) best.set(tenantId, status);
	}
	return best;
}
