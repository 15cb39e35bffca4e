/** Sandbox API calls of one sync, grouped against the fewest a sync of that scope needs. */

export interface SyncMinimum {
	/** Tenants whose licenses are read: one Partner Center subscribed-SKU read each. */
	tenants: number;
	/** Agreements whose additions are read: one additions read each. */
	agreements: number;
	/** Agreements with a line to create or update: Apply checks each once (agreement read). */
	agreementsChanged: number;
	/** Lines created or updated: one write each. */
	writes: number;
}

interface Group {
	label: string;
	match: (endpoint: string) => boolean;
	minimum: (min: SyncMinimum) => number;
}

const GROUPS: Group[] = [
	{ label: 'tokens', match: (e) => e.startsWith('login '), minimum: () => 1 },
	{ label: 'Partner Center subscribed SKUs', match: (e) => e === 'partnercenter GET /v1/customers/{id}/subscribedskus', minimum: (m) => m.tenants },
	{ label: 'ConnectWise additions reads', match: (e) => e === 'cw GET /finance/agreements/{id}/additions', minimum: (m) => m.agreements },
	{ label: 'ConnectWise agreement reads', match: (e) => e === 'cw GET /finance/agreements/{id}', minimum: (m) => m.agreementsChanged },
	{ label: 'ConnectWise writes', match: (e) => /^cw (POST|PATCH|PUT) \/finance\/agreements\/\{id\}\/additions/.test(e), minimum: (m) => m.writes },
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
		const min = group.minimum(minimum);
		minTotal += min;
		lines.push(`    ${group.label}: ${calls} (minimum ${min}${calls > min ? `, +${calls - min}` : ''})`);
	}
	for (const [endpoint, calls] of [...rest.entries()].sort()) lines.push(`    other ${endpoint}: ${calls} (minimum 0)`);
	lines.unshift(`  API calls: ${total}, minimum ${minTotal} (${minTotal > 0 ? (total / minTotal).toFixed(2) : '-'}×)`);
	return lines;
}
