/** The parts of OData Graph supports on the collections the sandbox serves: $select, $filter, $top, $skiptoken. */
import type { GraphUser } from '../types';

export class UnsupportedQuery extends Error {}

type UserFilter = (user: GraphUser) => boolean;

const GUID = '[0-9a-fA-F-]{36}';

/** `assignedLicenses/any(x:x/skuId eq <guid>)`, `accountEnabled eq true`, `userType eq 'Member'`, joined by `and`. */
export function parseUserFilter(filter: string | null): UserFilter {
	if (!filter || filter.trim() === '') return () => true;
	const clauses = filter.split(/\s+and\s+/i).map((clause): UserFilter => {
		const text = clause.trim();
		const license = new RegExp(`^assignedLicenses/any\\((\\w+):\\s*\\1/skuId\\s+eq\\s+(${GUID})\\)$`, 'i').exec(text);
		if (license) {
			const skuId = license[2].toLowerCase();
			return (user) => (user.assignedLicenses ?? []).some((assigned) => assigned.skuId?.toLowerCase() === skuId);
		}
		const enabled = /^accountEnabled\s+eq\s+(true|false)$/i.exec(text);
		if (enabled) return (user) => user.accountEnabled === (enabled[1].toLowerCase() === 'true');
		const userType = /^userType\s+eq\s+'(\w+)'$/i.exec(text);
		if (userType) return (user) => (user.userType ?? '').toLowerCase() === userType[1].toLowerCase();
		throw new UnsupportedQuery(`Unsupported or invalid query filter clause specified for property '${text.split(/[\s/(]/)[0]}' of resource 'User'.`);
	});
	return (user) => clauses.every((clause) => clause(user));
}

/** Graph's default user properties when there is no $select. */
export const DEFAULT_USER_PROPERTIES = [
	'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];

export function select<T extends object>(item: T, properties: string[] | undefined): Partial<T> {
	if (!properties) return item;
	const result: Record<string, unknown> = {};
	const source = item as Record<string, unknown>;
	for (const property of properties) {
		const key = Object.keys(source).find((candidate) => candidate.toLowerCase() === property.toLowerCase());
		result[key ?? property] = key === undefined ? null : source[key];
	}
	return result as Partial<T>;
}

export function selectList(text: string | null): string[] | undefined {
	if (!text || text.trim() === '') return undefined;
	return text.split(',').map((property) => property.trim()).filter(Boolean);
}

export function defaultUser(user: GraphUser): Record<string, unknown> {
	const source = user as unknown as Record<string, unknown>;
	return Object.fromEntries(DEFAULT_USER_PROPERTIES.map((property) => [property, source[property] ?? (property === 'businessPhones' ? [] : null)]));
}

export function encodeSkipToken(offset: number): string {
	return Buffer.from(`sbx:${offset}`).toString('base64url');
}

export function decodeSkipToken(token: string | null): number {
	if (!token) return 0;
	const match = /^sbx:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
	if (!match) throw new UnsupportedQuery('Invalid $skiptoken.');
	return Number(match[1]);
}

export function topOf(text: string | null, fallback: number, max: number): number {
	if (text === null) return fallback;
	const top = Number(text);
	if (!Number.isInteger(top) || top < 1 || top > max) throw new UnsupportedQuery(`Invalid page size specified: '${text}'. Must be between 1 and ${max} inclusive.`);
	return top;
}

/** The absolute, opaque next link: the same query with a new $skiptoken. */
export function nextLink(url: URL, publicBase: string, offset: number): string {
	const next = new URL(`${publicBase}${url.pathname.replace(/^\/graph/, '')}`);
	for (const [key, value] of url.searchParams) if (key !== '$skiptoken') next.searchParams.set(key, value);
	next.searchParams.set('$skiptoken', encodeSkipToken(offset));
	return next.toString();
}
