/**
 * Custom counts (contract C6) from what Graph gave for one tenant → license-like rows that
 * License Reconcile links and reconciles like SKUs. Pure: the reads happen in
 * actions/license/readCounts.ts.
 *
 * Split tenants: the shares of one base (e.g. `count:licensedusers@department=sales` and
 * `…@department=support`) divide its users. A user whose attribute matches no share is listed
 * on the base's `@unmatched` row (no link names it, so the sync reports it as unlinked: unbilled
 * seats are never silent). A user matching several shares is counted once, by the share whose id
 * sorts first, and named in `matchedTwice` on every share it matched.
 */
import { unmatchedIdOf, type CountBase, type CountKind, type CountShare, type CountSpec, type SplitAttribute } from '../../shared/customCount';
import type { LicenseItem } from './types';

export interface DirectoryUser {
	id: string;
	userPrincipalName: string;
	accountEnabled: boolean;
	skuIds: string[];
	attributes: Partial<Record<SplitAttribute, string | null>>;
}

export type MailboxType = 'user' | 'shared' | 'other';

export interface MailboxRow {
	userPrincipalName: string;
	recipientType: MailboxType;
	deleted: boolean;
}

export interface CountSources {
	/** All users of the tenant (when a count needs them). */
	users?: DirectoryUser[];
	/** Group id → its name and its transitive user members. */
	groups?: Map<string, { displayName: string | null; members: DirectoryUser[] }>;
	mailboxes?: MailboxRow[];
	/** SKU id → product name, for the labels of SKU shares. */
	skuNames?: Map<string, string>;
}

export interface CountItem extends LicenseItem {
	countKind: CountKind;
	share?: CountShare;
	/** Users this share matched that were counted by another share of the same base. */
	matchedTwice?: string[];
}

interface Counted {
	label: string;
	users: DirectoryUser[];
}

/** A report conceals names (Microsoft 365 admin center → Reports → "Display concealed user names"): no @ in them. */
export function isConcealed(userPrincipalName: string): boolean {
	return !userPrincipalName.includes('@');
}

function domainOf(userPrincipalName: string): string {
	return userPrincipalName.slice(userPrincipalName.lastIndexOf('@') + 1).toLowerCase();
}

export function attributeOf(user: DirectoryUser, attribute: SplitAttribute): string | null {
	if (attribute === 'domain') return isConcealed(user.userPrincipalName) ? null : domainOf(user.userPrincipalName);
	const value = user.attributes[attribute];
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
}

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} was not read`);
	return value;
}

function mailboxUsers(base: Extract<CountBase, { kind: 'mailboxes' }>, sources: CountSources): DirectoryUser[] {
	const rows = need(sources.mailboxes, 'The mailbox usage report');
	const byUpn = new Map((sources.users ?? []).map((u) => [u.userPrincipalName.toLowerCase(), u]));
	return rows
		.filter((row) => !row.deleted && (row.recipientType === 'user' || (base.shared && row.recipientType === 'shared')))
		.map((row) => byUpn.get(row.userPrincipalName.toLowerCase()) ?? { id: '', userPrincipalName: row.userPrincipalName, accountEnabled: true, skuIds: [], attributes: {} });
}

/** The users a base counts, and how it is named on the invoice. */
export function countedUsers(base: CountBase, sources: CountSources): Counted {
	switch (base.kind) {
		case 'sku': {
			const users = need(sources.users, 'The users').filter((u) => u.skuIds.includes(base.skuId));
			return { label: sources.skuNames?.get(base.skuId) ?? base.skuId, users };
		}
		case 'group': {
			const group = need(sources.groups?.get(base.groupId), `Group ${base.groupId}`);
			// Disabled accounts (leavers still in the group) are not billed.
			return { label: `Members of ${group.displayName ?? base.groupId}`, users: group.members.filter((u) => u.accountEnabled) };
		}
		case 'licensedUsers': {
			const domains = new Set(base.domains);
			const users = need(sources.users, 'The users').filter(
				(u) => u.accountEnabled && u.skuIds.length > 0 && (domains.size === 0 || domains.has(domainOf(u.userPrincipalName))),
			);
			return { label: base.domains.length === 0 ? 'Licensed users' : `Licensed users (${base.domains.join(', ')})`, users };
		}
		case 'mailboxes':
			return { label: base.shared ? 'User and shared mailboxes' : 'User mailboxes', users: mailboxUsers(base, sources) };
	}
}

function upnsOf(users: DirectoryUser[]): string[] {
	return [...new Set(users.map((u) => u.userPrincipalName))].sort((a, b) => a.localeCompare(b));
}

function row(tenant: { tenantId: string; tenantName?: string }, id: string, kind: CountKind, label: string, users: DirectoryUser[]): CountItem {
	const concealed = users.some((u) => isConcealed(u.userPrincipalName));
	const count = new Set(users.map((u) => u.userPrincipalName.toLowerCase())).size;
	return {
		tenantId: tenant.tenantId,
		...(tenant.tenantName ? { tenantName: tenant.tenantName } : {}),
		skuId: id,
		skuPartNumber: id,
		productName: label,
		// A count has no unassigned seats: purchased = assigned, so either quantity basis bills it.
		purchased: count,
		assigned: count,
		unassigned: 0,
		suspended: 0,
		warning: 0,
		status: 'Enabled',
		countKind: kind,
		users: concealed ? [] : upnsOf(users),
		...(concealed ? { warnings: ['The tenant conceals user names in Microsoft 365 reports: the count is right, the usernames cannot be shown'] } : {}),
	};
}

function shareLabel(label: string, share: CountShare): string {
	return `${label} — ${share.attribute}: ${share.values.join(', ')}`;
}

function splitRows(tenant: { tenantId: string; tenantName?: string }, baseId: string, specs: CountSpec[], counted: Counted): CountItem[] {
	const shares = [...specs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	if (shares.some((s) => s.share!.attribute !== 'domain') && counted.users.some((u) => isConcealed(u.userPrincipalName))) {
		throw new Error(`${counted.label} cannot be split by user attribute: the tenant conceals user names in Microsoft 365 reports (turn off "Display concealed user names" in the admin center → Settings → Org settings → Reports)`);
	}
	const assigned = new Map<string, DirectoryUser[]>(shares.map((s) => [s.id, []]));
	const twice = new Map<string, string[]>(shares.map((s) => [s.id, []]));
	const unmatched: DirectoryUser[] = [];
	for (const user of counted.users) {
		const matching = shares.filter((s) => {
			const value = attributeOf(user, s.share!.attribute);
			return value !== null && s.share!.values.includes(value);
		});
		if (matching.length === 0) unmatched.push(user);
		else assigned.get(matching[0].id)!.push(user);
		if (matching.length > 1) for (const s of matching) twice.get(s.id)!.push(user.userPrincipalName);
	}
	const rows: CountItem[] = shares.map((s) => {
		const item = row(tenant, s.id, 'share', shareLabel(counted.label, s.share!), assigned.get(s.id)!);
		const both = [...new Set(twice.get(s.id)!)].sort((a, b) => a.localeCompare(b));
		return { ...item, share: s.share!, ...(both.length > 0 ? { matchedTwice: both } : {}) };
	});
	if (unmatched.length > 0) {
		const attributes = [...new Set(shares.map((s) => s.share!.attribute))].join(', ');
		rows.push(row(tenant, unmatchedIdOf(baseId), 'unmatched', `${counted.label} — matching no company (${attributes})`, unmatched));
	}
	return rows;
}

/** One row per requested count; shares of one base are split together. */
export function countRows(tenant: { tenantId: string; tenantName?: string }, specs: CountSpec[], sources: CountSources): CountItem[] {
	const unique = [...new Map(specs.map((s) => [s.id, s])).values()];
	const rows: CountItem[] = [];
	const sharesByBase = new Map<string, CountSpec[]>();
	for (const spec of unique) {
		if (spec.share === null) {
			const counted = countedUsers(spec.base, sources);
			rows.push(row(tenant, spec.id, spec.base.kind, counted.label, counted.users));
		} else sharesByBase.set(spec.baseId, [...(sharesByBase.get(spec.baseId) ?? []), spec]);
	}
	for (const [baseId, shares] of sharesByBase) rows.push(...splitRows(tenant, baseId, shares, countedUsers(shares[0].base, sources)));
	return rows;
}
