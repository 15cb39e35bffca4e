import { htmlTable, type TableRow } from './html';
import type { ApprovalRow, CompanyMapRow } from './types';

/** A row of m365_license_links (with the Data Table row id). */
export interface LinkRow {
	id?: number | string;
	tenantId?: string;
	skuIds?: string | string[];
	term?: string | null;
	companyId?: number | null;
	agreementId?: number | null;
	billingProfile?: string | null;
	quantityBasis?: string | null;
	includedQuantity?: number | null;
	minimumQuantity?: number | null;
	doNotBill?: boolean | null;
}

/** A Microsoft license row (or a C1 failure row with `error`). */
export interface LicenseRow {
	tenantId?: string;
	tenantName?: string;
	skuId?: string;
	skuPartNumber?: string | null;
	productName?: string | null;
	purchased?: number;
	assigned?: number;
	unassigned?: number;
	error?: string;
	details?: { tenantId?: string };
}

/** A line of a PSA node, agreement addition or contract service (or a C1 failure row with `error`). */
export interface AdditionRow {
	/** The PSA it was read in (the template adds it); absent: ConnectWise. */
	psa?: string;
	agreementId?: number;
	additionId?: number;
	productIdentifier?: string;
	quantity?: number;
	managed?: boolean;
	cancelledDate?: string | null;
	error?: string;
	details?: { agreementId?: number };
}

export interface ProfileRow {
	name?: string;
	productIdentifier?: string;
}

export interface AuditRow {
	time?: string;
	tenantId?: string | null;
	status?: string;
	action?: string;
	agreementId?: number | null;
	product?: string | null;
	before?: string | null;
	after?: string | null;
	result?: string | null;
}

export interface CompanyFacts {
	companyId: number;
	companyName: string;
	/** The PSA the company lives in, lower case. */
	psa: string;
	tenants: CompanyMapRow[];
	links: LinkRow[];
	/** Link row id → why the sync cannot tell which company it bills (its agreement is not read). */
	unclear: Record<string, string>;
	licenses: LicenseRow[];
	lines: AdditionRow[];
	profiles: ProfileRow[];
	approvals: ApprovalRow[];
	audit: AuditRow[];
}

const lower = (value: unknown): string => String(value ?? '').trim().toLowerCase();

/** A link's SKU ids, as the link table stores them (a list, or text separated by commas). */
export function skuIdsOf(link: LinkRow): string[] {
	const raw = link.skuIds;
	if (Array.isArray(raw)) return raw.map(lower).filter(Boolean);
	const value = String(raw ?? '').trim();
	if (value.startsWith('[')) {
		try {
			return (JSON.parse(value) as unknown[]).map(lower).filter(Boolean);
		} catch {
			// not JSON after all: read it as a list below
		}
	}
	return value.split(/[,;\s]+/).map(lower).filter(Boolean);
}

export const licenseName = (license: LicenseRow): string => license.productName || license.skuPartNumber || 'Unnamed license';

const linksOf = (facts: CompanyFacts, license: LicenseRow): LinkRow[] =>
	facts.links.filter((link) => lower(link.tenantId) === lower(license.tenantId) && skuIdsOf(link).some((id) => id === lower(license.skuId) || id === lower(license.skuPartNumber)));

const tenantName = (facts: CompanyFacts, tenantId: unknown): string => {
	const row = facts.tenants.find((tenant) => lower(tenant.tenantId) === lower(tenantId));
	return row?.tenantName || row?.defaultDomain || 'unknown tenant';
};

const productOf = (facts: CompanyFacts, link: LinkRow): string | null => facts.profiles.find((profile) => profile.name === link.billingProfile)?.productIdentifier ?? null;

/** A read failure of the licenses of one tenant / the lines of one agreement (C1). */
function failureFor<T extends { error?: string; details?: Record<string, unknown> }>(rows: T[], key: 'tenantId' | 'agreementId', value: unknown): string | null {
	const failed = rows.filter((row) => typeof row.error === 'string' && row.error !== '');
	const own = failed.find((row) => lower((row as Record<string, unknown>)[key] ?? row.details?.[key]) === lower(value));
	const whole = failed.find((row) => ((row as Record<string, unknown>)[key] ?? row.details?.[key]) === undefined);
	return (own ?? whole)?.error ?? null;
}

/** The audit stores a line's values as JSON (or a bare quantity); the overview shows the quantity. */
export function auditQuantity(value: unknown): string {
	const text = String(value ?? '').trim();
	if (text === '' || text === 'null') return '\u2013';
	if (!text.startsWith('{')) return text;
	try {
		const quantity = (JSON.parse(text) as { quantity?: unknown }).quantity;
		return typeof quantity === 'number' ? String(quantity) : '\u2013';
	} catch {
		return '\u2013';
	}
}

export interface LinkFacts {
	line: string;
	psaQuantity: string;
	held: string;
	lastSync: string;
}

/** What the PSA side says about one link: its managed line, what waits, what the last sync did. */
export function linkFacts(facts: CompanyFacts, link: LinkRow): LinkFacts {
	const product = productOf(facts, link);
	const agreement = `agreement #${link.agreementId ?? '?'}`;
	const unclear = facts.unclear[String(link.id)];
	if (unclear !== undefined) return { line: `${agreement}: not read, and not billed by the sync: ${unclear}`, psaQuantity: '\u2013', held: '\u2013', lastSync: 'not synced' };
	const failure = failureFor(facts.lines, 'agreementId', link.agreementId);
	const lines = facts.lines.filter((line) => !line.error && line.agreementId === link.agreementId && line.productIdentifier === product && line.managed === true && !line.cancelledDate);
	const held = facts.approvals.filter((row) => (row.status ?? 'pending') === 'pending' && row.agreementId === link.agreementId && row.product === product);
	const audit = facts.audit
		.filter((row) => row.agreementId === link.agreementId && row.product === product && row.time)
		.sort((a, b) => String(b.time).localeCompare(String(a.time)))[0];
	const line = failure !== null ? `${agreement}: could not read its lines (${failure})` : lines.length === 0 ? `${agreement}, no synced line yet` : `${agreement}, line ${lines.map((l) => l.additionId).join(' + ')}${product ? ` (${product})` : ''}`;
	const psaQuantity = failure !== null ? 'could not read' : lines.length === 0 ? '\u2013' : lines.map((l) => String(l.quantity ?? 0)).join(' + ');
	const heldText = held.length === 0 ? '\u2013' : held.map((row) => `${row.currentQuantity ?? 'no line'} \u2192 ${row.quantity ?? 0}`).join('; ') + ` (${held.length} waiting)`;
	const lastSync = audit ? `${String(audit.time).slice(0, 16).replace('T', ' ')}: ${audit.status ?? ''} ${audit.action ?? ''} ${auditQuantity(audit.before)} \u2192 ${auditQuantity(audit.after)}`.replace(/\s+/g, ' ') : 'not synced yet';
	return { line, psaQuantity, held: heldText, lastSync };
}

const profileText = (link: LinkRow): string => `${link.billingProfile ?? '\u2013'}${link.doNotBill ? ' (do not bill)' : ''}`;

const count = (value: unknown): string => (typeof value === 'number' ? String(value) : '\u2013');

/** The license table of the overview: every license and every link, unlinked licenses highlighted. */
export function licenseTable(facts: CompanyFacts): string {
	const several = facts.tenants.length > 1;
	const headers = ['License', ...(several ? ['Tenant'] : []), 'Purchased', 'Assigned', 'Unused', 'Agreement line', 'Billing profile', 'PSA quantity now', 'Held changes', 'Last sync'];
	const rows: TableRow[] = [];
	const licenses = facts.licenses.filter((license) => !license.error && license.skuId);
	const shownLinks = new Set<LinkRow>();
	const sorted = [...licenses].sort((a, b) => licenseName(a).localeCompare(licenseName(b)));
	for (const license of sorted) {
		const tenant = several ? [tenantName(facts, license.tenantId)] : [];
		const counts = [count(license.purchased), count(license.assigned), count(license.unassigned ?? (typeof license.purchased === 'number' && typeof license.assigned === 'number' ? Math.max(0, license.purchased - license.assigned) : undefined))];
		const links = linksOf(facts, license);
		if (links.length === 0) {
			rows.push({ cells: [{ text: licenseName(license), strong: true }, ...tenant, ...counts, { text: 'Not linked: link it in the Link licenses form, or leave it unbilled', strong: true }, '\u2013', '\u2013', '\u2013', '\u2013'], highlight: true });
			continue;
		}
		for (const link of links) {
			shownLinks.add(link);
			const f = linkFacts(facts, link);
			rows.push({ cells: [licenseName(license) + (link.term ? ` (${link.term})` : ''), ...tenant, ...counts, f.line, profileText(link), f.psaQuantity, f.held, f.lastSync] });
		}
	}
	for (const link of facts.links.filter((candidate) => !shownLinks.has(candidate))) {
		const f = linkFacts(facts, link);
		const readFailed = failureFor(facts.licenses, 'tenantId', link.tenantId);
		const what = readFailed !== null ? `could not read the licenses (${readFailed})` : 'not in Microsoft\u2019s license list';
		const tenant = several ? [tenantName(facts, link.tenantId)] : [];
		rows.push({ cells: [{ text: `${linkLabelProduct(facts, link)}: ${what}`, strong: true }, ...tenant, '\u2013', '\u2013', '\u2013', f.line, profileText(link), f.psaQuantity, f.held, f.lastSync], highlight: true });
	}
	return htmlTable(headers, rows);
}

/** The product a link bills, named by its license when it is known. */
export function linkLabelProduct(facts: CompanyFacts, link: LinkRow): string {
	const ids = skuIdsOf(link);
	const license = facts.licenses.find((row) => !row.error && lower(row.tenantId) === lower(link.tenantId) && ids.some((id) => id === lower(row.skuId) || id === lower(row.skuPartNumber)));
	if (license) return licenseName(license);
	const profile = productOf(facts, link);
	return profile ?? link.billingProfile ?? 'a license';
}
