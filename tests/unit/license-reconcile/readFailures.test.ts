import type { Row } from '../../../nodes/LicenseReconcile/core';
import { E5, TENANT, addition, license, link, run } from './fixtures';

const OTHER = '22222222-2222-2222-2222-222222222222';
/** C1: what an API node under "continue" puts on its output for an item it could not read. */
const licensesFailed = (tenantId?: string): Row => ({ error: 'Forbidden: no GDAP role', errorDetails: 'Renew GDAP', ...(tenantId ? { tenantId } : {}) });
const linesFailed = (agreementId?: number | string): Row => ({ error: 'Service unavailable (503)', ...(agreementId !== undefined ? { agreementId } : {}) });

const links = [link({ linkId: 'A' }), link({ linkId: 'B', tenantId: OTHER, agreementId: 200 })];
const licenses = [license(), license({ tenantId: OTHER })];
const additions = [addition(), addition({ agreementId: 200, additionId: 2 })];

describe('C1 read failures: never data, never held, never written', () => {
	test.each([
		{
			name: 'licenses of one tenant',
			scenario: { licenses: [license({ tenantId: OTHER }), licensesFailed(TENANT.toUpperCase())], additions },
			failed: { A: [`could not read licenses of tenant ${TENANT}: Forbidden: no GDAP role`] },
		},
		{
			name: 'lines of one agreement',
			scenario: { licenses, additions: [addition({ agreementId: 200, additionId: 2 }), linesFailed(100)] },
			failed: { A: ['could not read lines of agreement 100: Service unavailable (503)'] },
		},
		{
			name: 'lines of one agreement, id given as text',
			scenario: { licenses, additions: [addition({ agreementId: 200, additionId: 2 }), linesFailed('100')] },
			failed: { A: ['could not read lines of agreement 100: Service unavailable (503)'] },
		},
		{
			name: 'a licenses failure without a tenant: the whole input',
			scenario: { licenses: [...licenses, licensesFailed()], additions },
			failed: { A: [`could not read licenses of tenant ${TENANT}: Forbidden: no GDAP role`], B: [`could not read licenses of tenant ${OTHER}: Forbidden: no GDAP role`] },
		},
		{
			name: 'a lines failure without an agreement: the whole input',
			scenario: { licenses, additions: [...additions, linesFailed()] },
			failed: { A: ['could not read lines of agreement 100: Service unavailable (503)'], B: ['could not read lines of agreement 200: Service unavailable (503)'] },
		},
		{
			name: 'both reads failed for one link',
			scenario: { licenses: [license({ tenantId: OTHER }), licensesFailed(TENANT)], additions: [additions[1], linesFailed(100)] },
			failed: { A: [`could not read licenses of tenant ${TENANT}: Forbidden: no GDAP role`, 'could not read lines of agreement 100: Service unavailable (503)'] },
		},
	])('$name → readFailed on Not Synced, the rest reconciles', ({ scenario, failed }) => {
		const plan = run({ links, ...scenario });
		const byLink = Object.fromEntries(plan.map((p) => [p.linkId, p]));
		for (const linkId of ['A', 'B']) {
			const reasons = (failed as Record<string, string[] | undefined>)[linkId];
			if (reasons) expect(byLink[linkId]).toMatchObject({ action: 'readFailed', reasons });
			else expect(byLink[linkId].action).toBe('unchanged');
		}
		// Nothing invented: no "unlinked", no approval, no create of quantity 0.
		expect(plan.filter((p) => !['readFailed', 'unchanged'].includes(p.action))).toEqual([]);
	});

	test('an additions failure row carrying agreementId is not a "row problem", and the agreement is not empty', () => {
		const plan = run({ links: [link()], additions: [{ error: 'timeout', agreementId: 5 }, linesFailed(100)] });
		expect(plan).toEqual([
			expect.objectContaining({ action: 'readFailed', linkId: null, agreementId: 100, field: 'agreementId', error: 'Service unavailable (503)' }),
			expect.objectContaining({ action: 'readFailed', linkId: null, agreementId: 5, reasons: ['could not read lines of agreement 5: timeout (no link uses it)'] }),
		]);
		expect(JSON.stringify(plan)).not.toMatch(/agreementId is missing|create with quantity/);
	});

	test('several messages for one tenant are joined in a fixed order (input order does not matter)', () => {
		const rows = [{ error: 'b', tenantId: TENANT }, { error: 'a', tenantId: TENANT }];
		const one = run({ licenses: rows, links: [link()] });
		expect(one).toEqual(run({ licenses: [...rows].reverse(), links: [link()] }));
		expect(one[0]).toMatchObject({ action: 'readFailed', error: 'a; b' });
	});

	test.each([
		{ name: 'an error object', error: { message: 'Bad gateway', httpCode: '502' }, text: 'Bad gateway' },
		{ name: 'blank text is not a failure', error: '  ', text: null },
		{ name: 'null is not a failure', error: null, text: null },
	])('failure rows: $name', ({ error, text }) => {
		const item = run({ licenses: [{ ...license(), error }], links: [link()], additions: [addition()] })[0];
		if (text === null) expect(item.action).toBe('unchanged');
		else expect(item).toMatchObject({ action: 'readFailed', error: text });
	});

	test('a failed tenant no link uses is still reported, and its other rows are not "unlinked"', () => {
		const plan = run({ links: [], licenses: [license({ tenantId: OTHER, skuId: E5 }), licensesFailed(OTHER)] });
		expect(plan).toEqual([expect.objectContaining({ action: 'readFailed', tenantId: OTHER, field: 'tenantId', reasons: [`could not read licenses of tenant ${OTHER}: Forbidden: no GDAP role (no link uses it)`] })]);
	});
});
