/** Free mail and hosting domains say nothing about which customer a row belongs to. */
const SHARED_DOMAINS: ReadonlySet<string> = new Set([
	'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com',
	'msn.com', 'yahoo.com', 'yahoo.co.uk', 'icloud.com', 'me.com', 'aol.com', 'gmx.com', 'gmx.de',
	'web.de', 'proton.me', 'protonmail.com', 'zoho.com', 'mail.com', 'yandex.com',
	'onmicrosoft.com', 'sharepoint.com', 'wixsite.com', 'business.site', 'godaddysites.com',
	'squarespace.com', 'wordpress.com', 'facebook.com', 'linkedin.com',
]);

const INITIAL_DOMAIN = /^([a-z0-9-]+)\.(?:mail\.)?onmicrosoft\.(?:com|us|de)$|^([a-z0-9-]+)\.partner\.onmschina\.cn$/;

/**
 * A website or e-mail address reduced to its host: "https://www.Contoso.com/about"
 * → "contoso.com", "info@contoso.com" → "contoso.com". Null when there is no host.
 */
export function toDomain(value: string): string | null {
	let host = value.trim().toLowerCase();
	if (!host) return null;
	const at = host.lastIndexOf('@');
	if (at >= 0) host = host.slice(at + 1);
	host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
	host = host.split(/[/?#\s]/)[0].replace(/:\d+$/, '').replace(/\.$/, '');
	host = host.replace(/^www\d*\./, '');
	if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) return null;
	return host;
}

/** Strings from an array or a comma/semicolon separated list; anything else is ignored. */
export function toStringList(value: unknown): string[] {
	if (typeof value === 'string') return value.split(/[,;\s]+/).filter(Boolean);
	if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
	return [];
}

/** Domains that can prove a match: unique, sorted, without shared or initial domains. */
export function evidenceDomains(values: string[]): string[] {
	const domains = new Set<string>();
	for (const value of values) {
		const domain = toDomain(value);
		if (domain && !isShared(domain) && !initialDomainLabel(domain)) domains.add(domain);
	}
	return [...domains].sort();
}

/** "contoso.onmicrosoft.com" → "contoso"; null for any other domain. */
export function initialDomainLabel(domain: string): string | null {
	const found = INITIAL_DOMAIN.exec(domain.trim().toLowerCase());
	if (!found) return null;
	return found[1] ?? found[2] ?? null;
}

/** A company host proves a tenant domain when equal, or a subdomain of it (shop.contoso.com). */
export function domainsMatch(tenantDomain: string, companyDomain: string): boolean {
	return companyDomain === tenantDomain || companyDomain.endsWith('.' + tenantDomain);
}

function isShared(domain: string): boolean {
	if (SHARED_DOMAINS.has(domain)) return true;
	const parent = domain.slice(domain.indexOf('.') + 1);
	return SHARED_DOMAINS.has(parent);
}
