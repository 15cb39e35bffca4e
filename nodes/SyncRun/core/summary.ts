/**
 * "Summary" of the core template, as code (#16): one run's outcome from the plan, Apply's
 * results, the held and Not Synced items and the reads that failed — counts, lists and the
 * text a person reads. Pure: the clock comes in as `now`.
 */
import type { Row, RunScope } from './scope';

export interface SummaryInput {
	scope: Pick<RunScope, 'companyId' | 'tenantId' | 'dryRun' | 'companiesOf' | 'tenants' | 'links' | 'notSynced' | 'linkedElsewhere'>;
	timeZone: string;
	/** The plan items sent to Apply, in Apply's order (results pair with them by position). */
	planned: Row[];
	/** License Reconcile's Changes: the plan when no items were sent to Apply separately. */
	reconcileChanges?: Row[];
	/** Apply's results (a failed item: `{ error }`). */
	applied: Row[];
	/** License Reconcile's Unchanged, Needs Approval and Not Synced outputs. */
	unchanged: Row[];
	held: Row[];
	notSynced: Row[];
	/** Failure items of the license and line reads (contract C1). */
	licenseReadFailures: Row[];
	lineReadFailures: Row[];
	/** Seconds this run waited for the lock. */
	waitedSeconds: number;
	/** The review form's address, when there is one. */
	reviewFormUrl: string | null;
	/** Now, an ISO date-time with offset: the run's finish time and (without a plan) its day. */
	now: string;
}

export interface SummaryCounts {
	tenants: number;
	links: number;
	create: number;
	update: number;
	unchanged: number;
	needsApproval: number;
	notSynced: number;
	couldNotRead: number;
	failed: number;
}

type Entry = Record<string, unknown>;

export interface RunSummary {
	status: 'ran';
	companyId: string | null;
	tenantId: string | null;
	dryRun: boolean;
	referenceDate: string;
	timeZone: string;
	waitedSeconds: number;
	finishedAt: string;
	counts: SummaryCounts;
	changes: Entry[];
	needsApproval: Entry[];
	notSynced: Entry[];
	couldNotRead: Entry[];
	failed: Entry[];
	text: string;
}

const nonEmpty = (rows: Row[]): Row[] => rows.filter((row) => Object.keys(row).length > 0);
const quantityOf = (values: unknown): unknown => (values && typeof values === 'object' ? ((values as Row).quantity ?? null) : null);
const detail = (row: Row, key: string): unknown => row[key] ?? (row.details as Row | undefined)?.[key] ?? null;

/** The day `now` is in the time zone, YYYY-MM-DD. */
export function dayIn(now: string, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

export function runSummary(input: SummaryInput): RunSummary {
	const { scope, timeZone } = input;
	const planned = nonEmpty(input.planned).length > 0 ? nonEmpty(input.planned) : nonEmpty(input.reconcileChanges ?? []);
	const applied = nonEmpty(input.applied);
	const unchanged = nonEmpty(input.unchanged);
	const held = nonEmpty(input.held);
	const companyOf = (item: Row): unknown => {
		if (item.companyId !== undefined && item.companyId !== null) return item.companyId;
		const mapped = scope.companiesOf[String(item.tenantId)] ?? [];
		return mapped.length === 1 ? mapped[0].companyId : null;
	};
	// Reads that failed: the real error per tenant or agreement (their links are Not Synced as readFailed).
	const couldNotRead: Entry[] = nonEmpty(input.licenseReadFailures)
		.map((e) => ({ tenantId: detail(e, 'tenantId'), error: e.error }) as Entry)
		.concat(nonEmpty(input.lineReadFailures).map((e) => ({ agreementId: detail(e, 'agreementId'), error: e.error })));
	// A license linked for another company (or by a link that was not synced) is not "unlinked".
	const linkedElsewhere = (item: Row): boolean =>
		item.action === 'unlinked' &&
		scope.linkedElsewhere.some((key) => key.startsWith(`${String(item.tenantId)}|`) && ((item.skuIds as unknown[] | undefined) ?? []).some((sku) => key.includes(String(sku).toLowerCase())));
	const notSynced = nonEmpty(input.notSynced).filter((item) => !linkedElsewhere(item));

	const changes: Entry[] = [];
	const failed: Entry[] = [];
	applied.forEach((result, index) => {
		const plan = planned[index] ?? {};
		if (result.error) {
			failed.push({ key: plan.key, action: plan.action, tenantId: plan.tenantId, companyId: companyOf(plan), agreementId: plan.agreementId, product: plan.productIdentifier, reasons: [result.error] });
			return;
		}
		const after = result.after as Row | null | undefined;
		changes.push({
			action: result.action,
			applied: result.applied,
			dryRun: result.dryRun,
			tenantId: result.tenantId,
			companyId: companyOf(plan),
			agreementId: result.agreementId,
			additionId: result.additionId,
			product: result.productIdentifier,
			before: quantityOf(result.before),
			after: quantityOf(after),
			description: after ? after.invoiceDescription : null,
			prorate: result.prorate ?? null,
			reasons: result.reasons,
		});
	});
	const needsApproval: Entry[] = held.map((item) => ({
		key: item.key,
		action: item.proposedAction,
		tenantId: item.tenantId,
		companyId: companyOf(item),
		agreementId: item.agreementId,
		product: item.productIdentifier,
		before: item.currentQuantity ?? null,
		after: item.quantity ?? null,
		reasons: item.reasons,
	}));
	const skipped: Entry[] = notSynced
		.map(
			(item): Entry => ({
				action: item.action,
				tenantId: item.tenantId,
				companyId: companyOf(item),
				agreementId: item.agreementId ?? null,
				product: item.productIdentifier ?? item.productName ?? item.skuPartNumber ?? null,
				reasons: item.reasons,
			}),
		)
		.concat(scope.notSynced as unknown as Entry[]);
	const done = (change: Entry): boolean => change.applied === true || change.dryRun === true;
	const count = (action: string): number => changes.filter((change) => change.action === action && done(change)).length;
	const counts: SummaryCounts = {
		tenants: scope.tenants.length,
		links: scope.links.length,
		create: count('create'),
		update: count('update'),
		unchanged: unchanged.length + changes.filter((change) => !done(change)).length,
		needsApproval: needsApproval.length,
		notSynced: skipped.length,
		couldNotRead: couldNotRead.length,
		failed: failed.length,
	};
	// The day the plan was made for (prorate periods, effective dates), in the run's time zone.
	const first = [...planned, ...unchanged, ...held][0];
	const referenceDate = typeof first?.referenceDate === 'string' ? first.referenceDate : dayIn(input.now, timeZone);
	const line = (c: Entry): string => `${String(c.tenantId)} / agreement ${String(c.agreementId)} / ${String(c.product)}: ${String(c.before ?? '-')} → ${String(c.after ?? '-')}`;
	const reasonsOf = (c: Entry): string[] => (Array.isArray(c.reasons) ? c.reasons.map(String) : []);
	const text = [
		`M365 license sync${scope.dryRun ? ' (dry run)' : ''} for ${referenceDate} (${timeZone}): ${counts.create} created, ${counts.update} updated, ${counts.unchanged} unchanged, ` +
			`${counts.needsApproval} need approval, ${counts.notSynced} not synced, ${counts.couldNotRead} could not be read, ${counts.failed} failed.`,
		...(input.waitedSeconds > 0 ? [`Waited ${input.waitedSeconds} s for another sync to finish first.`] : []),
		...changes.filter(done).map((c) => `• ${String(c.action)} ${line(c)}`),
		...needsApproval.map((c) => `• needs approval ${line(c)} (${reasonsOf(c).join('; ')})`),
		...(needsApproval.length > 0 ? [`Approve or reject them in the form ${input.reviewFormUrl ?? ''} (workflow M365 Review held-back changes).`] : []),
		...couldNotRead.map((c) => `• could not read ${c.tenantId ? `licenses of tenant ${String(c.tenantId)}` : `lines of agreement ${String(c.agreementId)}`}: ${String(c.error)}`),
		...failed.map((c) => `• failed ${String(c.tenantId)} / agreement ${String(c.agreementId)}: ${reasonsOf(c).join('; ')}`),
	].join('\n');
	return {
		status: 'ran',
		companyId: scope.companyId,
		tenantId: scope.tenantId,
		dryRun: scope.dryRun,
		referenceDate,
		timeZone,
		waitedSeconds: input.waitedSeconds,
		finishedAt: input.now,
		counts,
		changes,
		needsApproval,
		notSynced: skipped,
		couldNotRead,
		failed,
		text,
	};
}
