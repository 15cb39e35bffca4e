/** The PSA the demo bills in, and how to tell its writes from its reads in the sandbox's request log. */
import type { Sandbox } from '../../sandbox';

export const DEMO_PSAS = ['connectwise', 'autotask'] as const;
export type DemoPsa = (typeof DEMO_PSAS)[number];

export const PSA_NAMES: Record<DemoPsa, string> = { connectwise: 'ConnectWise PSA', autotask: 'Autotask PSA' };

/** Requests that change the PSA. Autotask reads are `POST …/query`, so only creates, adjustments and changes count there. */
export function psaWrites(sandbox: Sandbox, psa: DemoPsa): number {
	return sandbox.requests
		.list()
		.filter((request) =>
			psa === 'connectwise'
				? request.service === 'cw' && request.method !== 'GET'
				: request.service === 'autotask' && (request.method === 'PATCH' || (request.method === 'POST' && !/\/query(\/count)?$/.test(request.endpoint))),
		).length;
}
