/** PSA companies and contacts for the tenants, with the ground truth of which is which. */
import type { Random } from '../random';
import type { CwCompany, CwContact, GroundTruth, NameVariation, Tenant } from '../types';
import { TENANT_ID_CUSTOM_FIELD } from '../types';
import { baseName, companyNameFor, SURNAMES, TRADES } from './names';
import { slug, unique } from './slug';

export interface TenantName {
	base: string;
	legalForm: string;
}

const VARIATION_WEIGHTS: Array<[NameVariation, number]> = [
	['same', 24],
	['legalForm', 20],
	['punctuation', 10],
	['ampersand', 8],
	['abbreviation', 8],
	['diacritics', 8],
	['typo', 12],
	['rebrand', 6],
];

function weighted(random: Random): NameVariation {
	const total = VARIATION_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
	let roll = random.next() * total;
	for (const [variation, weight] of VARIATION_WEIGHTS) {
		roll -= weight;
		if (roll < 0) return variation;
	}
	return 'same';
}

interface CompanyDraft {
	name: string;
	variation: NameVariation;
	tenant: Tenant | null;
	website: string;
	tenantIdField: boolean;
}

function decoyName(tenantBase: string, random: Random): string {
	const words = tenantBase.split(' ');
	const keep = words[0] === '&' ? words[1] : words[0];
	const trade = random.pick(TRADES.filter((candidate) => !tenantBase.includes(candidate)));
	return random.chance(0.5) ? `${keep} ${trade}` : `${random.pick(SURNAMES)} ${words[words.length - 1]}`;
}

function drafts(tenants: Tenant[], names: TenantName[], random: Random, takenNames: Set<string>): CompanyDraft[] {
	const list: CompanyDraft[] = [];
	tenants.forEach((tenant, index) => {
		// About one tenant in ten has no PSA company yet.
		if (random.chance(0.1)) return;
		const { base, legalForm } = names[index];
		const { name, variation } = companyNameFor(base, legalForm, weighted(random), random);
		const customDomain = tenant.defaultDomain.endsWith('.onmicrosoft.com') ? '' : tenant.defaultDomain;
		const showWebsite = customDomain !== '' && (variation === 'rebrand' || random.chance(0.5));
		list.push({
			name,
			variation,
			tenant,
			website: showWebsite ? (random.chance(0.5) ? `www.${customDomain}` : `https://${customDomain}`) : '',
			tenantIdField: (variation === 'rebrand' && !showWebsite) || random.chance(0.15),
		});
	});
	const extra = Math.max(2, Math.round(tenants.length * 0.25));
	for (let i = 0; i < extra; i++) {
		const isDecoy = i % 5 < 3 && tenants.length > 0;
		const name = isDecoy ? decoyName(names[random.int(0, names.length - 1)].base, random) : baseName(random);
		if (takenNames.has(slug(name))) continue;
		takenNames.add(slug(name));
		list.push({
			name: random.chance(0.4) ? `${name} ${random.pick(['Ltd', 'LLC', 'Inc.', 'GmbH'])}` : name,
			variation: isDecoy ? 'decoy' : 'noTenant',
			tenant: null,
			website: random.chance(0.6) ? `www.${slug(name).slice(0, 30)}.com` : '',
			tenantIdField: false,
		});
	}
	return list;
}

export interface CompanyData {
	companies: CwCompany[];
	contacts: CwContact[];
	groundTruth: GroundTruth;
}

export const OWN_COMPANY_ID = 2;
const FIRST_COMPANY_ID = 250;

export function makeCompanies(tenants: Tenant[], names: TenantName[], random: Random, takenNames: Set<string>): CompanyData {
	const list = random.shuffle(drafts(tenants, names, random, takenNames));
	const usedIdentifiers = new Set<string>();
	const groundTruth: GroundTruth = { tenantToCompany: {}, companyToTenant: {}, variationByCompany: {} };
	for (const tenant of tenants) groundTruth.tenantToCompany[tenant.tenantId] = null;
	const companies: CwCompany[] = [
		{
			id: OWN_COMPANY_ID,
			identifier: unique('SandboxMSP', usedIdentifiers),
			name: 'Sandbox MSP',
			status: { id: 1, name: 'Active' },
			types: [{ id: 5, name: 'Owner' }],
			website: 'www.sandbox-msp.example',
			deletedFlag: false,
			customFields: [],
		},
	];
	const contacts: CwContact[] = [];
	list.forEach((draft, index) => {
		const id = FIRST_COMPANY_ID + index;
		const identifier = unique(slug(draft.name).slice(0, 22) || 'Company', usedIdentifiers);
		companies.push({
			id,
			identifier,
			name: draft.name,
			status: random.chance(0.03) ? { id: 2, name: 'Inactive' } : { id: 1, name: 'Active' },
			types: [{ id: 1, name: 'Client' }],
			website: draft.website,
			deletedFlag: false,
			customFields: [
				{
					id: 1,
					caption: TENANT_ID_CUSTOM_FIELD,
					type: 'Text',
					entryMethod: 'EntryField',
					numberOfDecimals: 0,
					...(draft.tenantIdField && draft.tenant ? { value: draft.tenant.tenantId } : {}),
				},
			],
			_info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: 'sandbox' },
		});
		groundTruth.companyToTenant[id] = draft.tenant?.tenantId ?? null;
		groundTruth.variationByCompany[id] = draft.variation;
		if (draft.tenant) groundTruth.tenantToCompany[draft.tenant.tenantId] = id;
		const people = draft.tenant ? draft.tenant.users.slice(0, random.int(0, 2)) : [];
		for (const person of people) {
			contacts.push({
				id: 1000 + contacts.length,
				firstName: person.givenName ?? '',
				lastName: person.surname ?? '',
				company: { id, identifier, name: draft.name },
				inactiveFlag: false,
				communicationItems: [
					{ id: 1, type: { id: 1, name: 'Email' }, value: person.userPrincipalName, defaultFlag: true, communicationType: 'Email' },
				],
			});
		}
	});
	return { companies, contacts, groundTruth };
}
