/** The Sync Run node in-process: its parameters in, one item out (the template wires expressions into them). */
import { SyncRun } from '../../nodes/SyncRun/SyncRun.node';
import { runNode } from './harness';

const T1 = 'aaaaaaaa-0000-0000-0000-000000000001';
const companyMap = [{ tenantId: T1, companyId: 250, companyName: 'Contoso' }];
const links = [{ tenantId: T1, skuIds: 'SKU-A', agreementId: 500, billingProfile: 'E3' }];

describe('Sync Run node', () => {
	test('Scope from JSON text and from expression values; Summary from the scope', async () => {
		const scoped = await runNode({ node: new SyncRun(), parameters: { operation: 'scope', request: '{"dryRun": true}', companyMap: JSON.stringify(companyMap), links: links as never }, inputs: [[{ json: {} }]] });
		expect(scoped.error).toBeUndefined();
		const scope = scoped.outputs[0][0].json;
		expect(scope).toMatchObject({ dryRun: true, links: [{ companyId: 250, companyName: 'Contoso' }], agreements: [{ agreementId: 500 }] });

		const planned = [{ key: 'a', action: 'create', tenantId: T1, agreementId: 500, productIdentifier: 'E3', referenceDate: '2026-03-10' }];
		const applied = [{ action: 'create', applied: true, dryRun: false, tenantId: T1, agreementId: 500, productIdentifier: 'E3', before: null, after: { quantity: 4 }, reasons: [] }];
		const summary = await runNode({
			node: new SyncRun(),
			parameters: { operation: 'summary', scope: scope as never, timeZone: 'UTC', planned: '[]', reconcileChanges: planned as never, applied: applied as never, now: '2026-03-11T00:30:00.000+01:00' },
			inputs: [[{ json: {} }, { json: {} }]],
		});
		expect(summary.error).toBeUndefined();
		expect(summary.outputs[0]).toHaveLength(1);
		expect(summary.outputs[0][0].json).toMatchObject({ status: 'ran', referenceDate: '2026-03-10', finishedAt: '2026-03-11T00:30:00.000+01:00', counts: { create: 1, links: 1, tenants: 1 } });
	});

	test('a parameter that is not a list of rows is refused, naming it', async () => {
		const result = await runNode({ node: new SyncRun(), parameters: { operation: 'scope', request: '{}', companyMap: '{"tenantId": 1}', links: '[]' }, inputs: [[{ json: {} }]] });
		expect(result.error?.message).toBe('The parameter "companyMap" must be a list of objects');
	});
});
