/** Types for scripts/n8n-runtime.js, so the end-to-end harness can call it from TypeScript. */
export interface N8nRuntime {
	/** Node 24 binary that runs n8n. */
	nodeBin: string;
	/** n8n's CLI entry script (run it with `nodeBin`). */
	n8nBin: string;
	/** Cache folder holding the runtime. */
	dir: string;
}

export function ensureRuntime(options?: { log?: (line: string) => void }): N8nRuntime;
export function runtimeDir(): string;
export const N8N_VERSION: string;
export const NODE_VERSION: string;
