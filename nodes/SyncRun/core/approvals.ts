/**
 * The held-change write path of the core in node code (#17): from the Needs Approval items of
 * a run and the rows m365_approvals already holds, which rows are new (one insert) and which
 * lines have older pending requests that a newer one supersedes (one update per such line).
 * Until #17 this was one Data Table look-up and one update per held change, each costing n8n a
 * scan of every Data Table's size. The rules are the ones README "approvals" states:
 * - only Needs Approval items are held; a key already in the table (whatever its status) is
 *   not written again, so a rejected change stays rejected;
 * - a newer request for a line supersedes that line's older pending ones;
 * - lines this run did not hold keep their approvals as they are;
 * - the stored plan names the PSA the change was planned for (ConnectWise when it names none),
 *   so approving it later applies it there.
 * Pure: the clock is an argument.
 */
type Json = Record<string, unknown>;

/** A row of m365_approvals as the sync writes it (the columns of "Create m365_approvals if missing"). */
export interface ApprovalRow {
	key: string;
	lineKey: string;
	status: 'pending';
	proposedAction: string | null;
	tenantId: string | null;
	companyId: number | null;
	agreementId: number | null;
	product: string | null;
	currentQuantity: number | null;
	quantity: number | null;
	reason: string;
	plan: string;
	requestedAt: string;
}

/** A line whose pending requests other than `key` are superseded by `key` ("replaced by <key>"). */
export interface Supersede {
	lineKey: string;
	key: string;
}

export interface ApprovalChanges {
	/** The rows to insert, each with the index of the held plan it comes from. */
	rows: Array<{ row: ApprovalRow; index: number }>;
	/** One per line that has an older pending request than the one this run holds for it. */
	supersede: Supersede[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null);

/** The m365_approvals row of one held plan item, as the sync has always written it. */
export function approvalRow(plan: Json, now: string): ApprovalRow {
	return {
		key: String(plan.key),
		lineKey: String(plan.lineKey),
		status: 'pending',
		proposedAction: text(plan.proposedAction),
		tenantId: text(plan.tenantId),
		companyId: num(plan.companyId),
		agreementId: num(plan.agreementId),
		product: text(plan.productIdentifier),
		currentQuantity: num(plan.currentQuantity),
		quantity: num(plan.quantity),
		reason: Array.isArray(plan.reasons) ? plan.reasons.map(String).join('; ') : '',
		plan: JSON.stringify({ ...plan, psa: plan.psa ?? 'connectwise' }),
		requestedAt: now,
	};
}

/**
 * What to write for the held plans of a run, given every row m365_approvals holds (`stored`).
 * A held plan whose key is already stored is not written again. A line is superseded when this
 * run's request for it is pending (written now or already pending) and another request for it
 * is still pending: that also finishes a run that crashed between saving a request and
 * superseding the older ones. Two held plans for one line (License Reconcile gives one per line)
 * leave the last one pending. Throws on a held plan without a key or line key, naming it.
 */
export function approvalChanges(plans: Json[], stored: Json[], now: string): ApprovalChanges {
	const statusOfKey = new Map<string, string>();
	const pendingByLine = new Map<string, Set<string>>();
	for (const row of stored) {
		const key = text(row.key);
		if (key === null || key === '') continue;
		const status = text(row.status) ?? '';
		statusOfKey.set(key, status);
		const lineKey = text(row.lineKey);
		if (status === 'pending' && lineKey) {
			const keys = pendingByLine.get(lineKey) ?? new Set<string>();
			keys.add(key);
			pendingByLine.set(lineKey, keys);
		}
	}
	const rows: ApprovalChanges['rows'] = [];
	const heldKeyOfLine = new Map<string, string>();
	plans.forEach((plan, index) => {
		if (plan.action !== 'needsApproval') return;
		const key = text(plan.key);
		const lineKey = text(plan.lineKey);
		if (!key || !lineKey) {
			throw new Error(`Held change ${index + 1} (tenant ${text(plan.tenantId) ?? '?'}, ${text(plan.productIdentifier) ?? 'no product'}) has no ${key ? 'lineKey' : 'key'}: it is not the output of License Reconcile`);
		}
		if (!statusOfKey.has(key)) {
			rows.push({ row: approvalRow(plan, now), index });
			statusOfKey.set(key, 'pending');
		}
		if (statusOfKey.get(key) === 'pending') {
			heldKeyOfLine.delete(lineKey);
			heldKeyOfLine.set(lineKey, key);
		}
	});
	const supersede: Supersede[] = [];
	for (const [lineKey, key] of heldKeyOfLine) {
		const others = [...(pendingByLine.get(lineKey) ?? [])].filter((pending) => pending !== key);
		const newOthers = rows.some(({ row }) => row.lineKey === lineKey && row.key !== key);
		if (others.length > 0 || newOthers) supersede.push({ lineKey, key });
	}
	return { rows, supersede };
}
