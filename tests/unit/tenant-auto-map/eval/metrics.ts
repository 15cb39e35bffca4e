import type { AutoMapResult } from '../../../../nodes/TenantAutoMap/core';
import { normalizeName } from '../../../../nodes/TenantAutoMap/core/normalize';
import type { LabelledSet } from './generate';

export interface Quality {
	/** Tenants whose right company exists. */
	positives: number;
	confidentRight: number;
	confidentWrong: number;
	precision: number;
	recall: number;
	/** Review items whose tenant has a company. */
	reviewWithAnswer: number;
	reviewTop3: number;
	top3Share: number;
	/** Tenants with a company that ended in Unmatched. */
	missedToUnmatched: number;
	/** Wrong confident matches, for explaining a failure. */
	wrong: string[];
}

export function measure(set: LabelledSet, result: AutoMapResult): Quality {
	const positives = Object.values(set.truth).filter((company) => company !== null).length;
	let confidentRight = 0;
	const wrong: string[] = [];
	for (const row of result.matched) {
		const truth = set.truth[row.tenantId];
		if (truth === String(row.companyId)) confidentRight++;
		else wrong.push(`${row.tenantName} → ${row.companyName} (${row.method} ${row.score}; truth ${truth}; ${set.variation[row.tenantId]})`);
	}
	let reviewWithAnswer = 0;
	let reviewTop3 = 0;
	for (const row of result.needsReview) {
		const truth = set.truth[row.tenantId];
		if (truth === null || truth === undefined) continue;
		reviewWithAnswer++;
		if (row.candidates.some((candidate) => String(candidate.companyId) === truth)) reviewTop3++;
	}
	const missedToUnmatched = result.unmatched.filter(
		(row) => row.type === 'tenant' && set.truth[row.tenantId] !== null && set.truth[row.tenantId] !== undefined,
	).length;
	return {
		positives,
		confidentRight,
		confidentWrong: wrong.length,
		precision: ratio(confidentRight, confidentRight + wrong.length),
		recall: ratio(confidentRight, positives),
		reviewWithAnswer,
		reviewTop3,
		top3Share: ratio(reviewTop3, reviewWithAnswer),
		missedToUnmatched,
		wrong,
	};
}

export interface BaselineQuality {
	right: number;
	wrong: number;
	precision: number;
	recall: number;
}

/**
 * What simpler tools do: match a tenant when exactly one company has the same name,
 * compared as typed or after our normalisation.
 */
export function measureNameEquality(set: LabelledSet, normalised: boolean): BaselineQuality {
	const keyOf = (name: unknown) => {
		const text = typeof name === 'string' ? name.trim() : '';
		return normalised ? normalizeName(text).text : text;
	};
	const byName = new Map<string, string[]>();
	for (const company of set.companies) {
		const key = keyOf(company.name);
		if (!key) continue;
		byName.set(key, [...(byName.get(key) ?? []), String(company.companyId)]);
	}
	let right = 0;
	let wrong = 0;
	for (const tenant of set.tenants) {
		const found = byName.get(keyOf(tenant.name));
		if (!found || found.length !== 1) continue;
		if (set.truth[String(tenant.tenantId)] === found[0]) right++;
		else wrong++;
	}
	const positives = Object.values(set.truth).filter((company) => company !== null).length;
	return { right, wrong, precision: ratio(right, right + wrong), recall: ratio(right, positives) };
}

function ratio(part: number, whole: number): number {
	return whole === 0 ? 1 : part / whole;
}
