/** Sandbox API calls of one sync, grouped against the fewest a sync of that scope needs. */

export interface SyncMinimum {
	/** Tenants whose licenses are read: one Partner Center subscribed-SKU read each. */
	tenants: number;
	/** Agreements the links name: one additions read each (ConnectWise lists additions per agreement only). */
	agreements: number;
	/**
	 * Calls that read the facts of those agreements: `id in (...)` lists, as many ids per call as
	 * a 2,000-character URL holds (see `idChunks`), not one call per agreement.
	 */
	agreementFactCalls: number;
	/** Lines created or updated: one write each. */
	writes: number;
	/**
	 * Agreements with a create or update in the run: a sync that checks each line against the
	 * PSA right before writing it reads their additions once more (ConnectWise lists additions
	 * under one agreement only and has no conditional write), so that is its least.
	 */
	checkedAgreements?: number;
}

/** How the minimum is computed, printed once above the figures. */
export function minimumLines(min: SyncMinimum): string[] {
	return [
		`  minimum = the least the APIs allow for this scope: 1 token + 1 subscribed-SKU read per tenant (${min.tenants}) + 1 additions read per agreement (${min.agreements}; ConnectWise lists additions per agreement only)`,
		`            + agreement facts in id-in lists within 2,000-character URLs (${min.agreements} agreements → ${min.agreementFactCalls} calls) + 1 call per line written (${min.writes})`,
		`  checked minimum = minimum + 1 additions read per agreement with changes, right before its writes: the least for a sync that checks every line`,
		`            against the PSA before writing it (never created twice, refused when changed since read); ConnectWise lists additions only under one`,
		`            agreement (/finance/agreements/{parentId}/additions) and takes no conditional write, so no fewer calls can make that check`,
	];
}

interface Group {
	label: string;
	match: (endpoint: string) => boolean;
	minimum: (min: SyncMinimum) => number;
	/** What the calls above the minimum are for, when they are by design. */
	extra?: string;
	/** The minimum is a ceiling: a cached token still valid from the run before needs no call. */
	cached?: true;
}

const GROUPS: Group[] = [
	{ label: 'tokens', match: (e) => e.startsWith('login '), minimum: () => 1, cached: true },
	{ label: 'Partner Center subscribed SKUs', match: (e) => e === 'partnercenter GET /v1/customers/{id}/subscribedskus', minimum: (m) => m.tenants },
	{ label: 'ConnectWise additions reads', match: (e) => e === 'cw GET /finance/agreements/{id}/additions', minimum: (m) => m.agreements, extra: "Apply reads each changed agreement's additions again right before its writes" },
	{
		label: 'ConnectWise agreement reads',
		match: (e) => e === 'cw GET /finance/agreements/{id}' || e === 'cw GET /finance/agreements',
		minimum: (m) => m.agreementFactCalls,
		extra: "Apply checks the plan's agreements (company, still active) in id-in groups right before each group's writes",
	},
	{ label: 'ConnectWise writes', match: (e) => /^cw (POST|PATCH|PUT) \/finance\/agreements\/\{id\}\/additions/.test(e), minimum: (m) => m.writes },
];

const OTHER_EXTRA: Array<[RegExp, string]> = [
	[/^cw GET \/finance\/agreements\/\{id\}\/additions\/\{additionId\}$/, 'Apply re-reads a line before updating it'],
	[/^cw GET \/procurement\/catalog$/, 'Apply looks up each product once per run'],
];

/** Report lines: each group's calls beside its minimum, then every other endpoint (all extra). */
export function callLines(counts: Record<string, number>, minimum: SyncMinimum): string[] {
	const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
	let minTotal = 0;
	const lines: string[] = [];
	const rest = new Map(Object.entries(counts));
	for (const group of GROUPS) {
		const endpoints = [...rest.keys()].filter(group.match);
		const calls = endpoints.reduce((sum, endpoint) => sum + (rest.get(endpoint) ?? 0), 0);
		endpoints.forEach((endpoint) => rest.delete(endpoint));
		const min = group.cached ? Math.min(group.minimum(minimum), calls) : group.minimum(minimum);
		minTotal += min;
		const over = calls > min ? `, +${calls - min}${group.extra ? `: ${group.extra}` : ''}` : '';
		lines.push(`    ${group.label}: ${calls} (minimum ${min}${over})`);
	}
	for (const [endpoint, calls] of [...rest.entries()].sort()) {
		const why = OTHER_EXTRA.find(([pattern]) => pattern.test(endpoint))?.[1];
		lines.push(`    other ${endpoint}: ${calls} (minimum 0${why ? `; ${why}` : ''})`);
	}
	const ratio = (of: number) => (of > 0 ? (total / of).toFixed(2) : '-');
	const checked = minimum.checkedAgreements === undefined ? '' : `; checked minimum ${minTotal + minimum.checkedAgreements} (+${minimum.checkedAgreements} agreements with changes: ${ratio(minTotal + minimum.checkedAgreements)}×)`;
	lines.unshift(`  API calls: ${total}, minimum ${minTotal} (${ratio(minTotal)}×)${checked}`);
	return lines;
}

/** Concurrency of each service's calls in the shipped templates (the nodes' default "Concurrency"). */
const CONCURRENCY: Array<[RegExp, number, string]> = [
	[/^(login|partnercenter|graph) /, 16, 'Microsoft'],
	[/^cw /, 8, 'ConnectWise'],
];

/**
 * The latency floor: what the calls cost in latency alone, Σ calls × latency ÷ concurrency per
 * service (the nodes run one after another). A sync cannot beat it without fewer calls or more
 * concurrency.
 */
export function latencyFloor(counts: Record<string, number>, latencyMs: number): { ms: number; how: string } {
	let ms = 0;
	const parts: string[] = [];
	for (const [pattern, concurrency, label] of CONCURRENCY) {
		const calls = Object.entries(counts)
			.filter(([endpoint]) => pattern.test(endpoint))
			.reduce((sum, [, n]) => sum + n, 0);
		ms += (calls * latencyMs) / concurrency;
		parts.push(`${label} ${calls} × ${latencyMs} ms ÷ ${concurrency}`);
	}
	return { ms, how: parts.join(' + ') };
}
