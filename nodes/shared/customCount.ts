/**
 * Custom counts (issue #18, contract C6): a link names a count exactly like a SKU, by a stable
 * synthetic id. Both the Microsoft node (which reads the count) and License Reconcile (which
 * matches the link to it) read ids through this one module, so they always agree. Pure.
 *
 *   count:group:<groupId>                   enabled users among the group's transitive members
 *   count:licensedUsers[:<domain>+<domain>] enabled users holding any license (UPN domain in the list)
 *   count:mailboxes:user | user+shared       mailboxes from Graph's mailbox usage report
 *   <any of the above, or a SKU>@<attribute>=<value>+<value>
 *                                            the share of one company in a split tenant: only users
 *                                            whose attribute is one of the values
 *
 * Ids compare without case (links' SKU ids are lower-cased), so the canonical id is lower case
 * with list parts sorted: "count:licensedUsers:B.com+a.com" and "count:licensedusers:a.com+b.com"
 * are the same count.
 */

export const SPLIT_ATTRIBUTES = ['officeLocation', 'department', 'companyName', 'city', 'state', 'domain'] as const;
export type SplitAttribute = (typeof SPLIT_ATTRIBUTES)[number];

export type CountBase =
	| { kind: 'sku'; skuId: string }
	| { kind: 'group'; groupId: string }
	| { kind: 'licensedUsers'; domains: string[] }
	| { kind: 'mailboxes'; shared: boolean };

export interface CountShare {
	attribute: SplitAttribute;
	/** Lower case, sorted, distinct. */
	values: string[];
}

export interface CountSpec {
	/** Canonical id: what the count row's skuId is. */
	id: string;
	base: CountBase;
	/** Canonical id of the base (without the share). */
	baseId: string;
	share: CountShare | null;
}

export type CountKind = CountBase['kind'] | 'share' | 'unmatched';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

/** Whether a link token is a custom count or a share, i.e. not a plain SKU. */
export function isCountToken(token: string): boolean {
	const text = token.trim().toLowerCase();
	return text.startsWith('count:') || text.includes('@');
}

export function baseIdOf(base: CountBase): string {
	switch (base.kind) {
		case 'sku':
			return base.skuId;
		case 'group':
			return `count:group:${base.groupId}`;
		case 'licensedUsers':
			return base.domains.length === 0 ? 'count:licensedusers' : `count:licensedusers:${base.domains.join('+')}`;
		case 'mailboxes':
			return base.shared ? 'count:mailboxes:user+shared' : 'count:mailboxes:user';
	}
}

function parseBase(text: string, resolveSku: (token: string) => string | null): CountBase | string {
	const parts = text.split(':');
	if (parts[0] !== 'count') {
		const skuId = resolveSku(text);
		return skuId === null ? `"${text}" is not a SKU of the tenant nor a custom count (count:group:…, count:licensedUsers, count:mailboxes:…)` : { kind: 'sku', skuId: skuId.toLowerCase() };
	}
	const [, kind, ...rest] = parts;
	const argument = rest.join(':');
	if (kind === 'group') {
		if (!GUID.test(argument)) return `count:group needs the group's object id (a GUID), got "${argument}"`;
		return { kind: 'group', groupId: argument };
	}
	if (kind === 'licensedusers') {
		const domains = argument === '' ? [] : sortedUnique(argument.split('+').map((d) => d.trim()).filter(Boolean));
		const bad = domains.filter((d) => !DOMAIN.test(d));
		if (bad.length > 0) return `count:licensedUsers takes domains separated by "+", got ${bad.map((d) => `"${d}"`).join(', ')}`;
		return { kind: 'licensedUsers', domains };
	}
	if (kind === 'mailboxes') {
		const types = sortedUnique(argument.split('+').map((t) => t.trim()).filter(Boolean));
		const key = types.join('+');
		if (key === 'user') return { kind: 'mailboxes', shared: false };
		if (key === 'shared+user') return { kind: 'mailboxes', shared: true };
		return `count:mailboxes takes "user" or "user+shared", got "${argument}"`;
	}
	return `"${kind}" is not a custom count: use count:group:<groupId>, count:licensedUsers[:<domains>] or count:mailboxes:user[+shared]`;
}

function parseShare(text: string): CountShare | string {
	const at = text.indexOf('=');
	const name = (at < 0 ? text : text.slice(0, at)).trim();
	const attribute = SPLIT_ATTRIBUTES.find((a) => a.toLowerCase() === name);
	if (!attribute) return `"@${text}": the attribute must be one of ${SPLIT_ATTRIBUTES.join(', ')}`;
	const values = at < 0 ? [] : sortedUnique(text.slice(at + 1).split('+').map((v) => v.trim()).filter(Boolean));
	if (values.length === 0) return `"@${text}" names no values: write @${attribute}=<value>+<value>`;
	return { attribute, values };
}

/**
 * A link token → the count it names. `resolveSku` turns a SKU token (GUID, part number, product
 * name) into the tenant's SKU id, or null when it names none.
 */
export function parseCountId(token: string, resolveSku: (token: string) => string | null = (t) => (GUID.test(t) ? t : null)): CountSpec | { problem: string } {
	const text = token.trim().toLowerCase();
	const at = text.indexOf('@');
	const baseText = (at < 0 ? text : text.slice(0, at)).trim();
	const base = parseBase(baseText, resolveSku);
	if (typeof base === 'string') return { problem: base };
	const baseId = baseIdOf(base);
	if (at < 0) {
		if (base.kind === 'sku') return { problem: `"${token.trim()}" is a SKU, not a custom count` };
		return { id: baseId, base, baseId, share: null };
	}
	const share = parseShare(text.slice(at + 1));
	if (typeof share === 'string') return { problem: share };
	return { id: `${baseId}@${share.attribute.toLowerCase()}=${share.values.join('+')}`, base, baseId, share };
}

/** The id of the row that lists a split base's users matching no share. */
export function unmatchedIdOf(baseId: string): string {
	return `${baseId}@unmatched`;
}
