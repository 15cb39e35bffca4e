/**
 * The link licenses pages for a company in Autotask, fed by the Autotask PSA node against the
 * sandbox as the link licenses template chains them: active contracts (Contract → Get Many) into
 * the company list and the contract page, and a contract's services (Contract Service → Get Many)
 * through License Reconcile into the preview, in Autotask's words and limits.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { SetupForm } from '../../nodes/SetupForm/SetupForm.node';
import type { MapRow } from '../../nodes/SetupForm/core';
import { autotaskCredential, autotaskRunner, json } from './autotaskRunner';
import { runNode } from './harness';

type Json = Record<string, unknown>;
interface Field {
	fieldType: string;
	fieldName?: string;
	html?: string;
	fieldOptions?: { values: Array<{ option: string }> };
}

let sandbox: Sandbox;
const { autotask } = autotaskRunner(() => autotaskCredential(sandbox));
const setupForm = new SetupForm();

beforeAll(async () => {
	sandbox = await startSandbox({ tenants: 12, seed: 7 });
});
afterAll(async () => await sandbox?.stop());
beforeEach(() => sandbox.reset());

async function setupNode(parameters: INodeParameters, input: Json = {}): Promise<Json> {
	const result = await runNode({ node: setupForm, parameters, inputs: [[{ json: input as never }]] });
	if (result.error) throw result.error;
	return result.outputs[0][0].json as Json;
}
const fieldsOf = (page: unknown): Field[] => JSON.parse((page as { fields: string }).fields) as Field[];
const optionsOf = (page: unknown, name: string) => fieldsOf(page).find((f) => f.fieldName === name)!.fieldOptions!.values.map((v) => v.option);

describe('link licenses for a company in Autotask', () => {
	const PROFILE = { name: 'M365 monthly', productIdentifier: 'M365-BUS-PREM', agreementTypes: 'M365 Monthly', billCustomer: 'Billable', priceMode: 'catalog' };

	it('offers the company\'s active Autotask contracts of the profile\'s category, never a ConnectWise agreement with the same ids', async () => {
		const at = sandbox.state.autotask;
		const contract = at.contracts.find((c) => c.status === 1 && c.contractCategory === 1 && c.endDate.slice(0, 10) >= sandbox.state.today)!;
		const company = at.companies.find((c) => c.id === contract.companyID)!;
		const row: MapRow = { tenantId: 't-1', tenantName: 'Tenant', defaultDomain: 'tenant.example', companyId: company.id, companyName: company.companyName, psa: 'autotask' };
		const contracts = (await autotask({ resource: 'contract', operation: 'getAll', returnAll: true, filters: { activeOnly: true } })).map((item) => item.json);
		// The ConnectWise list would name other agreements of a company with this id: an Autotask company never gets them.
		const cwAgreements = [{ agreementId: 99999, name: 'ConnectWise only', companyId: company.id, typeId: 1, typeName: 'M365 Monthly' }];

		const list = await setupNode({ operation: 'linkCompanies', mapRows: [row] as never, search: '', agreements: cwAgreements as never, autotaskContracts: contracts as never, profiles: [PROFILE] as never });
		expect((list.companies as Array<{ noAgreement: boolean }>)[0].noAgreement).toBe(false);
		const step = await setupNode({ operation: 'linkAgreement', company: row as never, agreements: cwAgreements as never, autotaskContracts: contracts as never, profiles: [PROFILE] as never, billingProfile: PROFILE.name });
		expect(step.hasAgreement).toBe(true);
		const expected = at.contracts.filter((c) => c.companyID === company.id && c.status === 1 && c.contractCategory === 1 && c.endDate.slice(0, 10) >= sandbox.state.today);
		expect(optionsOf(step.page, 'agreement').map((option) => Number(/#(\d+)$/.exec(option)![1])).sort()).toEqual(expected.map((c) => c.id).sort());
		expect(optionsOf(step.page, 'agreement')).toContain(`${contract.contractName} (M365 Monthly) #${contract.id}`);
		expect(fieldsOf(step.page).map((f) => f.fieldName)).not.toContain('prorate');

		// The same company read in ConnectWise sees the ConnectWise agreement only.
		const inConnectWise = await setupNode({ operation: 'linkAgreement', company: { ...row, psa: 'connectwise' } as never, agreements: cwAgreements as never, autotaskContracts: contracts as never, profiles: [PROFILE] as never, billingProfile: PROFILE.name });
		expect(optionsOf(inConnectWise.page, 'agreement')).toEqual(['ConnectWise only (M365 Monthly) #99999']);
	});

	it('previews with the contract\'s services through License Reconcile: a usernames description is cut at Autotask\'s 1000 characters', async () => {
		const at = sandbox.state.autotask;
		const contract = at.contracts.find((c) => c.status === 1 && c.endDate.slice(0, 10) >= sandbox.state.today && !at.contractServices.some((s) => s.contractID === c.id && at.services.find((x) => x.id === s.serviceID)?.sku === 'M365-BUS-PREM'))!;
		const company = at.companies.find((c) => c.id === contract.companyID)!;
		const row: MapRow = { tenantId: 't-1', tenantName: 'Tenant', defaultDomain: 'tenant.example', companyId: company.id, companyName: company.companyName, psa: 'autotask' };
		const link = await setupNode({ operation: 'linkRow', company: row as never, license: 'Microsoft 365 Business Premium [cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46]', billingProfile: PROFILE.name }, { agreement: `x #${contract.id}`, quantityBasis: 'Assigned (licenses given to users)', minimumQuantity: '0', showUsernames: 'Yes', showUnassigned: 'No' });
		expect(link).toMatchObject({ agreementId: contract.id, includedQuantity: 0, prorate: 'off', showUsernames: true });
		const lines = await autotask({ resource: 'contractService', operation: 'getAll', agreementId: { __rl: true, mode: 'id', value: '={{ $json.agreementId }}' } as never }, json([link]));
		expect(lines.every((item) => item.json.descriptionMaxLength === 1000)).toBe(true);
		// 80 users with long names: far more than 1000 characters of usernames.
		const users = Array.from({ length: 80 }, (_, n) => `someone.with.a.long.name.${n}@tenant.example`);
		const licenses = [{ tenantId: 't-1', skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', productName: 'Microsoft 365 Business Premium', purchased: 80, assigned: 80, unassigned: 0, users }];
		const profile = { ...PROFILE, agreementTypes: String(lines[0].json.agreementType) };
		const reconcile = await runNode({ node: new LicenseReconcile(), parameters: { options: { reportUnlinked: false } }, inputs: [json(licenses), json([{ ...link, tenantId: 't-1' }]), lines as INodeExecutionData[], json([profile])] });
		if (reconcile.error) throw reconcile.error;
		const plan = reconcile.outputs.flat().map((item) => item.json);
		const item = plan.find((p) => Number(p.agreementId) === contract.id)!;
		expect(item).toMatchObject({ action: 'create', quantity: 80 });
		// Cut at the contract rows' 1000, not the option's 6000 (80 names are about 3400 characters).
		expect(String(item.invoiceDescription).length).toBeLessThanOrEqual(1000);
		expect(String(item.invoiceDescription).length).toBeGreaterThan(900);
		expect(String(item.invoiceDescription)).toMatch(/\+\d+ more/);
		const preview = await setupNode({ operation: 'linkPreview', plan: plan as never, link: link as never, additions: lines.map((l) => l.json) as never, licenses: licenses as never, company: row as never });
		const content = fieldsOf(preview.page)[0].html!;
		expect(content).toContain('A new contract service is added to the contract');
		expect(content).toContain(`Autotask contract #${contract.id}: every contract service`);
	});

	test('the links of the agreement: a ConnectWise link of the same id as the Autotask contract is not one of them, and is named as a clash', async () => {
		const mapRows = [
			{ tenantId: 't-cw', companyId: 7, psa: '' },
			{ tenantId: 't-at', companyId: 7, psa: 'autotask' },
			{ tenantId: 't-at2', companyId: 8, psa: 'autotask' },
		];
		const company = { tenantId: 't-at', tenantName: 'AT', companyId: 7, companyName: 'AT Co', psa: 'autotask' };
		const newLink = { tenantId: 't-at', companyId: 7, skuIds: 'e3', agreementId: 31 };
		const run = await runNode({
			node: setupForm,
			parameters: { operation: 'linkAgreementLinks', link: JSON.stringify(newLink), company: JSON.stringify(company), links: JSON.stringify([{}, { tenantId: 't-cw', companyId: 7, skuIds: 'e3', agreementId: 31 }, { tenantId: 't-at2', companyId: 8, skuIds: 'bp', agreementId: 31 }]), mapRows: JSON.stringify([...mapRows, {}]) },
			inputs: [[{ json: newLink }]],
		});
		expect(run.error).toBeUndefined();
		expect(run.outputs[0][0].json).toEqual({
			links: [{ tenantId: 't-at2', companyId: 8, skuIds: 'bp', agreementId: 31 }, newLink],
			// The ConnectWise link of the same id: the sync bills neither, and the preview says so.
			clash: expect.stringMatching(/^Id 31 is also linked for a company in ConnectWise\./),
		});
		expect(run.outputs[0][0].pairedItem).toEqual({ item: 0 });
	});
});
