/** Helpers of the billing-safety e2e tests: PSA state as a comparable value, faults, tables, the lock settings. */
import type { Sandbox } from '../../../sandbox';
import type { N8nServer, WorkflowJson } from '../harness';
import { createRandom } from '../../../sandbox/random';

/** Every addition of the PSA without its id: two runs that end alike give the same list, whatever order they wrote in. */
export function psaLines(sandbox: Sandbox): string[] {
	return sandbox.state.additions
		.map((a) => JSON.stringify([a.agreementId, a.product?.identifier ?? null, a.quantity ?? null, a.lessIncluded ?? null, a.invoiceDescription ?? null, a.serialNumber ?? null, a.billCustomer ?? null, a.effectiveDate ?? null, a.cancelledDate ?? null]))
		.sort();
}

const PRORATE = /^m365-license-sync-prorate/;

/** Managed lines and prorate lines that appear more than once on one of these agreements (there must be none). */
export function duplicateLines(sandbox: Sandbox, agreementIds: number[]): string[] {
	const seen = new Map<string, number>();
	for (const a of sandbox.state.additions) {
		if (a.cancelledDate || !agreementIds.includes(a.agreementId)) continue;
		const serial = a.serialNumber ?? '';
		let key: string | undefined;
		if (serial === 'm365-license-sync') key = `managed ${a.agreementId}/${a.product?.identifier}`;
		else if (PRORATE.test(serial)) key = `prorate ${a.agreementId}/${a.product?.identifier}/${serial}/${a.quantity}/${a.effectiveDate}`;
		if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
	}
	return [...seen].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
}

export function prorateLines(sandbox: Sandbox): number {
	return sandbox.state.additions.filter((a) => PRORATE.test(a.serialNumber ?? '')).length;
}

/** ConnectWise writes the sandbox answered with success: method, agreement and addition. */
export function psaWrites(sandbox: Sandbox): Array<{ method: string; agreementId: number; additionId: number | null }> {
	return sandbox.requests
		.list()
		.filter((r) => r.service === 'cw' && r.method !== 'GET' && r.status < 300 && /\/finance\/agreements\/\d+\/additions/.test(r.path))
		.map((r) => {
			const [, agreementId, additionId] = /\/finance\/agreements\/(\d+)\/additions(?:\/(\d+))?/.exec(r.path)!;
			return { method: r.method, agreementId: Number(agreementId), additionId: additionId ? Number(additionId) : null };
		});
}

/** A share of ConnectWise reads and writes answered by 429 (Retry-After 1 s) or 503 instead of the service. */
export function faultConnectWise(sandbox: Sandbox, rate: number, seed: number): void {
	const random = createRandom(seed);
	const cw = (endpoint: string) => endpoint.startsWith('cw ');
	// The rules are asked in turn: half the rate throttles, the same share of the rest fails.
	sandbox.faults.throttle((endpoint) => cw(endpoint) && random.next() < rate / 2, { count: Number.POSITIVE_INFINITY, retryAfterSeconds: 1 });
	sandbox.faults.serverError((endpoint) => cw(endpoint) && random.next() < rate / 2 / (1 - rate / 2), { count: Number.POSITIVE_INFINITY, status: 503 });
}

async function tableId(n8n: N8nServer, table: string): Promise<string> {
	const tables = await n8n.api.listAll<{ id: string; name: string }>('/data-tables', { filter: JSON.stringify({ name: table }) });
	const found = tables.find((candidate) => candidate.name === table);
	if (!found) throw new Error(`no Data Table named "${table}"`);
	return found.id;
}

export async function clearDataTable(n8n: N8nServer, table: string): Promise<void> {
	await n8n.api.call('DELETE', `/data-tables/${await tableId(n8n, table)}/rows/clear`);
}

/** The core template with other values in its Sync settings node (e.g. a short lock TTL for a crash test). */
export function withSyncSettings(core: WorkflowJson, values: Record<string, number | string>): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(core)) as WorkflowJson;
	const settings = (copy.nodes as Array<{ name: string; parameters: { assignments: { assignments: Array<{ name: string; value: unknown }> } } }>).find((node) => node.name === 'Sync settings');
	if (!settings) throw new Error('the core template has no "Sync settings" node');
	for (const [name, value] of Object.entries(values)) {
		const field = settings.parameters.assignments.assignments.find((assignment) => assignment.name === name);
		if (!field) throw new Error(`Sync settings has no field ${name}`);
		field.value = value;
	}
	return copy;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
