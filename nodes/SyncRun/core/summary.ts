/**
 * The summary of one sync run (the core's "Summary"): counts, changes before → after, what
 * needs approval, what was not synced or could not be read, what failed, and a text for people.
 * Apply results from every PSA arrive in one list; each is paired with its plan item by key.
 */
import type { Counts } from './types';
import type { RunScope } from './scopeTypes';

type Json = Record<string, unknown>;

/** What the run's steps emitted (empty lists for steps that did not run). */
export interface StepOutputs {
	/** The plan items Apply was given ("Plan to apply", or License Reconcile's Changes on a dry run). */
	planned: Json[];
	/** Apply results of every PSA. */
	applied: Json[];
	unchanged: Json[];
	held: Json[];
	/** License Reconcile's Not Synced output. */
	notSynced: Json[];
	/** Error items of the license read and of the PSA line reads. */
	licenseReadFailures: Json[];
	lineReadFailures: Json[];
}

export interface SummaryOptions {
	/** Sync settings' time zone, named in the text. */
	timeZone: string;
	waitedSeconds: number;
	/** The "M365 Review held-back changes" form's URL, named when something needs approval. */
	reviewFormUrl: string;
	/** The caller's clock (ISO time); the reference date falls back to its day in the time zone. */
	now: string;
}

export interface Change {
	action: unknown;
	applied: unknown;
	dryRun: unknown;
	tenantId: unknown;
	companyId: unknown;
	agreementId: unknown;
	additionId: unknown;
	product: unknown;
	before: unknown;
	after: unknown;
	description: unknown;
	prorate: unknown;
	reasons: unknown;
}

export interface RunSummaryItem {
	status: 'ran';
	companyId: string | null;
	tenantId: string | null;
	dryRun: boolean;
	referenceDate: string;
	timeZone: string;
	waitedSeconds: number;
	finishedAt: string;
	counts: Counts;
	changes: Change[];
	needsApproval: Json[];
	notSynced: Json[];
	couldNotRead: Array<{ tenantId?: unknown; agreementId?: unknown; error: unknown }>;
	failed: Json[];
	text: string;
}

const nonEmpty = (list: Json[]): Json[] => list.filter((json) => json && Object.keys(json).length > 0);
const details = (item: Json): Json => (item.details && typeof item.details === 'object' ? (item.details as Json) : {});
const quantity = (values: unknown): unknown => (values && typeof values === 'object' ? (values as Json).quantity : null);

/** `YYYY-MM-DD` of an instant in a time zone (UTC when the zone is unknown). */
export function dayIn(now: string, timeZone: string): string {
	const at = new Date(now);
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
	} catch {
		return at.toISOString().slice(0, 10);
	}
}

export function summarizeRun(scope: RunScope, steps: StepOutputs, options: SummaryOptions): RunSummaryItem {
	const planned = nonEmpty(steps.planned);
	const unchanged = nonEmpty(steps.unchanged);
	const held = nonEmpty(steps.held);
	const planOf = new Map(planned.map((plan) => [plan.key, plan]));
	const companyOf = (item: Json): unknown => {
		if (item.companyId !== undefined && item.companyId !== null) return item.companyId;
		const companies = scope.companiesOf[String(item.tenantId)] ?? [];
		return companies.length === 1 ? companies[0].companyId : null;
	};
	// Reads that failed: the real error per tenant or agreement (their links are Not Synced as readFailed).
	const couldNotRead = [
		...nonEmpty(steps.licenseReadFailures).map((e) => ({ tenantId: e.tenantId ?? details(e).tenantId ?? null, error: e.error })),
		...nonEmpty(steps.lineReadFailures).map((e) => ({ agreementId: e.agreementId ?? details(e).agreementId ?? null, error: e.error })),
	];
	// A license linked for another company (or by a link that was not synced) is not "unlinked".
	const linkedElsewhere = (item: Json): boolean =>
		item.action === 'unlinked' &&
		scope.linkedElsewhere.some((key) => key.startsWith(`${String(item.tenantId)}|`) && ((item.skuIds as unknown[] | undefined) ?? []).some((sku) => key.includes(String(sku).toLowerCase())));

	const changes: Change[] = [];
	const failed: Json[] = [];
	for (const result of nonEmpty(steps.applied)) {
		const plan = planOf.get(result.key ?? details(result).key) ?? {};
		if (result.error) {
			failed.push({ key: plan.key, action: plan.action, tenantId: plan.tenantId, companyId: companyOf(plan), agreementId: plan.agreementId, product: plan.productIdentifier, reasons: [result.error] });
			continue;
		}
		const after = result.after as Json | null | undefined;
		changes.push({
			action: result.action,
			applied: result.applied,
			dryRun: result.dryRun,
			tenantId: result.tenantId,
			companyId: companyOf(plan),
			agreementId: result.agreementId,
			additionId: result.additionId,
			product: result.productIdentifier,
			before: quantity(result.before),
			after: quantity(after),
			description: after ? after.invoiceDescription : null,
			prorate: result.prorate ?? null,
			reasons: result.reasons,
		});
	}
	// Never lose a line: a planned change with no result from either PSA node (e.g. no route to a
	// PSA for its agreement) is a failure the run reports, not a change that quietly did not happen.
	const answered = new Set(nonEmpty(steps.applied).map((result) => result.key ?? details(result).key));
	for (const plan of planned) {
		if (plan.key === undefined || answered.has(plan.key)) continue;
		failed.push({
			key: plan.key,
			action: plan.action,
			tenantId: plan.tenantId,
			companyId: companyOf(plan),
			agreementId: plan.agreementId,
			product: plan.productIdentifier,
			reasons: ['no PSA node answered for this change, so it was not applied; the next run reads the PSA again and plans it anew'],
		});
	}
	const needsApproval = held.map((item) => ({
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
	const notSynced: Json[] = [
		...nonEmpty(steps.notSynced)
			.filter((item) => !linkedElsewhere(item))
			.map((item) => ({
				action: item.action,
				tenantId: item.tenantId,
				companyId: companyOf(item),
				agreementId: item.agreementId ?? null,
				product: item.productIdentifier ?? item.productName ?? item.skuPartNumber ?? null,
				reasons: item.reasons,
			})),
		...(scope.notSynced as unknown as Json[]),
	];
	const written = (change: Change) => Boolean(change.applied) || Boolean(change.dryRun);
	const count = (action: string) => changes.filter((change) => change.action === action && written(change)).length;
	const counts: Counts = {
		tenants: scope.tenants.length,
		links: scope.links.length,
		create: count('create'),
		update: count('update'),
		unchanged: unchanged.length + changes.filter((change) => !written(change)).length,
		needsApproval: needsApproval.length,
		notSynced: notSynced.length,
		couldNotRead: couldNotRead.length,
		failed: failed.length,
	};
	// The day the plan was made for (prorate periods, effective dates), in the time zone of Sync settings.
	const referenceDate = String([...planned, ...unchanged, ...held][0]?.referenceDate ?? dayIn(options.now, options.timeZone));
	const { waitedSeconds } = options;
	const line = (c: { tenantId: unknown; agreementId: unknown; product: unknown; before: unknown; after: unknown }) =>
		`${String(c.tenantId)} / agreement ${String(c.agreementId)} / ${String(c.product)}: ${String(c.before ?? '-')} → ${String(c.after ?? '-')}`;
	const reasons = (value: unknown): string => (Array.isArray(value) ? value.join('; ') : '');
	const text = [
		`M365 license sync${scope.dryRun ? ' (dry run)' : ''} for ${referenceDate} (${options.timeZone}): ${counts.create} created, ${counts.update} updated, ${counts.unchanged} unchanged, ` +
			`${counts.needsApproval} need approval, ${counts.notSynced} not synced, ${counts.couldNotRead} could not be read, ${counts.failed} failed.`,
		...(waitedSeconds > 0 ? [`Waited ${waitedSeconds} s for another sync to finish first.`] : []),
		...changes.filter(written).map((c) => `• ${String(c.action)} ${line(c)}`),
		...needsApproval.map((c) => `• needs approval ${line(c)} (${reasons(c.reasons)})`),
		...(needsApproval.length > 0 ? [`Approve or reject them in the form ${options.reviewFormUrl} (workflow M365 Review held-back changes).`] : []),
		...couldNotRead.map((c) => `• could not read ${'tenantId' in c && c.tenantId ? `licenses of tenant ${String(c.tenantId)}` : `lines of agreement ${String((c as { agreementId?: unknown }).agreementId)}`}: ${String(c.error)}`),
		...failed.map((c) => `• failed ${String(c.tenantId)} / agreement ${String(c.agreementId)}: ${reasons(c.reasons)}`),
	].join('\n');
	return {
		status: 'ran',
		companyId: scope.companyId,
		tenantId: scope.tenantId,
		dryRun: scope.dryRun,
		referenceDate,
		timeZone: options.timeZone,
		waitedSeconds,
		finishedAt: options.now,
		counts,
		changes,
		needsApproval,
		notSynced,
		couldNotRead,
		failed,
		text,
	};
}
