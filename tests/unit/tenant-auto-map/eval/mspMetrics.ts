import type { AutoMapResult } from '../../../../nodes/TenantAutoMap/core';
import { KINDS, type Kind, type MspSet } from './mspSet';

/** Quality of one kind of tenant. */
export interface KindQuality {
	kind: Kind;
	tenants: number;
	/** Confident matches to a company not in the truth (for a tie: any confident match). */
	wrong: number;
	/** Confident matches to the right company. */
	right: number;
	review: number;
	/** Review items whose candidates include the right company. */
	reviewTop3: number;
	unmatched: number;
	/** Examples of wrong confident matches and of review items missing the right company. */
	examples: string[];
}

export function measureByKind(set: MspSet, result: AutoMapResult, names: Map<string, string>): KindQuality[] {
	const byKind = new Map<Kind, KindQuality>(
		KINDS.map((kind) => [kind, { kind, tenants: 0, wrong: 0, right: 0, review: 0, reviewTop3: 0, unmatched: 0, examples: [] }]),
	);
	const of = (tenantId: string) => byKind.get(set.kind[tenantId]) as KindQuality;
	for (const tenant of set.tenants) of(String(tenant.tenantId)).tenants++;
	for (const row of result.matched) {
		const quality = of(row.tenantId);
		const truth = set.truth[row.tenantId];
		if (truth.includes(String(row.companyId)) && quality.kind !== 'tie') quality.right++;
		else {
			quality.wrong++;
			quality.examples.push(`WRONG ${row.tenantName} → ${row.companyName} (${row.method} ${row.score}; right: ${truth.map((id) => names.get(id)).join(' | ') || 'none'})`);
		}
	}
	for (const row of result.needsReview) {
		const quality = of(row.tenantId);
		const truth = set.truth[row.tenantId];
		quality.review++;
		if (truth.length === 0 || row.candidates.some((candidate) => truth.includes(String(candidate.companyId)))) quality.reviewTop3++;
		else if (quality.examples.length < 6) {
			quality.examples.push(
				`MISSED ${row.tenantName} → [${row.candidates.map((c) => `${c.companyName} ${c.score}`).join('; ')}] (right: ${truth.map((id) => names.get(id)).join(' | ')})`,
			);
		}
	}
	for (const row of result.unmatched) if (row.type === 'tenant') of(row.tenantId).unmatched++;
	return [...byKind.values()].filter((quality) => quality.tenants > 0);
}

/** Companies by id, for readable examples. */
export function companyNames(set: MspSet): Map<string, string> {
	return new Map(set.companies.map((company) => [String(company.companyId), String(company.name)]));
}

export function ratio(part: number, whole: number): number {
	return whole === 0 ? 1 : part / whole;
}
