/**
 * The daily sync's promise on Autotask, at node level against the sandbox's seeded contracts
 * (in-sync, out-of-date, legacy manual and duplicated services): Partner Center licenses →
 * Autotask contract services → License Reconcile → Plan → Apply (adjustments), then read and
 * reconcile again → nothing to do, and a second Apply of the same plan posts nothing.
 */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { AutotaskPsa } from '../../nodes/AutotaskPsa/AutotaskPsa.node';
import { utcToday } from '../../nodes/AutotaskPsa/helpers/context';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { demoConfiguration } from '../../scripts/demo/configuration';
import { startSandbox, type Sandbox } from '../../sandbox';
import { partnerCenterCredential } from '../unit/partner-center/sandboxCredential';
import { autotaskCredential, json } from './autotaskRunner';
import { runNode } from './harness';

// The node dates adjustments today (UTC); the sandbox's periods are made around the same day.
const TODAY = utcToday();

describe('Autotask sync idempotence against the sandbox', () => {
	let sandbox: Sandbox;
	let credentials: Record<string, ICredentialDataDecryptedObject>;
	beforeAll(async () => {
		sandbox = await startSandbox({ tenants: 40, seed: 5, today: TODAY });
		credentials = { microsoftPartnerCenterApi: partnerCenterCredential(sandbox), autotaskPsaApi: autotaskCredential(sandbox) };
	});
	afterAll(async () => await sandbox?.stop());

	const run = async (node: INodeType, parameters: INodeParameters, inputs: INodeExecutionData[][], onError?: 'continueErrorOutput') => {
		const result = await runNode({ node, parameters, inputs, credentials, ...(onError ? { onError } : {}) });
		if (result.error) throw result.error;
		return result.outputs;
	};
	const writes = () => sandbox.requests.list().filter((record) => record.service === 'autotask' && (record.method === 'PATCH' || (record.method === 'POST' && !/\/query(\/count)?$/.test(record.endpoint))));

	test('apply the plan, read the contract services again, reconcile again: zero changes; the same plan again posts nothing', async () => {
		const companyMap = Object.entries(sandbox.state.groundTruth.tenantToCompany)
			.filter((entry): entry is [string, number] => entry[1] !== null)
			.map(([tenantId, companyId]) => ({ tenantId, companyId }));
		const { links, billingProfiles } = demoConfiguration(sandbox.state, companyMap);
		const tenants = [...new Set(links.map((l) => l.tenantId))].map((tenantId) => ({ tenantId }));
		const contracts = [...new Set(links.map((l) => l.agreementId))].map((agreementId) => ({ agreementId }));
		expect(links.length).toBeGreaterThan(20);

		const [read, failed] = await run(new MicrosoftPartnerCenter(), { authentication: 'refreshToken', resource: 'license', operation: 'getAll' }, [json(tenants)], 'continueErrorOutput');
		const licenses = [...read, ...failed];
		const readLines = async () => (await run(new AutotaskPsa(), { resource: 'contractService', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, [json(contracts)]))[0];
		const reconcile = async () => await run(new LicenseReconcile(), { options: { referenceDate: TODAY, timeZone: 'UTC' } }, [licenses, json(links), await readLines(), json(billingProfiles)]);

		const [changes] = await reconcile();
		const creates = changes.filter((i) => i.json.action === 'create');
		const updates = changes.filter((i) => i.json.action === 'update');
		expect(creates.length).toBeGreaterThan(0);
		expect(updates.length).toBeGreaterThan(0);
		// Autotask prorates unit changes itself: contracts say agreementProrate false, so no prorate lines are planned.
		expect(changes.filter((i) => i.json.prorate)).toEqual([]);

		const adjustmentsBefore = sandbox.state.autotask.adjustments.length;
		const [applied] = await run(new AutotaskPsa(), { resource: 'plan', operation: 'apply', dryRun: false }, [changes]);
		expect(applied.filter((i) => i.json.applied !== true).map((i) => i.json)).toEqual([]);
		// Every result carries before / after for the audit row.
		for (const item of applied.filter((i) => i.json.action === 'update')) expect(item.json).toEqual(expect.objectContaining({ before: expect.objectContaining({ quantity: expect.any(Number) }), after: expect.objectContaining({ marker: 'm365-license-sync' }) }));
		const quantityChanges = updates.filter((i) => i.json.quantity !== i.json.currentQuantity).length;
		expect(sandbox.state.autotask.adjustments.length - adjustmentsBefore).toBe(quantityChanges + creates.filter((i) => Number(i.json.quantity) > 0).length);

		const [changesAgain, unchangedAgain] = await reconcile();
		expect(changesAgain.map((i) => i.json)).toEqual([]);
		const unchangedKeys = new Set(unchangedAgain.map((i) => i.json.lineKey));
		expect(changes.filter((i) => !unchangedKeys.has(i.json.lineKey)).map((i) => i.json.lineKey)).toEqual([]);

		// A rerun of the same (now old) plan finds everything done and posts no adjustment.
		sandbox.requests.clear();
		const [again] = await run(new AutotaskPsa(), { resource: 'plan', operation: 'apply', dryRun: false }, [changes]);
		expect(again.filter((i) => i.json.error)).toEqual([]);
		expect(writes()).toEqual([]);
	});

	test('a dry run reports before/after and writes nothing', async () => {
		sandbox.reset();
		const companyMap = Object.entries(sandbox.state.groundTruth.tenantToCompany)
			.filter((entry): entry is [string, number] => entry[1] !== null)
			.map(([tenantId, companyId]) => ({ tenantId, companyId }));
		const { links, billingProfiles } = demoConfiguration(sandbox.state, companyMap);
		const tenants = [...new Set(links.map((l) => l.tenantId))].map((tenantId) => ({ tenantId }));
		const contracts = [...new Set(links.map((l) => l.agreementId))].map((agreementId) => ({ agreementId }));
		const [read, failed] = await run(new MicrosoftPartnerCenter(), { authentication: 'refreshToken', resource: 'license', operation: 'getAll' }, [json(tenants)], 'continueErrorOutput');
		const lines = (await run(new AutotaskPsa(), { resource: 'contractService', operation: 'getAll', agreementId: '={{ $json.agreementId }}' }, [json(contracts)]))[0];
		const [changes] = await run(new LicenseReconcile(), { options: { referenceDate: TODAY, timeZone: 'UTC' } }, [[...read, ...failed], json(links), lines, json(billingProfiles)]);
		sandbox.requests.clear();
		const [dry] = await run(new AutotaskPsa(), { resource: 'plan', operation: 'apply', dryRun: true }, [changes]);
		expect(dry).toHaveLength(changes.length);
		expect(dry.every((i) => i.json.dryRun === true && i.json.applied === false && i.json.after !== null)).toBe(true);
		expect(dry.map((i) => i.pairedItem)).toEqual(changes.map((_, index) => ({ item: index })));
		expect(writes()).toEqual([]);
	});
});
