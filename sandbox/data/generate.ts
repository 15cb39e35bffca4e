/** Builds the whole sandbox state from a seed, a tenant count and a day. */
import { createRandom } from '../random';
import type { SandboxState, Tenant } from '../types';
import { agreementTypes, catalogItems } from './catalog';
import { makeAgreements } from './agreements';
import { makeCompanies, type TenantName } from './companies';
import { makeGdapRelationships } from './gdap';
import { baseName, LEGAL_FORMS } from './names';
import { seedAutotask } from '../autotask/seed';
import { slug } from './slug';
import { addDirectory } from './directory';
import { makeTenant } from './tenants';

export interface GenerateOptions {
	tenants: number;
	seed: number;
	today: string;
}

function tenantNames(count: number, seed: number): TenantName[] {
	const random = createRandom(seed);
	const taken = new Set<string>();
	const names: TenantName[] = [];
	for (let attempts = 0; names.length < count; attempts++) {
		let base = baseName(random);
		// The word lists give tens of thousands of names; past that, a district keeps them apart.
		if (attempts > count * 20) base = `${base} ${names.length}`;
		const key = slug(base);
		if (taken.has(key)) continue;
		taken.add(key);
		names.push({ base, legalForm: random.chance(0.7) ? random.pick(LEGAL_FORMS) : '' });
	}
	return names;
}

export function generateState({ tenants: count, seed, today }: GenerateOptions): SandboxState {
	const names = tenantNames(count, seed);
	const random = createRandom(seed * 7919 + 1);
	const usedDomains = { initial: new Set<string>(['sandboxmsp']), custom: new Set<string>() };
	const partner = { tenantId: random.guid(), name: 'Sandbox MSP', domain: 'sandboxmsp.onmicrosoft.com' };
	const tenants: Tenant[] = names.map(({ base, legalForm }) =>
		makeTenant(random.guid(), legalForm ? `${base} ${legalForm}` : base, base, today, random, usedDomains),
	);
	// Groups, mailboxes and user attributes (#18) from their own stream: nothing above changes.
	addDirectory(tenants, createRandom(seed * 977 + 5));
	const takenNames = new Set(names.map(({ base }) => slug(base)));
	const companyData = makeCompanies(tenants, names, createRandom(seed * 31 + 2), takenNames);
	const catalog = catalogItems();
	const tenantById = new Map(tenants.map((tenant) => [tenant.tenantId, tenant]));
	const { agreements, additions } = makeAgreements(
		companyData.companies,
		(companyId) => {
			const tenantId = companyData.groundTruth.companyToTenant[companyId];
			return tenantId ? tenantById.get(tenantId) : undefined;
		},
		catalog,
		today,
		createRandom(seed * 131 + 3),
	);
	const state: Omit<SandboxState, 'autotask'> = {
		seed,
		today,
		partner,
		tenants,
		gdapRelationships: makeGdapRelationships(tenants, today, createRandom(seed * 523 + 4)),
		companies: companyData.companies,
		contacts: companyData.contacts,
		agreementTypes: agreementTypes(),
		agreements,
		additions,
		catalog,
		groundTruth: companyData.groundTruth,
		nextId: {
			contact: 1000 + companyData.contacts.length,
			addition: 5000 + additions.length,
		},
	};
	return { ...state, autotask: seedAutotask(state) };
}
