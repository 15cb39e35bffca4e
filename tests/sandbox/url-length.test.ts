/**
 * ConnectWise refuses a request URL past its length limit with 414 from the web server (an
 * HTML page, not a JSON error); the sandbox does so past the 2,000 characters ConnectWise's
 * developer guide asks clients to stay within. `id in (...)` lists are honoured below it.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { createConnectWiseClient } from '../../nodes/ConnectWisePsa/transport';
import { cw } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 10, seed: 3 });
});
afterAll(async () => await sandbox?.stop());

const idsCondition = (count: number) => `id in (${Array.from({ length: count }, (_, i) => 100000 + i).join(',')})`;

test('id in (...) returns exactly the listed agreements', async () => {
	const [a, b] = sandbox.state.agreements;
	const response = await cw(sandbox, `/finance/agreements?conditions=${encodeURIComponent(`id in (${a.id},${b.id},999999)`)}`);
	expect(response.status).toBe(200);
	expect(((await response.json()) as Array<{ id: number }>).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
});

test('a URL over 2,000 characters: 414 with the web server\'s HTML page, logged', async () => {
	const response = await cw(sandbox, `/finance/agreements?conditions=${encodeURIComponent(idsCondition(300))}`);
	expect(response.status).toBe(414);
	expect(response.headers.get('content-type')).toMatch(/text\/html/);
	expect(await response.text()).toContain('HTTP Error 414. The request URL is too long.');
	expect(sandbox.requests.list().at(-1)).toEqual(expect.objectContaining({ endpoint: 'cw GET /finance/agreements', status: 414 }));
});

test('the node\'s client turns a 414 into a readable error', async () => {
	const client = createConnectWiseClient({ ...sandbox.credentials.connectWise, apiVersion: '2025.1' });
	await expect(client.getAll('/finance/agreements', { conditions: idsCondition(300), action: 'read agreements' })).rejects.toThrow(
		/^Could not read agreements: ConnectWise PSA answered 414: Request URL Too Long$/,
	);
});
