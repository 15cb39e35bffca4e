import type { Company, CwCompany, CwContact } from './types';

/** Mail providers whose domain says nothing about which company a contact works for. */
const SHARED_MAIL_DOMAINS = new Set([
	'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com',
	'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de',
]);

export function websiteDomain(website: string | undefined | null): string | null {
	const text = (website ?? '').trim();
	if (text === '') return null;
	try {
		const host = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
		const domain = host.replace(/^www\d?\./, '');
		return domain.includes('.') ? domain : null;
	} catch {
		return null;
	}
}

export function emailDomain(email: string | undefined | null): string | null {
	const at = (email ?? '').lastIndexOf('@');
	if (at < 0) return null;
	const domain = (email ?? '').slice(at + 1).trim().toLowerCase();
	return domain.includes('.') && !SHARED_MAIL_DOMAINS.has(domain) ? domain : null;
}

export function contactEmail(contact: CwContact): string | null {
	const emails = (contact.communicationItems ?? []).filter(
		(c) => c.communicationType === 'Email' || c.type?.name?.toLowerCase() === 'email',
	);
	const chosen = emails.find((c) => c.defaultFlag) ?? emails[0];
	return chosen?.value?.trim() || null;
}

export function customFieldValue(company: CwCompany, caption: string): string | undefined {
	const wanted = caption.trim().toLowerCase();
	const found = (company.customFields ?? []).find((f) => (f.caption ?? '').trim().toLowerCase() === wanted);
	const value = found?.value;
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

export function toCompany(company: CwCompany, options: { tenantIdField?: string; contacts?: CwContact[] } = {}): Company {
	const domains = new Set<string>();
	const site = websiteDomain(company.website);
	if (site) domains.add(site);
	for (const contact of options.contacts ?? []) {
		const domain = emailDomain(contactEmail(contact));
		if (domain) domains.add(domain);
	}
	const out: Company = {
		companyId: company.id,
		identifier: company.identifier ?? '',
		name: company.name ?? '',
		website: company.website?.trim() || null,
		domains: [...domains],
		status: company.status?.name ?? null,
		types: (company.types ?? []).map((t) => t.name ?? '').filter((t) => t !== ''),
	};
	const tenantId = options.tenantIdField ? customFieldValue(company, options.tenantIdField) : undefined;
	if (tenantId !== undefined) out.tenantId = tenantId;
	return out;
}
