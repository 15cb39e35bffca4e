/** A scripted local HTTP server for transport tests: each request gets the next reply. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Destroy the socket without answering (a connection reset). */
	reset?: boolean;
}

export interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface ScriptedServer {
	url: string;
	seen: SeenRequest[];
	stop(): Promise<void>;
}

export async function scriptedServer(handler: (req: SeenRequest, index: number) => Reply): Promise<ScriptedServer> {
	const seen: SeenRequest[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
			seen.push(entry);
			const reply = handler(entry, seen.length - 1);
			if (reply.reset) {
				req.socket.destroy();
				return;
			}
			const payload = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
			res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
			res.end(payload);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
