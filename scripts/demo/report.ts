/** The demo's readable report: plain text from the onboarding outcome, the configuration and the sync summaries. */
import type { SyncSummary } from './summary';

export interface ReviewItem {
	/** The tenant as the onboarding form shows it: "Name (domain)". */
	tenant: string;
	/** Auto-map's best candidate, if it had one. */
	bestGuess: string | null;
}

export interface ReportInput {
	tenants: number;
	seed: number;
	/** The PSA the customers are billed in, e.g. "Autotask PSA". */
	psa: string;
	mapped: number;
	needsReview: ReviewItem[];
	links: number;
	linkedTenants: number;
	billingProfiles: number;
	/** Mapped tenants whose company has no active M365 agreement. */
	withoutAgreement: number;
	sync: SyncSummary;
	syncMs: number;
	/** The same sync run straight away, and how many writes the PSA received during it. */
	secondSync: SyncSummary;
	secondSyncWrites: number;
	/** Names for ids, so lines read as customers rather than GUIDs. */
	tenantName(tenantId: string | null): string;
	companyName(companyId: number | null): string | null;
}

const LIST_LIMIT = 20;

function list<T>(items: T[], line: (item: T) => string): string[] {
	const shown = items.slice(0, LIST_LIMIT).map((item) => `  ${line(item)}`);
	if (items.length > LIST_LIMIT) shown.push(`  … and ${items.length - LIST_LIMIT} more`);
	return shown.length > 0 ? shown : ['  none'];
}

const count = (value: number | null): string => (value === null ? '–' : String(value));

export function formatReport(input: ReportInput): string {
	const { sync } = input;
	const who = (item: { tenantId: string | null; companyId: number | null }): string => input.companyName(item.companyId) ?? input.tenantName(item.tenantId);
	const where = (item: { tenantId: string | null; companyId: number | null; agreementId: number | null; product: string | null }): string =>
		[who(item), item.agreementId === null ? null : `agreement ${item.agreementId}`, item.product].filter((part) => part).join(' · ');
	const reasons = (item: { reasons?: string[] }): string => (item.reasons ?? []).join('; ') || 'no reason given';
	const written = sync.changes.filter((change) => change.applied);
	const second = input.secondSync.counts;

	return [
		'M365 License Sync demo: report',
		'==============================',
		`Tenants          ${input.tenants} customer tenants in Partner Center (sandbox, seed ${input.seed})`,
		`PSA              ${input.psa} (sandbox)`,
		`Mapped           ${input.mapped} confident auto-map matches saved to m365_company_map`,
		`Needs review     ${input.needsReview.length} tenants auto-map was not sure about (left for a person)`,
		...list(input.needsReview, (item) => item.bestGuess ? `${item.tenant} → best guess: ${item.bestGuess}` : `${item.tenant} → no plausible company found`),
		`Licenses linked  ${input.links} links for ${input.linkedTenants} tenants, ${input.billingProfiles} billing profiles` +
			(input.withoutAgreement > 0 ? `; ${input.withoutAgreement} mapped tenants have no active M365 agreement` : ''),
		'',
		`Daily sync (${(input.syncMs / 1000).toFixed(1)} s): ${sync.counts.create} created, ${sync.counts.update} updated, ${sync.counts.unchanged} unchanged, ` +
			`${sync.counts.needsApproval} need approval, ${sync.counts.notSynced} not synced, ${sync.counts.failed} failed`,
		'',
		`Changes written (before → after): ${written.length}`,
		...list(written, (change) => `${change.action.padEnd(7)} ${where(change)}: ${count(change.before)} → ${count(change.after)}`),
		'',
		`Needs approval (nothing written; approve in the "M365 Review held-back changes" form): ${sync.needsApproval.length}`,
		...list(sync.needsApproval, (held) => `${held.action.padEnd(7)} ${where(held)}: ${count(held.before)} → ${count(held.after)} (${reasons(held)})`),
		'',
		`Not synced: ${sync.notSynced.length}`,
		...list(sync.notSynced, (item) => `${item.action.padEnd(13)} ${where(item)}: ${reasons(item)}`),
		...(sync.failed.length > 0 ? ['', `Failed: ${sync.failed.length}`, ...list(sync.failed, (item) => `${where(item)}: ${reasons(item)}`)] : []),
		'',
		`Second run straight away: ${second.create} created, ${second.update} updated, ${input.secondSyncWrites} writes to the PSA` +
			(second.create + second.update + input.secondSyncWrites === 0 ? ' (nothing left to do)' : ''),
	].join('\n');
}
