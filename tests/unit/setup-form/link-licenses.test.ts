import {
	GO_BACK,
	NO_AGREEMENT_MARK,
	STOP,
	agreementStep,
	autotaskAgreementRows,
	companyChoices,
	linkRow,
	previewPage,
	whyZero,
	type AgreementRow,
	type LinkRow,
	type MapRow,
} from '../../../nodes/SetupForm/core';

interface Field {
	fieldType: string;
	fieldLabel?: string;
	fieldName?: string;
	fieldOptions?: { values: Array<{ option: string }> };
	defaultValue?: string | number;
	html?: string;
}
const fieldsOf = (page: { fields: string }) => JSON.parse(page.fields) as Field[];
const optionsOf = (field: Field | undefined) => field!.fieldOptions!.values.map((v) => v.option);

const CONTOSO: MapRow = { tenantId: 't-1', tenantName: 'Contoso (M365)', defaultDomain: 'contoso.com', companyId: 250, companyName: 'Contoso Ltd' };
const FABRIKAM: MapRow = { tenantId: 't-2', tenantName: 'Fabrikam', defaultDomain: 'fabrikam.com', companyId: 251, companyName: 'Fabrikam <Retail>' };
const agreement = (agreementId: number, companyId: number, typeName: string, name = `Agreement ${agreementId}`): AgreementRow => ({ agreementId, name, companyId, typeId: 10, typeName });
const AGREEMENTS = [agreement(900, 250, 'M365 Monthly', 'Contoso M365'), agreement(901, 250, 'Managed Services'), agreement(902, 251, 'Managed Services')];
const PROFILES = [{ name: 'M365 Business', agreementTypes: 'M365 Monthly, M365 Annual' }, { name: 'Support', agreementTypes: 'Managed Services' }];

describe('link licenses: company list', () => {
	it('marks a company without an active agreement of any profile type, and says why', () => {
		const { companies, page } = companyChoices([CONTOSO, FABRIKAM], AGREEMENTS, [PROFILES[0]], '');
		expect(companies.map((c) => [c.label, c.noAgreement])).toEqual([
			['Contoso Ltd — Contoso (M365) (contoso.com)', false],
			[`Fabrikam <Retail> — Fabrikam (fabrikam.com) ${NO_AGREEMENT_MARK}`, true],
		]);
		const fields = fieldsOf(page);
		expect(fields[0].html).toContain('1 marked');
		expect(fields[0].html).toContain('M365 Monthly, M365 Annual');
		expect(optionsOf(fields[1])).toEqual(companies.map((c) => c.label));
	});

	test.each([
		{ search: 'contoso', labels: ['Contoso Ltd — Contoso (M365) (contoso.com)'] },
		{ search: 'FABRIKAM.COM', labels: [`Fabrikam <Retail> — Fabrikam (fabrikam.com)`] },
		{ search: 'nobody', labels: [] },
	])('search "$search"', ({ search, labels }) => {
		const { companies, page } = companyChoices([CONTOSO, FABRIKAM], AGREEMENTS, PROFILES, search);
		expect(companies.map((c) => c.label)).toEqual(labels);
		if (labels.length === 0) {
			expect(fieldsOf(page)).toEqual([expect.objectContaining({ fieldType: 'html', html: expect.stringContaining('No mapped company contains "nobody"') })]);
		}
	});
});

describe('link licenses: agreement page', () => {
	it('offers only active agreements of the profile types, preselected when there is one, options in words', () => {
		const step = agreementStep(CONTOSO, PROFILES[0], AGREEMENTS);
		expect(step.hasAgreement).toBe(true);
		const fields = fieldsOf(step.page);
		expect(optionsOf(fields.find((f) => f.fieldName === 'agreement'))).toEqual(['Contoso M365 (M365 Monthly) #900']);
		expect(fields.find((f) => f.fieldName === 'agreement')!.defaultValue).toBe('Contoso M365 (M365 Monthly) #900');
		expect(optionsOf(fields.find((f) => f.fieldName === 'prorate'))).toEqual(['Off', 'Increases only', 'Increases and decreases']);
		expect(optionsOf(fields.find((f) => f.fieldName === 'quantityBasis'))).toEqual(['Purchased (licenses bought)', 'Assigned (licenses given to users)']);
		expect(JSON.stringify(fields)).not.toContain('increasesAndDecreases');
	});

	it('no agreement of the profile types: no empty required dropdown, but why, what to create, and a way back', () => {
		const step = agreementStep(FABRIKAM, PROFILES[0], AGREEMENTS);
		expect(step.hasAgreement).toBe(false);
		expect(step.page.title).toBe('No agreement to link to');
		const fields = fieldsOf(step.page);
		expect(fields.filter((f) => f.fieldType === 'dropdown').map(optionsOf)).toEqual([[GO_BACK, STOP]]);
		expect(fields[0].html).toContain('<b>Fabrikam &lt;Retail&gt;</b> has no active agreement of <b>M365 Monthly</b> or <b>M365 Annual</b>');
		expect(fields[0].html).toContain('Finance → Agreements');
	});
});

describe('link licenses: link row', () => {
	const answers = { agreement: 'Contoso M365 (M365 Monthly) #900', quantityBasis: 'Assigned (licenses given to users)', includedQuantity: '1', minimumQuantity: '', billingStartDate: '2026-01-01', prorate: 'Increases and decreases', showUsernames: 'No', showUnassigned: 'Yes' };
	it('turns the answers into the stored values', () => {
		expect(linkRow(CONTOSO, 'Microsoft 365 Business Standard [f245ecc8-75af-4f8e-b61f-27d8114de5f3]', 'M365 Business', answers)).toEqual({
			tenantId: 't-1', companyId: 250, skuIds: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3', term: '', agreementId: 900, billingProfile: 'M365 Business', quantityBasis: 'assigned',
			includedQuantity: 1, minimumQuantity: 0, billingStartDate: '2026-01-01', prorate: 'increasesAndDecreases', showUsernames: false, showUnassigned: true, descriptionTemplate: '', doNotBill: false,
		});
	});
	test.each([
		{ change: { includedQuantity: '-1' }, error: /Included quantity must be a whole number of 0 or more, got "-1"/ },
		{ change: { prorate: 'sometimes' }, error: /Prorate "sometimes" is not one of: Off, Increases only, Increases and decreases/ },
		{ change: { agreement: 'none' }, error: /The agreement "none" names no agreement id/ },
	])('refuses $change', ({ change, error }) => {
		expect(() => linkRow(CONTOSO, 'X [sku-1]', 'P', { ...answers, ...change })).toThrow(error);
	});
});

describe('link preview', () => {
	const link: LinkRow = { tenantId: 't-1', companyId: 250, skuIds: 'sku-new', term: '', agreementId: 900, billingProfile: 'M365 Business', quantityBasis: 'purchased', includedQuantity: 0, minimumQuantity: 0, billingStartDate: null, prorate: 'increasesAndDecreases', showUsernames: false, showUnassigned: false, descriptionTemplate: '', doNotBill: false };
	const additions = [
		{ agreementId: 900, additionId: 1, productIdentifier: 'M365-E3', quantity: 10, managed: true, cancelledDate: null },
		{ agreementId: 900, additionId: 2, productIdentifier: 'BACKUP', quantity: 4, managed: false, cancelledDate: null },
		{ agreementId: 900, additionId: 3, productIdentifier: 'OLD', quantity: 1, managed: true, cancelledDate: '2026-01-31' },
	];
	const plan = [
		{ action: 'create', tenantId: 'T-1', skuIds: ['sku-new'], agreementId: 900, billingProfile: 'M365 Business', productIdentifier: 'M365-BP', quantity: 0, currentQuantity: null, lessIncluded: 0, effectiveDate: '2026-12-01', invoiceDescription: 'Business Premium', reasons: [], lineKey: 'a' },
		{ action: 'update', tenantId: 't-1', skuIds: ['sku-e3'], agreementId: 900, billingProfile: 'M365 E3', productIdentifier: 'M365-E3', additionId: 1, quantity: 12, currentQuantity: 10, lessIncluded: 0, reasons: [], lineKey: 'b' },
	];

	it('shows the whole agreement: every line and who writes it, why the quantity is 0, options in words', () => {
		const fields = fieldsOf(previewPage(plan, link, additions, [{ skuId: 'SKU-NEW', productName: 'Microsoft 365 Business Premium' }]));
		const content = fields[0].html!;
		expect(content).toContain('A new line is added to the agreement');
		expect(content).toContain('Why it bills nothing');
		expect(content).toContain('Microsoft reports no Microsoft 365 Business Premium licenses purchased for this tenant');
		expect(content).toContain('Increases and decreases');
		expect(content).not.toContain('increasesAndDecreases');
		expect(content).toContain('<td>M365-E3</td><td>10</td><td>12</td><td>another link (M365 E3)</td>');
		expect(content).toContain('added by hand: the sync leaves it alone');
		expect(content).toContain('this link (new line)');
		expect(content).not.toContain('OLD');
		expect(optionsOf(fields[1])).toEqual(['Save', 'Cancel']);
	});

	test.each([
		{ item: { quantity: 5, lessIncluded: 0 }, basis: 'purchased', why: null },
		{ item: { quantity: 0, lessIncluded: 0 }, basis: 'assigned', why: 'Microsoft reports no P licenses assigned to users for this tenant, and the minimum quantity is 0.' },
		{ item: { quantity: 3, lessIncluded: 3 }, basis: 'purchased', why: 'All 3 licenses are included (not billed): included quantity 3.' },
		{ item: { action: 'skip' }, basis: 'purchased', why: null },
	])('why zero: $item', ({ item, basis, why }) => {
		expect(whyZero(item, { ...link, quantityBasis: basis }, 'P')).toBe(why);
	});

	it('names the missing plan item instead of showing an empty preview', () => {
		expect(() => previewPage([], link, [], [])).toThrow('The preview has no plan item for license sku-new on agreement 900');
	});
});

describe('link licenses on Autotask: the company map row\'s psa decides where agreements come from', () => {
	// Autotask PSA → Contract → Get Many items (active contracts; the contract category is the agreement type).
	const contract = (agreementId: number, companyId: number, category: string, status = 'Active') => ({ kind: 'contract', agreementId, contractId: agreementId, name: `Contract ${agreementId}`, agreementCompanyId: companyId, agreementType: category, agreementStatus: status, descriptionMaxLength: 1000 });
	// Company ids are each PSA's own: Autotask company 250 is not ConnectWise company 250.
	const ATCONTOSO: MapRow = { ...CONTOSO, tenantId: 't-3', psa: 'autotask' };
	const autotaskRows = autotaskAgreementRows([contract(900, 250, 'M365 Monthly'), contract(905, 250, 'M365 Monthly', 'Expired'), contract(906, 251, 'M365 Monthly')]);
	const both: AgreementRow[] = [...AGREEMENTS.map((a) => ({ ...a, psa: 'connectwise' })), ...autotaskRows];

	it('reads an Autotask company\'s contracts only, by contract category, leaving out expired ones; an empty psa is ConnectWise', () => {
		expect(autotaskRows.map((row) => row.agreementId)).toEqual([900, 906]);
		const step = agreementStep(ATCONTOSO, PROFILES[0], both);
		const fields = fieldsOf(step.page);
		expect(step.page.title).toBe('Contract and billing options');
		expect(optionsOf(fields.find((f) => f.fieldName === 'agreement'))).toEqual(['Contract 900 (M365 Monthly) #900']);
		// The ConnectWise company with the same id sees its own agreement 900 only, named as ConnectWise names it.
		expect(optionsOf(fieldsOf(agreementStep(CONTOSO, PROFILES[0], both).page).find((f) => f.fieldName === 'agreement'))).toEqual(['Contoso M365 (M365 Monthly) #900']);
		// Fabrikam in ConnectWise has no M365 agreement, although Autotask company 251 has a contract of that category.
		expect(companyChoices([FABRIKAM], both, [PROFILES[0]], '').companies[0].noAgreement).toBe(true);
		expect(companyChoices([{ ...FABRIKAM, psa: 'autotask' }], both, [PROFILES[0]], '').companies[0].noAgreement).toBe(false);
	});

	it('offers no field Autotask cannot honour, and the link bills the whole count without prorating', () => {
		const fields = fieldsOf(agreementStep(ATCONTOSO, PROFILES[0], both).page);
		expect(fields.map((f) => f.fieldName).filter(Boolean)).toEqual(['agreement', 'billingStartDate', 'quantityBasis', 'minimumQuantity', 'showUsernames', 'showUnassigned']);
		expect(fields.find((f) => f.fieldType === 'html')!.html).toContain('no included quantity');
		const row = linkRow(ATCONTOSO, 'X [sku-1]', 'M365 Business', { agreement: 'Contract 900 (M365 Monthly) #900', quantityBasis: 'Purchased (licenses bought)', minimumQuantity: '2', showUsernames: 'Yes', showUnassigned: 'No' });
		expect(row).toMatchObject({ tenantId: 't-3', companyId: 250, agreementId: 900, includedQuantity: 0, minimumQuantity: 2, prorate: 'off', showUsernames: true });
	});

	it('says what to create in Autotask when the company has no contract of the profile\'s categories', () => {
		const step = agreementStep({ ...FABRIKAM, psa: 'autotask' }, PROFILES[1], both);
		expect(step.hasAgreement).toBe(false);
		const content = fieldsOf(step.page)[0].html!;
		expect(content).toContain('has no active contract of <b>Managed Services</b>, the contract categories of the billing profile');
		expect(content).toContain('Contracts → New Contract');
		expect(content).not.toContain('Finance → Agreements');
	});

	it('refuses a profile Autotask cannot bill (not Billable) with why, and a psa it does not know', () => {
		const doNotBill = { name: 'Free seats', agreementTypes: 'M365 Monthly', billCustomer: 'DoNotBill' };
		const refused = agreementStep(ATCONTOSO, doNotBill, both);
		expect(refused.hasAgreement).toBe(false);
		expect(fieldsOf(refused.page)[0].html).toContain('Autotask bills every contract service (Billable only)');
		expect(agreementStep(CONTOSO, doNotBill, both).hasAgreement).toBe(true);
		const typo = { ...CONTOSO, psa: 'autotaks' };
		expect(companyChoices([typo], both, PROFILES, '').companies[0]).toMatchObject({ noAgreement: true, label: expect.stringContaining('PSA "autotaks" unknown') });
		expect(fieldsOf(agreementStep(typo, PROFILES[0], both).page)[0].html).toContain('the sync knows connectwise and autotask only');
	});

	it('previews in Autotask\'s words: units on the contract, no included quantity or prorate', () => {
		const link: LinkRow = { tenantId: 't-3', companyId: 250, skuIds: 'sku-1', term: '', agreementId: 900, billingProfile: 'M365 Business', quantityBasis: 'purchased', includedQuantity: 0, minimumQuantity: 0, billingStartDate: null, prorate: 'off', showUsernames: false, showUnassigned: false, descriptionTemplate: '', doNotBill: false };
		const plan = [{ action: 'create', tenantId: 't-3', skuIds: ['sku-1'], agreementId: 900, productIdentifier: 'M365-BP', quantity: 7, currentQuantity: null, lessIncluded: 0, effectiveDate: '2026-12-01', invoiceDescription: 'Business Premium', reasons: [] }];
		const content = fieldsOf(previewPage(plan, link, [], [{ skuId: 'sku-1', productName: 'Microsoft 365 Business Premium' }], 'autotask'))[0].html!;
		expect(content).toContain('<td>What happens</td><td>A new contract service is added to the contract</td>');
		expect(content).toContain('<td>Units</td><td>7 (now: no line yet)</td>');
		expect(content).toContain('Autotask contract #900: every contract service');
		expect(content).not.toContain('Less included');
		expect(content).not.toContain('Prorate');
	});
});
