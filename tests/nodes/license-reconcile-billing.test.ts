/**
 * Billing safety through the real chain: ConnectWise PSA → Agreement Addition → Get Many →
 * License Reconcile → (Plan → Apply), against the sandbox's PSA. A seat counted by two links
 * (rule B4) and a rejected license row (rule B5) must never reach the PSA.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { MANAGED_MARKER } from '../../nodes/LicenseReconcile/core';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { runNode } from './harness';
import { license, link, profile } from '../unit/license-reconcile/fixtures';
import { connectWiseRunner } from './connectWiseRunner';

const items = (rows: object[]): INodeExecutionData[] => rows.map((json) => ({ json: json as INodeExecutionData['json'] }));
const parameters: INodeParameters = { options: { referenceDate: '2026-03-10', timeZone: 'UTC' } };

describe('License Reconcile billing safety with the ConnectWise node against the sandbox', () => {
	let sandbox: Sandbox;
	let credential: ICredentialDataDecryptedObject;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 6, seed: 11, today: '2026-03-10' });
		credential = { ...sandbox.credentials.connectWise, apiVersion: '2025.16' };
	});
	afterAll(async () => await sandbox?.stop());

	const { connectWise, readAdditions } = connectWiseRunner(() => credential);
	const reconcile = async (licenses: object[], links: object[], additions: INodeExecutionData[], profiles: object[]) => {
		const { outputs, error } = await runNode({ node: new LicenseReconcile(), parameters, inputs: [items(licenses), items(links), additions, items(profiles)] });
		if (error) throw error;
		return outputs;
	};
	/** Applies the Changes output as the sync does; returns the sandbox additions of the agreements after it. */
	const applyAndRead = async (changes: INodeExecutionData[], agreementIds: number[]) => {
		if (changes.length > 0) await connectWise({ resource: 'plan', operation: 'apply', dryRun: false }, changes);
		return structuredClone(sandbox.state.additions.filter((a) => agreementIds.includes(a.agreementId!)));
	};

	test('B4: one tenant SKU linked to two agreements is held on both, nothing is written; each link alone would create', async () => {
		const template = sandbox.state.agreements.find((a) => a.agreementStatus === 'Active')!;
		sandbox.state.agreements.push({ ...template, id: 99401, startDate: '2026-01-01T00:00:00Z' }, { ...template, id: 99402, startDate: '2026-01-01T00:00:00Z' });
		const links = [link({ linkId: 'first', agreementId: 99401 }), link({ linkId: 'second', agreementId: 99402 })];
		const product = sandbox.state.catalog.find((p) => !p.inactiveFlag)!;
		const profiles = [profile({ productIdentifier: product.identifier, agreementTypes: [] })];
		const additions = await readAdditions([99401, 99402]);

		const [changes, unchanged, approval, notSynced] = await reconcile([license({ purchased: 7 })], links, additions, profiles);
		expect([changes.length, unchanged.length, notSynced.length]).toEqual([0, 0, 0]);
		expect(approval.map((i) => [i.json.linkId, i.json.proposedAction, i.pairedItem])).toEqual([
			['first', 'create', { item: 0, input: 1 }],
			['second', 'create', { item: 1, input: 1 }],
		]);
		expect((approval[0].json.reasons as string[])[0]).toMatch(/^the same seats are also counted by link second \(agreement 99402, billing profile "M365 E3"\) for SKU /);
		expect((approval[1].json.reasons as string[])[0]).toMatch(/^the same seats are also counted by link first \(agreement 99401, /);
		expect(await applyAndRead(changes, [99401, 99402])).toEqual([]);

		// The guard is what stops it: one link alone creates its line.
		const [alone] = await reconcile([license({ purchased: 7 })], [links[0]], additions, profiles);
		expect(alone.map((i) => [i.json.action, i.json.linkId, i.json.quantity])).toEqual([['create', 'first', 7]]);
	});

	test('B5: a license row with a non-numeric count makes its link Not Synced naming row and field; the line keeps its quantity', async () => {
		const managed = sandbox.state.additions.find(
			(a) => a.serialNumber === MANAGED_MARKER && !a.cancelledDate && sandbox.state.agreements.find((g) => g.id === a.agreementId)?.agreementStatus === 'Active',
		)!;
		const agreementId = managed.agreementId!;
		const profiles = [profile({ productIdentifier: managed.product!.identifier, agreementTypes: [] })];
		const links = [link({ linkId: 'L-5', agreementId, descriptionTemplate: managed.invoiceDescription ?? '' })];
		const before = structuredClone(sandbox.state.additions.filter((a) => a.agreementId === agreementId));
		const additions = await readAdditions([agreementId]);

		const bad = license({ purchased: 'ten' });
		const [changes, unchanged, approval, notSynced] = await reconcile([bad], links, additions, profiles);
		expect([changes.length, unchanged.length, approval.length]).toEqual([0, 0, 0]);
		const linkItem = notSynced.find((i) => i.json.linkId === 'L-5')!;
		expect(linkItem.json).toMatchObject({ action: 'skip', field: 'license.purchased' });
		expect((linkItem.json.reasons as string[])[0]).toMatch(/^license row \(tenant 11111111-1111-1111-1111-111111111111, SKU [0-9a-f-]+, part number SPE_E3\): purchased must be a number \(got "ten"\): the license row was rejected/);
		expect(linkItem.pairedItem).toEqual({ item: 0, input: 1 });
		expect(await applyAndRead(changes, [agreementId])).toEqual(before);

		// The same row with a number writes the line: the rejection is what kept it safe.
		const good = license({ purchased: (managed.quantity ?? 0) + 2 });
		const [written] = await reconcile([good], links, additions, profiles);
		expect(written.map((i) => [i.json.action, i.json.quantity])).toEqual([['update', (managed.quantity ?? 0) + 2]]);
	});

	test('rule 7: a link whose agreement type (read from ConnectWise) is not among its billing profile\'s types is held, nothing is written', async () => {
		const template = sandbox.state.agreements.find((a) => a.agreementStatus === 'Active')!;
		sandbox.state.agreements.push({ ...template, id: 99701, startDate: '2026-01-01T00:00:00Z', type: { id: 901, name: 'Block Hours' } });
		const product = sandbox.state.catalog.find((p) => !p.inactiveFlag)!;
		const links = [link({ linkId: 'typed', agreementId: 99701 })];
		const additions = await readAdditions([99701]);
		expect(additions[0].json).toMatchObject({ kind: 'agreement', agreementType: 'Block Hours' });

		const held = await reconcile([license({ purchased: 4 })], links, additions, [profile({ productIdentifier: product.identifier, agreementTypes: ['M365 Monthly'] })]);
		expect(held[0]).toEqual([]);
		expect(held[2].map((i) => [i.json.linkId, i.json.proposedAction])).toEqual([['typed', 'create']]);
		expect(held[2][0].json.reasons).toContain('agreement type "Block Hours" is not one of billing profile "M365 E3"\'s types ("M365 Monthly")');
		expect(await applyAndRead(held[0], [99701])).toEqual([]);

		// Adding the type to the profile is what lets it through.
		const allowed = await reconcile([license({ purchased: 4 })], links, additions, [profile({ productIdentifier: product.identifier, agreementTypes: ['M365 Monthly', 'block hours'] })]);
		expect(allowed[0].map((i) => [i.json.action, i.json.linkId, i.json.quantity])).toEqual([['create', 'typed', 4]]);
	});
});
