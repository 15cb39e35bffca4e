/** Where a sync's time went, and why it failed, read from n8n's saved execution of the core. */
import type { N8nServer } from '../../tests/e2e/harness';

interface NodeRun {
	startTime?: number;
	executionTime?: number;
	error?: { message?: string; description?: string };
	data?: { main?: Array<unknown[] | null> };
}

interface ExecutionData {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: { resultData?: { runData?: Record<string, NodeRun[]>; error?: { message?: string; node?: { name?: string } }; lastNodeExecuted?: string } };
}

/** The newest execution of a workflow, with its data. */
export async function latestExecution(n8n: N8nServer, workflowId: string): Promise<ExecutionData | undefined> {
	const executions = await n8n.listExecutions({ workflowId });
	const newest = executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
	if (!newest) return undefined;
	return await n8n.api.call<ExecutionData>('GET', `/executions/${newest.id}?includeData=true`);
}

export function durationMs(execution: ExecutionData): number | undefined {
	return execution.stoppedAt ? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt) : undefined;
}

function nodeTimes(execution: ExecutionData): Array<{ name: string; ms: number; items: string }> {
	const runData = execution.data?.resultData?.runData ?? {};
	return Object.entries(runData).map(([name, runs]) => ({
		name,
		ms: runs.reduce((sum, run) => sum + (run.executionTime ?? 0), 0),
		items: runs.map((run) => (run.data?.main ?? []).map((branch) => branch?.length ?? 0).join('/')).join(', '),
	}));
}

const nodeLine = ({ name, ms, items }: { name: string; ms: number; items: string }): string => `    ${name}: ${(ms / 1000).toFixed(2)} s, items out ${items}`;

/** The slowest nodes with their output item counts per branch. */
export function slowestNodes(execution: ExecutionData, top = 8): string[] {
	return nodeTimes(execution)
		.sort((a, b) => b.ms - a.ms)
		.slice(0, top)
		.map(nodeLine);
}

/** The named nodes' times in the order given (`--nodes`), "did not run" for one the execution did not reach. */
export function namedNodes(execution: ExecutionData, names: string[]): string[] {
	const times = nodeTimes(execution);
	return names.map((name) => {
		const found = times.find((node) => node.name === name);
		return found ? nodeLine(found) : `    ${name}: did not run`;
	});
}

/** The failing node and its error, when the execution failed. */
export function failure(execution: ExecutionData): string | undefined {
	const result = execution.data?.resultData;
	if (execution.status === 'success' && !result?.error) return undefined;
	const failedNode = Object.entries(result?.runData ?? {}).find(([, runs]) => runs.some((run) => run.error));
	const node = result?.error?.node?.name ?? failedNode?.[0] ?? result?.lastNodeExecuted ?? '?';
	const message = result?.error?.message ?? failedNode?.[1].find((run) => run.error)?.error?.message ?? execution.status;
	return `execution ${execution.id} ${execution.status} at node "${node}": ${message}`;
}

/**
 * The nodes whose saved output is largest (JSON characters, all runs and branches): what n8n
 * holds in memory for the rest of the execution and serialises when it saves it.
 */
export function largestOutputs(execution: ExecutionData, top = 8): string[] {
	const runData = execution.data?.resultData?.runData ?? {};
	const sizes = Object.entries(runData).map(([name, runs]) => ({ name, chars: runs.reduce((sum, run) => sum + JSON.stringify(run.data ?? {}).length, 0) }));
	const total = sizes.reduce((sum, size) => sum + size.chars, 0);
	const mb = (chars: number) => `${(chars / 2 ** 20).toFixed(1)} MB`;
	return [
		`  execution data: ${mb(total)} of JSON over ${sizes.length} nodes; largest outputs:`,
		...sizes
			.sort((a, b) => b.chars - a.chars)
			.slice(0, top)
			.map(({ name, chars }) => `    ${name}: ${mb(chars)}`),
	];
}

/**
 * Where the heap grew: for each node, the heap in use sampled during its runs (start to end)
 * against the sample just before it started. Nodes overlap only where n8n runs branches in
 * turn, so this points at the nodes whose work (and expressions) piles up garbage.
 */
export function heapByNode(execution: ExecutionData, timeline: ReadonlyArray<{ at: number; usedMb: number }>, top = 6): string[] {
	if (timeline.length < 2) return [];
	const runData = execution.data?.resultData?.runData ?? {};
	const before = (at: number) => [...timeline].reverse().find((s) => s.at <= at)?.usedMb ?? timeline[0].usedMb;
	const rows = Object.entries(runData).map(([name, runs]) => {
		let grew = 0;
		let peak = 0;
		for (const run of runs) {
			if (run.startTime === undefined) continue;
			const end = run.startTime + (run.executionTime ?? 0);
			const start = before(run.startTime);
			const during = timeline.filter((s) => s.at >= run.startTime! && s.at <= end + 500).map((s) => s.usedMb);
			const high = Math.max(start, ...during);
			grew += high - start;
			peak = Math.max(peak, high);
		}
		return { name, grew, peak };
	});
	return [
		'  heap in use by node (rise from the sample before it started to the highest during it; MB):',
		...rows
			.filter((row) => row.grew > 0)
			.sort((a, b) => b.grew - a.grew)
			.slice(0, top)
			.map((row) => `    ${row.name}: +${row.grew} MB (to ${row.peak} MB)`),
	];
}
