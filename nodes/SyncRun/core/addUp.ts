import type { AddUpOptions, BatchOutcome, BatchRow, CombinedSummary, Counts, RunSummary } from './types';

const COUNT_KEYS: Array<keyof Counts> = ['tenants', 'links', 'create', 'update', 'unchanged', 'needsApproval', 'notSynced', 'couldNotRead', 'failed'];

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());

function parseList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	try {
		const parsed: unknown = JSON.parse(text(value) || '[]');
		return Array.isArray(parsed) ? parsed.map(String) : [];
	} catch {
		return [];
	}
}

function parseSummary(value: unknown): RunSummary | undefined {
	if (value && typeof value === 'object') return value as RunSummary;
	try {
		const parsed: unknown = JSON.parse(text(value));
		return parsed && typeof parsed === 'object' ? (parsed as RunSummary) : undefined;
	} catch {
		return undefined;
	}
}

/** Why a batch that is not done did not sync its tenants, in words for the summary. */
function failureOf(row: BatchRow, summary: RunSummary | undefined): Pick<BatchOutcome, 'status' | 'error'> {
	const status = text(row.status);
	if (text(row.startError) !== '' && (status === '' || status === 'queued')) return { status: 'notStarted', error: `could not be started: ${text(row.startError)}` };
	if (status === 'failed') return { status: 'failed', error: `failed: ${text(row.error) || 'no error was recorded'}` };
	if (status === 'refused') return { status: 'refused', error: `was refused: ${text(row.error) || summary?.message || 'no reason was recorded'}` };
	if (status === 'done') return { status: 'failed', error: 'finished without a readable summary' };
	if (status === 'running') return { status: 'unfinished', error: 'started but did not finish in time (its worker may have stopped)' };
	return { status: 'unfinished', error: 'was never started by a worker in time' };
}

const quantityLine = (c: Record<string, unknown>): string =>
	`${text(c.tenantId)} / agreement ${text(c.agreementId)} / ${text(c.product)}: ${text(c.before) || '-'} → ${text(c.after) || '-'}`;

/**
 * Adds up the batches of one run into one summary of the same shape as a run without batches, plus
 * the batches and the tenants that could not sync because their batch failed, was refused, or did
 * not finish before the parent stopped waiting. Such tenants are never "nothing to do": the run is
 * `incomplete` and the text says which batch and why.
 */
export function addUpBatches(rows: BatchRow[], options: AddUpOptions): CombinedSummary {
	const sorted = [...rows].sort((a, b) => Number(a.batchNo) - Number(b.batchNo));
	const expected = Math.max(0, ...sorted.map((row) => Number(row.batchCount) || 0));
	const counts = Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as Counts;
	const combined = { changes: [], needsApproval: [], notSynced: [], couldNotRead: [], failed: [] } as Pick<RunSummary, 'changes' | 'needsApproval' | 'notSynced' | 'couldNotRead' | 'failed'>;
	const batches: BatchOutcome[] = [];
	const couldNotSync: CombinedSummary['couldNotSync'] = [];
	const extraLines: string[] = [];
	let referenceDate: string | undefined;
	for (const row of sorted) {
		const batchNo = Number(row.batchNo);
		const tenantIds = parseList(row.tenantIds);
		const summary = parseSummary(row.summary);
		const executionId = text(row.executionId) || null;
		if (text(row.status) === 'done' && summary && summary.status === 'ran' && summary.counts) {
			batches.push({ batchNo, tenants: tenantIds.length, status: 'done', executionId, error: null });
			COUNT_KEYS.forEach((key) => (counts[key] += Number(summary.counts[key]) || 0));
			(Object.keys(combined) as Array<keyof typeof combined>).forEach((key) => combined[key].push(...(summary[key] ?? [])));
			referenceDate = referenceDate ?? summary.referenceDate;
			const formLine = (summary.text ?? '').split('\n').find((line) => line.startsWith('Approve or reject them in the form'));
			if (formLine && !extraLines.includes(formLine)) extraLines.push(formLine);
			continue;
		}
		const failure = failureOf(row, summary);
		batches.push({ batchNo, tenants: tenantIds.length, status: failure.status, executionId, error: failure.error });
		tenantIds.forEach((tenantId) => couldNotSync.push({ tenantId, batchNo, reason: `batch ${batchNo} ${failure.error}` }));
	}
	// A batch row that was never read back (the parent recorded fewer than it planned) is a failure too.
	const seen = new Set(batches.map((batch) => batch.batchNo));
	for (let batchNo = 1; batchNo <= expected; batchNo++) {
		if (!seen.has(batchNo)) batches.push({ batchNo, tenants: 0, status: 'missing', executionId: null, error: 'its row is missing from m365_sync_batches' });
	}
	batches.sort((a, b) => a.batchNo - b.batchNo);
	const failedBatches = batches.filter((batch) => batch.status !== 'done');
	const allCounts = { ...counts, couldNotSync: couldNotSync.length };
	const date = referenceDate ?? options.now.slice(0, 10);
	const lines = [
		`M365 license sync${options.dryRun ? ' (dry run)' : ''} for ${date} (${options.timeZone}), in ${batches.length} batches: ${counts.create} created, ${counts.update} updated, ${counts.unchanged} unchanged, ` +
			`${counts.needsApproval} need approval, ${counts.notSynced} not synced, ${counts.couldNotRead} could not be read, ${counts.failed} failed` +
			(couldNotSync.length > 0 ? `, ${couldNotSync.length} tenants could not sync (${failedBatches.length} of ${batches.length} batches did not finish).` : '.'),
		...(options.waitedSeconds > 0 ? [`Waited ${options.waitedSeconds} s for another sync to finish first.`] : []),
		...failedBatches.map((batch) => `• batch ${batch.batchNo} of ${batches.length} (${batch.tenants} tenants${batch.executionId ? ', execution ' + batch.executionId : ''}) ${batch.error}; its tenants could not sync`),
		...combined.changes.filter((c) => c.applied || c.dryRun).map((c) => `• ${text(c.action)} ${quantityLine(c)}`),
		...combined.needsApproval.map((c) => `• needs approval ${quantityLine(c)} (${((c.reasons as string[] | undefined) ?? []).join('; ')})`),
		...extraLines,
		...combined.couldNotRead.map((c) => `• could not read ${c.tenantId ? 'licenses of tenant ' + text(c.tenantId) : 'lines of agreement ' + text(c.agreementId)}: ${text(c.error)}`),
		...combined.failed.map((c) => `• failed ${text(c.tenantId)} / agreement ${text(c.agreementId)}: ${((c.reasons as string[] | undefined) ?? []).join('; ')}`),
	];
	return {
		status: failedBatches.length > 0 ? 'incomplete' : 'ran',
		companyId: null,
		tenantId: null,
		dryRun: options.dryRun,
		referenceDate: date,
		timeZone: options.timeZone,
		waitedSeconds: options.waitedSeconds,
		finishedAt: options.now,
		counts: allCounts,
		...combined,
		couldNotSync,
		batches,
		text: lines.join('\n'),
	};
}
