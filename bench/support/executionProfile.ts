/** Where a sync's time went, and why it failed, read from n8n's saved execution of the core. */
import type { N8nServer } from '../../tests/e2e/harness';

interface NodeRun {
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

/** The slowest nodes with their output item counts per branch. */
export function slowestNodes(execution: ExecutionData, top = 8): string[] {
	const runData = execution.data?.resultData?.runData ?? {};
	return Object.entries(runData)
		.map(([name, runs]) => ({
			name,
			ms: runs.reduce((sum, run) => sum + (run.executionTime ?? 0), 0),
			items: runs.map((run) => (run.data?.main ?? []).map((branch) => branch?.length ?? 0).join('/')).join(', '),
		}))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, top)
		.map(({ name, ms, items }) => `    ${name}: ${(ms / 1000).toFixed(2)} s, items out ${items}`);
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
