/** A ConnectWise call as a person in the PSA would make it (test set-up only, not through n8n). */
import type { Sandbox } from '../../../sandbox';

export async function cwRequest(sandbox: Sandbox, method: string, route: string, body?: unknown): Promise<void> {
	const cw = sandbox.credentials.connectWise;
	const response = await fetch(`${cw.siteUrl}/v4_6_release/apis/3.0${route}`, {
		method,
		headers: {
			authorization: `Basic ${Buffer.from(`${cw.companyId}+${cw.publicKey}:${cw.privateKey}`).toString('base64')}`,
			clientId: cw.clientId,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
}
