/**
 * Runs `task` over `items` with at most `limit` in flight and returns the results in
 * input order. The API nodes use it to process many tenants or agreements at once
 * without flooding the service. The first rejection stops scheduling new work and
 * rejects the whole map; callers that want per-item errors catch inside `task`.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
	signal?: AbortSignal,
): Promise<R[]> {
	const size = Math.max(1, Math.floor(limit) || 1);
	const results = new Array<R>(items.length);
	let next = 0;
	let failed = false;

	async function worker(): Promise<void> {
		while (!failed && next < items.length) {
			if (signal?.aborted) throw signal.reason ?? new Error('The operation was cancelled');
			const index = next++;
			let done = false;
			try {
				results[index] = await task(items[index], index);
				done = true;
			} finally {
				if (!done) failed = true;
			}
		}
	}

	const workers = Array.from({ length: Math.min(size, items.length) }, async () => await worker());
	await Promise.all(workers);
	return results;
}
