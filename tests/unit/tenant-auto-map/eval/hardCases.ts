import type { CompanyInput, TenantInput } from '../../../../nodes/TenantAutoMap/core';

/** What must happen to one tenant: matched to a company, or never matched confidently. */
export type Expectation =
	| { tenantId: string; outcome: 'matched'; companyId: number }
	| { tenantId: string; outcome: 'review'; companyId: number }
	| { tenantId: string; outcome: 'notMatched' };

export interface HardCase {
	title: string;
	tenants: Array<{ tenantId: string; name: string; domains?: string[] }>;
	companies: Array<{ companyId: number; name: string; website?: string; tenantId?: string }>;
	expect: Expectation[];
}

/** Hand-written cases from the issue and from MSP practice; each is its own small world. */
export const HARD_CASES: HardCase[] = [
	{
		title: '"Smith & Sons Pty Ltd" vs "Smith and Sons"',
		tenants: [{ tenantId: 't1', name: 'Smith & Sons Pty Ltd' }],
		companies: [{ companyId: 1, name: 'Smith and Sons' }, { companyId: 2, name: 'Smith Electrical' }],
		expect: [{ tenantId: 't1', outcome: 'matched', companyId: 1 }],
	},
	{
		title: '"Müller GmbH" vs "Mueller"',
		tenants: [{ tenantId: 't1', name: 'Müller GmbH' }, { tenantId: 't2', name: 'Jäger & Söhne' }],
		companies: [{ companyId: 1, name: 'Mueller' }, { companyId: 2, name: 'Jaeger and Soehne' }, { companyId: 3, name: 'Fischer GmbH' }],
		expect: [
			{ tenantId: 't1', outcome: 'matched', companyId: 1 },
			{ tenantId: 't2', outcome: 'matched', companyId: 2 },
		],
	},
	{
		title: 'a rebrand found only by domain',
		tenants: [{ tenantId: 't1', name: 'Tailspin Toys', domains: ['tailspin.onmicrosoft.com', 'tailspintoys.example'] }],
		companies: [{ companyId: 1, name: 'Wingtip Holdings', website: 'https://www.tailspintoys.example' }, { companyId: 2, name: 'Tailspin Aviation' }],
		expect: [{ tenantId: 't1', outcome: 'matched', companyId: 1 }],
	},
	{
		title: '"ABC Plumbing" vs "ABC Plumbing Supplies", both in the PSA',
		tenants: [{ tenantId: 't1', name: 'ABC Plumbing Ltd' }, { tenantId: 't2', name: 'ABC Plumbing Supplies Pty Ltd' }],
		companies: [{ companyId: 1, name: 'ABC Plumbing' }, { companyId: 2, name: 'ABC Plumbing Supplies' }],
		expect: [
			{ tenantId: 't1', outcome: 'matched', companyId: 1 },
			{ tenantId: 't2', outcome: 'matched', companyId: 2 },
		],
	},
	{
		title: '"ABC Plumbing" when only "ABC Plumbing Supplies" is in the PSA',
		tenants: [{ tenantId: 't1', name: 'ABC Plumbing' }],
		companies: [{ companyId: 2, name: 'ABC Plumbing Supplies' }, { companyId: 3, name: 'XYZ Roofing' }],
		expect: [{ tenantId: 't1', outcome: 'notMatched' }],
	},
	{
		title: 'companies sharing a surname',
		tenants: [
			{ tenantId: 't1', name: 'Smith' },
			{ tenantId: 't2', name: 'Smith Plumbing Ltd' },
			{ tenantId: 't3', name: 'J. Smith' },
			{ tenantId: 't4', name: 'Smith Dental' },
		],
		companies: [
			{ companyId: 1, name: 'Smith Electrical' },
			{ companyId: 2, name: 'Smith Plumbing' },
			{ companyId: 3, name: 'Smith Accounting' },
			{ companyId: 4, name: 'Smith Legal' },
			{ companyId: 5, name: 'Jones Dental' },
		],
		expect: [
			{ tenantId: 't1', outcome: 'notMatched' },
			{ tenantId: 't2', outcome: 'matched', companyId: 2 },
			{ tenantId: 't3', outcome: 'notMatched' },
			{ tenantId: 't4', outcome: 'notMatched' },
		],
	},
	{
		title: 'two PSA companies with the same name',
		tenants: [{ tenantId: 't1', name: 'Contoso Ltd' }],
		companies: [{ companyId: 1, name: 'Contoso Ltd' }, { companyId: 2, name: 'Contoso Limited' }],
		expect: [{ tenantId: 't1', outcome: 'review', companyId: 1 }],
	},
	{
		title: 'leading "The", initials and abbreviations',
		tenants: [
			{ tenantId: 't1', name: 'The Wright Group' },
			{ tenantId: 't2', name: 'A.B.C. Consulting' },
			{ tenantId: 't3', name: 'Intl Business Svcs' },
		],
		companies: [
			{ companyId: 1, name: 'Wright Group, Inc.' },
			{ companyId: 2, name: 'ABC Consulting LLC' },
			{ companyId: 3, name: 'International Business Services' },
			{ companyId: 4, name: 'Wright Plumbing' },
		],
		expect: [
			{ tenantId: 't1', outcome: 'matched', companyId: 1 },
			{ tenantId: 't2', outcome: 'matched', companyId: 2 },
			{ tenantId: 't3', outcome: 'matched', companyId: 3 },
		],
	},
	{
		title: 'tenant id recorded on the company beats a name that fits another company',
		tenants: [{ tenantId: 'c0ffee00-0000-4000-a000-000000000001', name: 'Northwind' }],
		companies: [
			{ companyId: 1, name: 'NW Holdings', tenantId: 'C0FFEE00-0000-4000-A000-000000000001' },
			{ companyId: 2, name: 'Northwind' },
		],
		expect: [{ tenantId: 'c0ffee00-0000-4000-a000-000000000001', outcome: 'matched', companyId: 1 }],
	},
	{
		title: 'two companies recording the same tenant id go to review',
		tenants: [{ tenantId: 't1', name: 'Northwind' }],
		companies: [
			{ companyId: 1, name: 'NW Holdings', tenantId: 't1' },
			{ companyId: 2, name: 'Northwind Old', tenantId: 't1' },
		],
		expect: [{ tenantId: 't1', outcome: 'review', companyId: 1 }],
	},
	{
		title: 'short words that differ by one letter are different companies',
		tenants: [{ tenantId: 't1', name: 'ABD Plumbing' }, { tenantId: 't2', name: 'Kent Dental' }],
		companies: [{ companyId: 1, name: 'ABC Plumbing' }, { companyId: 2, name: 'Kern Dental' }],
		expect: [
			{ tenantId: 't1', outcome: 'notMatched' },
			{ tenantId: 't2', outcome: 'notMatched' },
		],
	},
	{
		title: 'a typo in a long word still matches',
		tenants: [{ tenantId: 't1', name: 'Fabrikam Enginering Ltd' }],
		companies: [{ companyId: 1, name: 'Fabrikam Engineering' }, { companyId: 2, name: 'Fabrikam Logistics' }],
		expect: [{ tenantId: 't1', outcome: 'matched', companyId: 1 }],
	},
];

export function tenantInputs(hardCase: HardCase): TenantInput[] {
	return hardCase.tenants.map((tenant, index) => ({ index, tenantId: tenant.tenantId, name: tenant.name, domains: tenant.domains ?? [] }));
}

export function companyInputs(hardCase: HardCase): CompanyInput[] {
	return hardCase.companies.map((company, index) => ({
		index,
		companyId: company.companyId,
		name: company.name,
		website: company.website ?? null,
		domains: [],
		tenantId: company.tenantId ?? null,
	}));
}
