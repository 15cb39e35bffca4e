/**
 * The daily sync's promise, at node level against the sandbox's seeded PSA (in-sync,
 * out-of-date, legacy manual and duplicate additions): Partner Center licenses → ConnectWise
 * additions → License Reconcile → Plan → Apply, then read and reconcile again → nothing to do.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { TODAY, useSandboxSync } from './sandboxSync';

const items = (rows: object[]): INodeExecutionData[] => rows.map((json) => ({ json: json as INodeExecutionData['json'] }));

describe('sync idempotence against the sandbox', () => {
	const sync = useSandboxSync();
	const run = sync.run;

	test('apply the plan, read the additions again, reconcile again: zero changes', async () => {
		const { links, billingProfiles } = sync.configuration();
		const tenants = [...new Set(links.map((l) => l.tenantId))].map((tenantId) => ({ tenantId }));
		const agreements = [...new Set(links.map((l) => l.agreementId))].map((agreementId) => ({ agreementId }));
		expect(links.length).toBeGreaterThan(20);

		// As the core template wires it: tenants whose licenses cannot be read (no GDAP role) come
		// out of the error output and go into License Reconcile with the others, as failed reads.
		const [read, failed] = await run(new MicrosoftPartnerCenter(), { authentication: 'refreshToken', resource: 'license', operation: 'getAll' }, [items(tenants)], 'continueErrorOutput');
		const licenses = [...read, ...failed];
		const unreadable = new Set(failed.map((i) => i.json.tenantId));
		expect(unreadable.size).toBeGreaterThan(0);
		const readAdditions = async () => (await run(new ConnectWisePsa(), { resource: 'agreementAddition', operation: 'getAll' }, [items(agreements)]))[0];
		const reconcile = async () =>
			await run(new LicenseReconcile(), { options: { referenceDate: TODAY, timeZone: 'UTC' } }, [licenses, items(links), await readAdditions(), items(billingProfiles)]);

		const [changes, , , notSynced] = await reconcile();
		expect(changes.length).toBeGreaterThan(0);
		expect(changes.filter((i) => unreadable.has(i.json.tenantId))).toEqual([]);
		const notRead = notSynced.filter((i) => i.json.action === 'readFailed');
		expect(new Set(notRead.map((i) => i.json.tenantId))).toEqual(new Set(links.filter((l) => unreadable.has(l.tenantId)).map((l) => l.tenantId)));
		expect(changes.every((i) => typeof i.json.lineKey === 'string')).toBe(true);
		const [applied] = await run(new ConnectWisePsa(), { resource: 'plan', operation: 'apply', dryRun: false }, [changes]);
		expect(applied.filter((i) => i.json.applied === true)).toHaveLength(changes.length);

		const [changesAgain, unchangedAgain] = await reconcile();
		expect(changesAgain.map((i) => i.json)).toEqual([]);
		// Every line just written now reads as unchanged, under the same key.
		const unchangedKeys = new Set(unchangedAgain.map((i) => i.json.lineKey));
		expect(changes.filter((i) => !unchangedKeys.has(i.json.lineKey)).map((i) => i.json.lineKey)).toEqual([]);
	});
});
