/**
 * n8n's own heap figures during a sync, from its Prometheus endpoint (N8N_METRICS=true, default
 * Node.js metrics on): heap in use beside heap reserved. RSS alone cannot tell data held from
 * garbage V8 has not collected yet, or memory it keeps after collecting.
 */
export interface HeapPeak {
	usedMb: number;
	totalMb: number;
	externalMb: number;
	samples: number;
	/** Heap in use over time (epoch ms, MB), to tell which node's window it grew in. */
	timeline: Array<{ at: number; usedMb: number }>;
}

const METRICS = {
	usedMb: /^n8n_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m,
	totalMb: /^n8n_nodejs_heap_size_total_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m,
	externalMb: /^n8n_nodejs_external_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m,
};

export async function heapNow(baseUrl: string): Promise<Omit<HeapPeak, 'samples' | 'timeline'> | undefined> {
	const text = await fetch(`${baseUrl}/metrics`)
		.then(async (response) => (response.ok ? await response.text() : ''))
		.catch(() => '');
	if (!text) return undefined;
	const read = (pattern: RegExp) => Math.round(Number(pattern.exec(text)?.[1] ?? 0) / 2 ** 20);
	return { usedMb: read(METRICS.usedMb), totalMb: read(METRICS.totalMb), externalMb: read(METRICS.externalMb) };
}

/** Samples every `intervalMs` until stopped; answers the peak of each figure (undefined without metrics). */
export function watchHeap(baseUrl: string, intervalMs = 500): { stop(): Promise<HeapPeak | undefined> } {
	const peak: HeapPeak = { usedMb: 0, totalMb: 0, externalMb: 0, samples: 0, timeline: [] };
	let running = true;
	const loop = (async () => {
		while (running) {
			const now = await heapNow(baseUrl);
			if (now) {
				peak.usedMb = Math.max(peak.usedMb, now.usedMb);
				peak.totalMb = Math.max(peak.totalMb, now.totalMb);
				peak.externalMb = Math.max(peak.externalMb, now.externalMb);
				peak.samples++;
				peak.timeline.push({ at: Date.now(), usedMb: now.usedMb });
			}
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			return peak.samples > 0 ? peak : undefined;
		},
	};
}
