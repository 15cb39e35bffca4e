/**
 * POST for a webhook that answers only when a long workflow ends. The harness uses fetch, whose
 * client (undici) gives up when no response headers arrive within 300 s; a sync of thousands of
 * tenants may take longer, so this waits up to `timeoutMs` instead.
 */
import http from 'node:http';

export interface LongResponse {
	status: number;
	body: unknown;
}

export function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<LongResponse> {
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('error', reject);
			response.on('end', () => {
				clearTimeout(timer);
				const text = Buffer.concat(chunks).toString('utf8');
				let parsed: unknown = text;
				try {
					parsed = text ? (JSON.parse(text) as unknown) : undefined;
				} catch {
					// Not JSON: keep the text.
				}
				resolve({ status: response.statusCode ?? 0, body: parsed });
			});
		});
		const timer = setTimeout(() => request.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)), timeoutMs);
		request.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		request.end(payload);
	});
}
