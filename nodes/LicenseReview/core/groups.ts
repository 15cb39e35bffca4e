import { REASON_GROUPS } from './reasons';
import type { HeldChange, ReasonKind } from './types';

/** A filter of the held changes: one company and/or one reason ('' = all). */
export interface GroupFilter {
	company: string;
	reason: ReasonKind | '';
}

export interface GroupOption {
	option: string;
	value: string;
}

export const inGroup = (change: HeldChange, filter: GroupFilter): boolean =>
	(filter.company === '' || change.companyKey === filter.company) && (filter.reason === '' || change.reasonKind === filter.reason);

/** "All companies (196)", then each company with its count, by name; equal names told apart by the PSA id. */
export function companyOptions(changes: HeldChange[]): GroupOption[] {
	const counts = new Map<string, { name: string; count: number }>();
	for (const change of changes) {
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
	return [{ option: `All companies (${changes.length})`, value: '' }, ...options];
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
	const company = filter.company === '' ? 'all companies' : (changes.find((change) => change.companyKey === filter.company)?.company ?? 'one company');
	const reason = filter.reason === '' ? 'all reasons' : REASON_GROUPS[filter.reason].toLowerCase();
	return `${company}, ${reason}`;
}
