/** JSON Patch (RFC 6902 subset ConnectWise accepts: add / replace / remove) on a record's copy. */
export interface PatchOperation {
	op: string;
	path: string;
	value?: unknown;
}

export function applyPatch<T extends object>(record: T, operations: unknown): { record: T } | { error: string } {
	if (!Array.isArray(operations)) return { error: 'The request body must be a JSON Patch array.' };
	const copy = structuredClone(record) as Record<string, unknown>;
	for (const operation of operations as PatchOperation[]) {
		const parts = String(operation?.path ?? '').replace(/^\//, '').split('/').filter(Boolean);
		if (parts.length === 0) return { error: `Invalid patch path '${operation?.path}'.` };
		let target = copy;
		for (const part of parts.slice(0, -1)) {
			const next = target[part];
			if (next === null || typeof next !== 'object') target[part] = {};
			target = target[part] as Record<string, unknown>;
		}
		const last = parts[parts.length - 1];
		const op = String(operation.op).toLowerCase();
		if (op === 'replace' || op === 'add') target[last] = operation.value;
		else if (op === 'remove') delete target[last];
		else return { error: `Unsupported patch operation '${operation.op}'.` };
	}
	return { record: copy as T };
}
