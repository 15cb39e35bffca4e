import { REASON_GROUPS } from './reasons';
import type { HeldChange, ReasonKind } from './types';

/** A filter of the held changes: one company and/or one reason ('' = all). */
export interface GroupFilter {
	company: string;
	reason: ReasonKind | '';
	/** Typed part of a company name: with company '', the companies whose name contains it ('' = all). */
	search?: string;
}

export interface GroupOption {
	option: string;
	value: string;
}

/** Case-insensitive "contains" on the company name, the way a person types part of it. */
export const companyMatches = (change: HeldChange, search: string | undefined): boolean => {
	const needle = (search ?? '').trim().toLowerCase();
	return needle === '' || change.company.toLowerCase().includes(needle);
};

export const inGroup = (change: HeldChange, filter: GroupFilter): boolean =>
	(filter.company === '' ? companyMatches(change, filter.search) : change.companyKey === filter.company) && (filter.reason === '' || change.reasonKind === filter.reason);

/**
 * "All companies (196)", then each company with its count, by name; equal names told apart by the PSA id.
 * With a search, only the companies whose name contains it: "All companies matching "con" (12)" first.
 */
export function companyOptions(changes: HeldChange[], search = ''): GroupOption[] {
	const matching = changes.filter((change) => companyMatches(change, search));
	const counts = new Map<string, { name: string; count: number }>();
	for (const change of matching) {
		const entry = counts.get(change.companyKey) ?? { name: change.company, count: 0 };
		entry.count += 1;
		counts.set(change.companyKey, entry);
	}
	const names = [...counts.values()].map((entry) => entry.name);
	const options = [...counts.entries()]
		.sort((a, b) => a[1].name.localeCompare(b[1].name) || a[0].localeCompare(b[0]))
		.map(([key, entry]) => {
			const twin = names.filter((name) => name === entry.name).length > 1;
			return { option: `${entry.name}${twin ? ` [${key}]` : ''} (${entry.count})`, value: key };
		});
	const all = search.trim() === '' ? 'All companies' : `All companies matching "${search.trim()}"`;
	return [{ option: `${all} (${matching.length})`, value: '' }, ...options];
}

/** "All reasons (196)", then each reason group with its count, largest first. */
export function reasonOptions(changes: HeldChange[]): GroupOption[] {
	const counts = new Map<ReasonKind, number>();
	for (const change of changes) counts.set(change.reasonKind, (counts.get(change.reasonKind) ?? 0) + 1);
	const options = [...counts.entries()]
		.sort((a, b) => b[1] - a[1] || REASON_GROUPS[a[0]].localeCompare(REASON_GROUPS[b[0]]))
		.map(([kind, count]) => ({ option: `${REASON_GROUPS[kind]} (${count})`, value: kind }));
	return [{ option: `All reasons (${changes.length})`, value: '' }, ...options];
}

/** The group in words, for page titles: "Contoso Ltd, large decrease". */
export function groupName(changes: HeldChange[], filter: GroupFilter): string {
	const search = (filter.search ?? '').trim();
	const all = search === '' ? 'all companies' : `companies matching "${search}"`;
	const company = filter.company === '' ? all : (changes.find((change) => change.companyKey === filter.company)?.company ?? 'one company');
	const reason = filter.reason === '' ? 'all reasons' : REASON_GROUPS[filter.reason].toLowerCase();
	return `${company}, ${reason}`;
}
