/**
 * Custom counts on the link licenses form (#18): which counts to read for the chosen company
 * (with its share when its tenant is split), the licenses page offering them beside the SKUs
 * with their current values (or why they could not be read: never 0), the group page, and the
 * `skuIds` entry a choice saves. Ids go through shared/customCount, as the sync reads them.
 */
import { parseCountId, type CountShare } from '../../shared/customCount';
import { escapeHtml, table } from './html';
import { dropdown, html, page, type FormField, type FormPage } from './fields';
import { GO_BACK, STOP, usableProfiles, type MapRow, type ProfileRow } from './linkLicenses';

type Row = Record<string, unknown>;

/** Licenses-page choices that need a second answer: the group, or the typed domains. */
export const PICK_GROUP = 'count:group';
export const TYPED_DOMAINS = 'count:licensedusers:typed';
/** At most this many groups on the group page; a search narrows them. */
export const MAX_GROUPS = 200;
/** Verified domains offered one by one (more can be typed). */
export const MAX_DOMAINS = 20;

/** The company's share of a split tenant as a link suffix (`@department=sales+support`), '' when not split. */
export function shareSuffix(company: Pick<MapRow, 'splitAttribute' | 'splitValues'> & { companyName?: string }): string {
	const attribute = String(company.splitAttribute ?? '').trim();
	if (attribute === '') return '';
	const values = String(company.splitValues ?? '').split(/[,;\n+]/).map((v) => v.trim()).filter(Boolean);
	if (values.some((v) => /[@=]/.test(v))) throw new Error(`The company map row of ${company.companyName ?? 'this company'} splits by values with @ or =: "${company.splitValues}"`);
	const parsed = parseCountId(`count:licensedusers@${attribute}=${values.join('+')}`);
	if ('problem' in parsed) throw new Error(`The company map row of ${company.companyName ?? 'this company'} is not a valid split: ${parsed.problem}`);
	return parsed.id.slice(parsed.id.indexOf('@'));
}

export function shareWords(share: CountShare | null | undefined): string {
	return share ? `${share.attribute}: ${share.values.join(', ')}` : '';
}

/** One read of the Microsoft node (License → Get Many, option Custom Counts). */
export interface CountRead {
	tenantId: string;
	tenantName: string;
	counts: string;
}

const bases = (domains: string[]) => ({
	users: ['count:licensedusers', ...domains.slice(0, MAX_DOMAINS).map((d) => `count:licensedusers:${d.toLowerCase()}`)],
	mailboxes: ['count:mailboxes:user', 'count:mailboxes:user+shared'],
});

/**
 * The reads behind the licenses page: users (licensed users, per verified domain, and the SKU
 * shares of a split tenant) and the mailbox report apart, so one refused permission leaves the
 * other's values. A split tenant reads every company's share: users matching two companies are
 * counted by one of them exactly as the sync does.
 */
export function countReads(company: MapRow, tenantRows: MapRow[], domains: string[], skuIds: string[]): CountRead[] {
	const own = shareSuffix(company);
	const suffixes = own === '' ? [''] : [...new Set(tenantRows.map(shareSuffix).filter((s) => s !== ''))];
	const { users, mailboxes } = bases(domains);
	const withShares = (tokens: string[]) => tokens.flatMap((t) => suffixes.map((s) => t + s)).join(',');
	const read = (counts: string): CountRead => ({ tenantId: company.tenantId, tenantName: company.tenantName, counts });
	return [read(withShares(own === '' ? users : [...users, ...skuIds.map((id) => id.toLowerCase())])), read(withShares(mailboxes))];
}

export interface CountOffer {
	id: string;
	label: string;
	/** The count now; null when it could not be read. */
	value: number | null;
	error: string | null;
	row: Row | null;
}

/** A read's failure item names no count: it is matched to its read through pairedItem (`readItem`). */
function failureOf(reads: Row[], readIndex: number): string | null {
	const failed = reads.filter((r) => typeof r.error === 'string' && (r.readItem === undefined || r.readItem === null || Number(r.readItem) === readIndex));
	return failed.length > 0 ? failed.map((r) => String(r.error)).join('; ') : null;
}

/** What each requested count is now, or why it could not be read. */
export function countOffers(requests: CountRead[], reads: Row[], own: string): CountOffer[] {
	const offers: CountOffer[] = [];
	requests.forEach((request, index) => {
		for (const token of request.counts.split(',')) {
			const parsed = parseCountId(token);
			if ('problem' in parsed) continue;
			if (own !== '' && !parsed.id.endsWith(own)) continue;
			const row = reads.find((r) => String(r.skuId ?? '') === parsed.id) ?? null;
			const error = row ? null : (failureOf(reads, index) ?? 'not in what Microsoft answered');
			offers.push({ id: parsed.id, label: String(row?.productName ?? parsed.id), value: row ? Number(row.assigned) : null, error, row });
		}
	});
	return offers;
}

export interface LicensesPageInput {
	company: MapRow;
	/** Company map rows of the same tenant (the other companies of a split tenant). */
	tenantRows: MapRow[];
	licenses: Row[];
	domains: string[];
	requests: CountRead[];
	reads: Row[];
	links: Row[];
	profiles: ProfileRow[];
}

const linkedIds = (links: Row[], company: MapRow): Set<string> =>
	new Set(
		links
			.filter((l) => String(l.tenantId ?? '').toLowerCase() === company.tenantId.toLowerCase() && (l.companyId === undefined || l.companyId === null || l.companyId === '' || Number(l.companyId) === Number(company.companyId)))
			.flatMap((l) => String(l.skuIds ?? '').split(',').map((id) => {
				const parsed = parseCountId(id);
				return 'problem' in parsed ? id.trim().toLowerCase() : parsed.id;
			})),
	);

const option = (label: string, id: string, linked: Set<string>) => `${label} [${id}]${linked.has(id) ? ' (linked)' : ''}`;

function splitNotes(company: MapRow, reads: Row[], own: string): string {
	const unmatched = reads.filter((r) => r.countKind === 'unmatched' && String(r.skuId).startsWith('count:licensedusers@'));
	const mine = reads.find((r) => r.skuId === `count:licensedusers${own}`);
	const twice = Array.isArray(mine?.matchedTwice) ? (mine.matchedTwice as string[]) : [];
	const list = (users: unknown) => (Array.isArray(users) ? users.slice(0, 20).map(escapeHtml).join(', ') + (users.length > 20 ? ` +${users.length - 20} more` : '') : '');
	let text = `<p><b>${escapeHtml(company.companyName)}</b> bills the users of this tenant with ${escapeHtml(shareWords(mine?.share as CountShare | undefined) || own.slice(1))}: every license and count below is this company's share.</p>`;
	for (const row of unmatched) text += `<p>${escapeHtml(row.assigned)} licensed users match no company of this tenant (the sync reports them unlinked): ${list(row.users)}</p>`;
	if (twice.length > 0) text += `<p>${twice.length} users match this company and another one (counted once, by the company whose share sorts first): ${list(twice)}</p>`;
	return text;
}

/** The licenses page: the SKUs (or this company's share of them) and the custom counts, each with its value now, and the billing profile. */
export function licensesPage(input: LicensesPageInput): { page: FormPage; offers: CountOffer[] } {
	const { company, licenses, reads, profiles } = input;
	const own = shareSuffix(company);
	const linked = linkedIds(input.links, company);
	const offers = countOffers(input.requests, reads, own);
	const skus = licenses.filter((l) => typeof l.skuId === 'string' && l.skuId !== '' && l.countKind === undefined);
	const options: string[] = [];
	let content = `<p><b>${escapeHtml(company.companyName)}</b> (${escapeHtml(company.tenantName)})</p>`;
	if (own !== '') content += splitNotes(company, reads, own);
	const value = (offer: CountOffer | undefined) => (offer === undefined ? '' : offer.value === null ? `could not be read: ${escapeHtml(offer.error)}` : escapeHtml(offer.value));
	if (own === '') {
		content += table(['License', 'Purchased', 'Assigned', 'Unassigned', 'Link'], skus.map((l) => [escapeHtml(l.productName), escapeHtml(l.purchased), escapeHtml(l.assigned), escapeHtml(l.unassigned), linked.has(String(l.skuId).toLowerCase()) ? 'linked' : 'not linked']));
		for (const l of skus) options.push(option(String(l.productName), String(l.skuId).toLowerCase(), linked));
	} else {
		const shares = skus.map((l) => ({ license: l, offer: offers.find((o) => o.id === `${String(l.skuId).toLowerCase()}${own}`) }));
		content += table(['License', "This company's users holding it", 'Link'], shares.map(({ license, offer }) => [escapeHtml(license.productName), value(offer), offer && linked.has(offer.id) ? 'linked' : 'not linked']));
		for (const { license, offer } of shares) if (offer) options.push(option(`${String(license.productName)} — ${shareWords(parseShare(offer.id))}`, offer.id, linked));
	}
	const counts = offers.filter((o) => !o.id.startsWith(`${PICK_GROUP}:`) && o.id.startsWith('count:'));
	content += '<h3>Custom counts</h3>' + table(['Count', 'Now', 'Link'], counts.map((o) => [escapeHtml(o.label), value(o), linked.has(o.id) ? 'linked' : 'not linked']));
	content += '<p>Members of a group: pick the group on the next page (its count is shown in the preview). Licensed users in other domains: type them below.</p>';
	for (const o of counts) options.push(option(o.value === null ? `${o.label} (could not be read)` : o.label, o.id, linked));
	// A profile the company's PSA cannot bill is not offered: the page says why, instead of the sync failing later.
	const { usable, refused } = usableProfiles(profiles, company);
	if (refused.length > 0) content += `<p>Billing profiles not offered for this company: ${refused.map(({ profile, why }) => `<b>${escapeHtml(profile.name)}</b> ${escapeHtml(why)}`).join('; ')}.</p>`;
	options.push(option(`Members of a group… (pick the group next)${own ? ` — ${shareWords(parseShare(own))}` : ''}`, PICK_GROUP, new Set()));
	options.push(option('Licensed users in the domains typed below', TYPED_DOMAINS, new Set()));
	const fields: FormField[] = [
		html(content),
		dropdown('license', 'License or count', options),
		{ fieldType: 'text', fieldLabel: 'Group name contains (for members of a group)', fieldName: 'groupSearch', requiredField: false },
		{ fieldType: 'text', fieldLabel: 'UPN domains, separated by + (for the domains typed below)', fieldName: 'domains', requiredField: false },
		dropdown('billingProfile', 'Billing profile', usable.map((p) => p.name)),
	];
	return { page: page('Licenses', 'Pick the license or count to link and its billing profile.', 'Next', fields), offers };
}

function parseShare(id: string): CountShare | null {
	const parsed = parseCountId(`count:licensedusers${id.slice(id.indexOf('@'))}`);
	return 'problem' in parsed ? null : parsed.share;
}

/** The id in brackets at the end of a choice ("Licensed users [count:licensedusers] (linked)"). */
export function choiceId(choice: string): string | null {
	return /\[([^[\]]+)\](?: \(linked\))?$/.exec(choice.trim())?.[1] ?? null;
}

export function wantsGroup(license: string): boolean {
	return (choiceId(license) ?? '').startsWith(PICK_GROUP) && !(choiceId(license) ?? '').startsWith(`${PICK_GROUP}:`);
}

/** The group page: the tenant's groups whose name contains the search, or why there is none to pick. */
export function groupPage(company: MapRow, groups: Row[], search: string): FormPage {
	const failed = groups.find((g) => typeof g.error === 'string');
	const text = search.trim().toLowerCase();
	const found = failed ? [] : groups.filter((g) => g.groupId && (text === '' || String(g.displayName ?? '').toLowerCase().includes(text)));
	const back = dropdown('whatNow', 'What now?', [GO_BACK, STOP], GO_BACK);
	if (failed) {
		const content = `<p>The groups of <b>${escapeHtml(company.tenantName)}</b> could not be read: ${escapeHtml(failed.error)}</p><p>A group count needs the app permission GroupMember.Read.All (Customer → Grant App Consent) and a GDAP role such as Directory Readers. Nothing is saved.</p>`;
		return page('Groups could not be read', `${company.tenantName}: no group to pick`, 'Next', [html(content), back]);
	}
	if (found.length === 0) {
		return page('No such group', `${company.tenantName}: no group to pick`, 'Next', [html(`<p>No group of <b>${escapeHtml(company.tenantName)}</b>${text ? ` contains "${escapeHtml(search.trim())}"` : ''}.</p>`), back]);
	}
	const shown = found.slice(0, MAX_GROUPS);
	const intro = `<p>${found.length} group${found.length === 1 ? '' : 's'} of <b>${escapeHtml(company.tenantName)}</b>${text ? ` containing "${escapeHtml(search.trim())}"` : ''}` +
		(found.length > shown.length ? `: the first ${shown.length} by name (go back and type more of the name to narrow them)` : '') +
		'. The line bills its enabled members, nested groups included; the preview shows how many there are now.</p>';
	return page('Which group?', 'The group whose members the line bills.', 'Next', [html(intro), dropdown('group', 'Group', shown.map((g) => `${String(g.displayName ?? g.groupId)} [count:group:${String(g.groupId)}]`))]);
}

/** The `skuIds` entry of a licenses-page choice (with the group or typed domains it needs), with the company's share. */
export function linkToken(company: MapRow, license: string, detail: { group?: string; domains?: string }): string {
	const chosen = choiceId(license);
	if (!chosen) throw new Error(`The license "${license}" names no SKU or count`);
	const own = shareSuffix(company);
	let token = chosen;
	if (chosen === PICK_GROUP) {
		token = choiceId(String(detail.group ?? '')) ?? '';
		if (!token.startsWith(`${PICK_GROUP}:`)) throw new Error(`No group was picked for "${license}"`);
		token += own;
	} else if (chosen === TYPED_DOMAINS) {
		const domains = String(detail.domains ?? '').split(/[\s,;+]+/).map((d) => d.trim().toLowerCase()).filter(Boolean);
		if (domains.length === 0) throw new Error('"Licensed users in the domains typed below" needs at least one domain');
		token = `count:licensedusers:${domains.join('+')}${own}`;
	}
	if (!token.startsWith('count:') && !token.includes('@')) return token.toLowerCase();
	const parsed = parseCountId(token);
	if ('problem' in parsed) throw new Error(parsed.problem);
	return parsed.id;
}
