/**
 * Custom counts of one tenant (contract C6): parse the link tokens that name counts, read only
 * what they need (users, each group's members, the mailbox report; at once, groups a few at a
 * time), and turn it into license-like rows. A read that fails fails the tenant's item (a C1
 * failure row), never a count of 0. Tokens that name no count are left to License Reconcile,
 * which reports them on the link that holds them.
 */
import { mapWithConcurrency } from '../../../shared';
import { isCountToken, parseCountId, type CountSpec } from '../../../shared/customCount';
import { countRows, type CountItem, type CountSources, type DirectoryUser } from '../../helpers/counts';
import { mailboxRows } from '../../helpers/mailboxReport';
import type { LicenseItem } from '../../helpers/types';
import type { PartnerCenterApi } from '../../transport';
import { directoryUsers, groupName, groupUserMembers, groups, mailboxUsageCsv } from '../../transport/countResources';
import type { TenantRef } from '../../helpers/tenantErrors';

/** Groups read at once within one tenant (tenants themselves run with the node's concurrency). */
const GROUP_CONCURRENCY = 4;

/** The count tokens in what the links hold: arrays, JSON array text, or text split by , ; or lines (as License Reconcile reads skuIds). */
export function countTokens(value: unknown): string[] {
	const flat: string[] = [];
	const add = (item: unknown): void => {
		if (Array.isArray(item)) item.forEach(add);
		else if (typeof item === 'string') {
			const text = item.trim();
			if (text.startsWith('[')) {
				try {
					add(JSON.parse(text));
					return;
				} catch {
					// Not JSON after all: read it as a list.
				}
			}
			text.split(/[,;\n]/).forEach((part) => {
				if (part.trim() !== '') flat.push(part.trim());
			});
		}
	};
	add(value);
	return [...new Set(flat.filter(isCountToken))];
}

function skuResolver(skus: LicenseItem[]): (token: string) => string | null {
	return (token) => {
		const text = token.trim().toLowerCase();
		if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) return text;
		const found = skus.filter((s) => s.skuPartNumber.toLowerCase() === text || s.productName.trim().toLowerCase() === text);
		return found.length === 1 ? found[0].skuId : null;
	};
}

export function countSpecs(tokens: string[], skus: LicenseItem[]): CountSpec[] {
	const resolve = skuResolver(skus);
	return tokens.map((token) => parseCountId(token, resolve)).filter((parsed): parsed is CountSpec => !('problem' in parsed));
}

/** `count:group:*` offers a count per group of the tenant (for a form to list); it is never a link's count. */
export const EVERY_GROUP = 'count:group:*';

/** The tenant's counts: `tokens` as the links hold them; `count:group:*` lists the tenant's groups first. */
export async function readCountTokens(api: PartnerCenterApi, tenant: TenantRef, tokens: string[], skus: LicenseItem[], signal?: AbortSignal): Promise<CountItem[]> {
	const everyGroup = tokens.some((t) => t.trim().toLowerCase() === EVERY_GROUP);
	const listed = everyGroup ? (await groups(api, tenant.tenantId, signal)).map((g) => `count:group:${g.id}`) : [];
	return await readCounts(api, tenant, countSpecs([...tokens, ...listed], skus), skus, signal);
}

export async function readCounts(api: PartnerCenterApi, tenant: TenantRef, specs: CountSpec[], skus: LicenseItem[], signal?: AbortSignal): Promise<CountItem[]> {
	if (specs.length === 0) return [];
	const bases = specs.map((s) => s.base);
	const needsUsers = bases.some((b) => b.kind === 'sku' || b.kind === 'licensedUsers') || specs.some((s) => s.base.kind === 'mailboxes' && s.share !== null);
	const groupIds = [...new Set(bases.flatMap((b) => (b.kind === 'group' ? [b.groupId] : [])))];
	const needsMailboxes = bases.some((b) => b.kind === 'mailboxes');
	const { tenantId } = tenant;
	const [users, groups, csv] = await Promise.all([
		needsUsers ? directoryUsers(api, tenantId, signal) : Promise.resolve<DirectoryUser[] | undefined>(undefined),
		mapWithConcurrency(groupIds, GROUP_CONCURRENCY, async (groupId) => {
			const [displayName, members] = await Promise.all([groupName(api, tenantId, groupId, signal), groupUserMembers(api, tenantId, groupId, signal)]);
			return [groupId, { displayName, members }] as const;
		}, signal),
		needsMailboxes ? mailboxUsageCsv(api, tenantId, signal) : Promise.resolve(undefined),
	]);
	const sources: CountSources = {
		users,
		groups: new Map(groups),
		mailboxes: csv === undefined ? undefined : mailboxRows(csv),
		skuNames: new Map(skus.map((s) => [s.skuId, s.productName])),
	};
	return countRows(tenant, specs, sources);
}
