/**
 * The write path of the core template in node code (#17): the plan items Apply needs (with
 * the PSA and company each one bills), the audit row recorded before any PSA write
 * (`started`), and the row's result after Apply. Until #17 these were about twenty template
 * expressions per line written, n8n's slowest way to compute anything (each evaluation
 * enters its expression sandbox, and one that reads the scope item copies it first).
 * Pure: the clock is an argument.
 */
import type { Psa, RunScope } from './scopeTypes';

type Json = Record<string, unknown>;

/** The columns of m365_sync_audit a `started` row fills (see the core's "Create m365_sync_audit if missing"). */
export interface IntentRow {
	time: string;
	runId: string;
	status: 'started';
	action: string;
	tenantId: string | null;
	companyId: number | null;
	agreementId: number | null;
	additionId: number | null;
	product: string | null;
	lineKey: string | null;
	key: string | null;
	prorate: string;
	before: string;
	after: string;
	reason: string;
}

/**
 * The finished audit row of one change: its `started` row with the result (status, what was
 * read and written, the prorate line, the result text, when it finished). "Complete audit
 * rows" inserts these in one call, then the `started` rows they finish are deleted: one
 * update per line cost n8n a scan of every Data Table's size (#17).
 */
export interface ResultRow extends Omit<IntentRow, 'status'> {
	status: 'applied' | 'alreadyDone' | 'failed';
	result: string;
	finishedAt: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
const id = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : null);
const object = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const stringified = (value: unknown): string => (value ? JSON.stringify(value) : '');

/**
 * The change items of License Reconcile with what Apply and the audit need on the item itself:
 * `psa` (the agreement's PSA, routing it to that PSA's Apply) and the company the link bills
 * (`companyId`, `companyName`: Apply checks the agreement still belongs to it right before
 * writing). A company is added only when the scope names exactly one for the tenant and
 * agreement; an agreement the scope does not route gets `psa: null` (no Apply answers it, it
 * gets no started row, and the summary counts it failed).
 */
export function plansToApply(plans: Json[], scope: Pick<RunScope, 'agreementPsa' | 'links'>): Json[] {
	const companies = new Map<string, Set<string>>();
	const names = new Map<string, string | null>();
	for (const link of scope.links ?? []) {
		const where = `${String(link.tenantId)}|${String(link.agreementId)}`;
		const set = companies.get(where) ?? new Set<string>();
		set.add(String(link.companyId));
		companies.set(where, set);
		names.set(`${where}|${String(link.companyId)}`, link.companyName ?? null);
	}
	return plans.map((plan) => {
		const out: Json = { ...plan };
		const psa: Psa | undefined = scope.agreementPsa?.[String(plan.agreementId)];
		out.psa = psa ?? null;
		const where = `${String(plan.tenantId)}|${String(plan.agreementId)}`;
		const found = companies.get(where);
		if ((plan.companyId === undefined || plan.companyId === null) && found?.size === 1) {
			const [company] = [...found];
			out.companyId = Number(company);
			out.companyName = names.get(`${where}|${company}`) ?? null;
		}
		return out;
	});
}

/** What the plan means to write, for the audit's `after` (Apply reports what it wrote instead). */
function plannedAfter(plan: Json): string {
	return JSON.stringify({
		quantity: plan.quantity,
		lessIncluded: plan.lessIncluded,
		unitPrice: plan.unitPrice ?? null,
		billCustomer: plan.billCustomer ?? null,
		invoiceDescription: plan.invoiceDescription,
		effectiveDate: plan.effectiveDate ?? null,
	});
}

/** Whether Apply will be given this plan item: one routed to no PSA (`psa: null`) is never written, so it gets no started row. */
export function routed(plan: Json): boolean {
	return plan.psa !== null;
}

/** The `started` row of one plan item, recorded before the PSA is touched so a crash leaves it to be marked interrupted. */
export function intentRow(plan: Json, runId: string, now: string): IntentRow {
	return {
		time: now,
		runId,
		status: 'started',
		action: text(plan.action) ?? '',
		tenantId: text(plan.tenantId),
		companyId: id(plan.companyId),
		agreementId: id(plan.agreementId),
		additionId: id(plan.additionId),
		product: text(plan.productIdentifier),
		lineKey: text(plan.lineKey),
		key: text(plan.key),
		prorate: stringified(plan.prorate),
		before: stringified(plan.current),
		after: plannedAfter(plan),
		reason: Array.isArray(plan.reasons) ? plan.reasons.map(String).join('; ') : '',
	};
}

/**
 * The finished row of one Apply item (written, already there, or failed: `error` with its
 * audit facts on the item or under `details`) from its `started` row: what Apply read and
 * wrote where it got that far, else what the started row says was planned.
 */
export function resultRow(applied: Json, intent: Json, now: string): ResultRow {
	const details = object(applied.details) ?? {};
	const prorate = object(applied.prorate ?? details.prorate);
	const error = typeof applied.error === 'string' ? applied.error : applied.error ? String(applied.error) : null;
	const before = applied.before ?? details.before;
	const after = applied.after ?? details.after;
	const started = (column: keyof IntentRow): string => text(intent[column]) ?? '';
	return {
		time: text(intent.time) ?? (intent.time instanceof Date ? intent.time.toISOString() : now),
		runId: started('runId'),
		action: text(intent.action) ?? text(applied.action) ?? '',
		tenantId: text(intent.tenantId) ?? text(applied.tenantId),
		companyId: id(intent.companyId) ?? id(applied.companyId),
		agreementId: id(intent.agreementId) ?? id(applied.agreementId),
		additionId: id(applied.additionId) ?? id(details.additionId) ?? id(intent.additionId),
		product: text(intent.product) ?? text(applied.productIdentifier),
		lineKey: text(intent.lineKey) ?? text(applied.lineKey),
		key: text(intent.key) ?? text(applied.key),
		status: error ? 'failed' : applied.applied || prorate?.applied ? 'applied' : 'alreadyDone',
		prorate: prorate ? JSON.stringify(prorate) : started('prorate'),
		before: before ? JSON.stringify(before) : started('before'),
		after: after ? JSON.stringify(after) : started('after'),
		reason: started('reason'),
		result: error ?? `${applied.applied ? 'written' : 'already in the PSA'}${prorate ? `; prorate line ${prorate.applied ? 'written' : 'already there'}` : ''}`,
		finishedAt: now,
	};
}

/**
 * The finished rows of Apply's items, one each, from the `started` row of its key (this run's,
 * as "Record intents" wrote them). An item with no started row (none should reach here) still
 * gets its row from what Apply says, under `runId`: a write is never left unaudited.
 */
export function resultRows(applied: Json[], intents: ReadonlyArray<Json | IntentRow>, runId: string, now: string): ResultRow[] {
	const byKey = new Map<string, Json>();
	for (const intent of intents as Json[]) {
		const key = text(intent.key);
		if (key !== null) byKey.set(key, intent);
	}
	return applied.map((item) => {
		const key = text(item.key) ?? text(object(item.details)?.key);
		return resultRow(item, (key === null ? undefined : byKey.get(key)) ?? { runId }, now);
	});
}
