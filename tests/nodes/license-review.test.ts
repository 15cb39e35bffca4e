import { LicenseReview } from '../../nodes/LicenseReview/LicenseReview.node';
import { runNode } from './harness';
import { decreaseRow, manyHeld } from '../unit/license-review/fixtures';

const { rows, map } = manyHeld();

describe('M365 License Review node (in-process n8n)', () => {
	test('review step: the first page of 196 held changes, styled, paired to its input', async () => {
		const { outputs, error } = await runNode({
			node: new LicenseReview(),
			parameters: { operation: 'reviewStep', event: '{}', session: 'null', companyMap: JSON.stringify(map), approvals: JSON.stringify(rows), pageSize: 15 },
			inputs: [[{ json: {} }]],
		});
		expect(error).toBeUndefined();
		const [item] = outputs[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ next: 'page', page: { title: 'Changes waiting for approval', css: expect.stringContaining('tr:has(em) td') } });
	});

	test('review step: typing part of a company name narrows the companies to review, clearing it shows all again', async () => {
		const review = async (event: object, session: unknown) => {
			const { outputs, error } = await runNode({
				node: new LicenseReview(),
				parameters: { operation: 'reviewStep', event: JSON.stringify(event), session: JSON.stringify(session), companyMap: JSON.stringify(map), approvals: JSON.stringify(rows), pageSize: 15 },
				inputs: [[{ json: {} }]],
			});
			expect(error).toBeUndefined();
			return outputs[0][0].json as { next: string; session: unknown; page: { fields: Array<{ fieldName?: string; defaultValue?: unknown; fieldOptions?: { values: Array<{ option: string }> } }> } };
		};
		const companies = (step: Awaited<ReturnType<typeof review>>) => step.page.fields.find((f) => f.fieldName === 'company')!.fieldOptions!.values.map((v) => v.option);
		const first = await review({}, null);
		expect(companies(first)).toHaveLength(41);
		const choice = { company: 'All companies (196)', reason: 'All reasons (196)', how: 'Decide one by one (15 per page)', decidedBy: 'Jane' };
		const narrowed = await review({ ...choice, companySearch: 'B1' }, first.session);
		expect(companies(narrowed)).toEqual(['All companies matching "B1" (6)', 'Company B1 (6)']);
		const decide = await review({ ...choice, companySearch: 'B1', company: 'All companies matching "B1" (6)' }, narrowed.session);
		expect(decide.page.fields.filter((f) => f.fieldName?.startsWith('decision'))).toHaveLength(6);
		const cleared = await review({ ...choice, companySearch: '' }, narrowed.session);
		expect(companies(cleared)).toHaveLength(41);
	});

	test('empty placeholder rows (an empty Data Table with alwaysOutputData) are no rows: nothing waits', async () => {
		const { outputs, error } = await runNode({
			node: new LicenseReview(),
			parameters: { operation: 'reviewStep', event: '{}', session: 'null', companyMap: '[{}]', approvals: '[{}]' },
			inputs: [[{ json: {} }]],
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ next: 'end', end: { title: 'Nothing waits for approval' } });
	});

	test.each([
		{ name: 'approvals not JSON', parameters: { approvals: '[{"key": ' }, message: /^approvals is not valid JSON: / },
		{ name: 'approvals not a list', parameters: { approvals: JSON.stringify(decreaseRow('k', 0, 40, 12)) }, message: /^approvals must be a list of rows$/ },
		{ name: 'session a list', parameters: { session: '[]' }, message: /^session must be an object$/ },
	])('bad input is refused with a clear error: $name', async ({ parameters, message }) => {
		const { error } = await runNode({
			node: new LicenseReview(),
			parameters: { operation: 'reviewStep', event: '{}', session: 'null', companyMap: '[]', approvals: '[]', ...parameters },
			inputs: [[{ json: {} }]],
		});
		expect(error?.message).toMatch(message);
	});

	test('overview step: typing a company name reads that company', async () => {
		const { outputs, error } = await runNode({
			node: new LicenseReview(),
			parameters: { operation: 'overviewStep', event: JSON.stringify({ company: 'Company B1' }), session: 'null', companyMap: JSON.stringify(map), approvals: '[]', links: '[]', profiles: '[]', audit: '[]', licenses: '[]', lines: '[]', syncResult: 'null' },
			inputs: [[{ json: {} }]],
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ next: 'read', read: { companyId: 301, agreements: [] } });
	});

	test('overview step: an Autotask company reads its contracts in Autotask and shows only lines read there', async () => {
		const overview = async (event: object, session: unknown) => {
			const { outputs, error } = await runNode({
				node: new LicenseReview(),
				parameters: {
					operation: 'overviewStep',
					event: JSON.stringify(event),
					session: JSON.stringify(session),
					companyMap: JSON.stringify(map.slice(0, 1).map((row) => ({ ...row, psa: 'autotask' }))),
					approvals: '[]',
					links: JSON.stringify([{ id: 7, tenantId: map[0].tenantId, skuIds: 'sku-bp', agreementId: 900, billingProfile: 'BP' }]),
					profiles: JSON.stringify([{ name: 'BP', productIdentifier: 'M365-BP' }]),
					audit: '[]',
					licenses: '[]',
					// Agreement 900 in both PSAs: only the Autotask contract's service is this company's.
					lines: JSON.stringify([
						{ psa: 'connectwise', agreementId: 900, additionId: 1, productIdentifier: 'M365-BP', quantity: 40, managed: true },
						{ psa: 'autotask', agreementId: 900, additionId: 2, productIdentifier: 'M365-BP', quantity: 4, managed: true },
					]),
					syncResult: 'null',
				},
				inputs: [[{ json: {} }]],
			});
			expect(error).toBeUndefined();
			return outputs[0][0].json as { next: string; session: unknown; read?: unknown; page?: { fields: Array<{ fieldName?: string; html?: string }> } };
		};
		const read = await overview({ company: map[0].companyName }, null);
		expect(read).toMatchObject({ next: 'read', read: { psa: 'autotask', agreements: [{ agreementId: 900, psa: 'autotask' }] } });
		const shown = await overview({}, read.session);
		const table = shown.page!.fields.find((field) => field.fieldName === 'licenses')!.html!;
		expect(table).toContain('agreement #900, line 2 (M365-BP)');
		expect(table).not.toContain('line 1 ');
	});
});
