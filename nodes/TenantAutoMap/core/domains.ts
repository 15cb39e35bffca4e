/**
 * Free mail, ISP and hosting domains: anyone can have an address there, so they say nothing
 * about which customer a row belongs to. Subdomains count too (mail.bigpond.com).
 */
const SHARED_DOMAINS: ReadonlySet<string> = new Set([
	// free mail
	'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com', 'icloud.com', 'me.com', 'mac.com',
	'aol.com', 'aim.com', 'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 'proton.me', 'protonmail.com', 'pm.me',
	'zoho.com', 'zohomail.com', 'mail.com', 'email.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru',
	'fastmail.com', 'hushmail.com', 'tutanota.com', 'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'daum.net', 'rediffmail.com',
	// ISPs
	'bigpond.com', 'bigpond.net.au', 'bigpond.com.au', 'optusnet.com.au', 'optus.com.au', 'tpg.com.au', 'iinet.net.au',
	'internode.on.net', 'westnet.com.au', 'dodo.com.au', 'adam.com.au', 'ozemail.com.au', 'xtra.co.nz', 'spark.co.nz', 'slingshot.co.nz',
	'vodafone.co.nz', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'telus.net', 'videotron.ca', 'bell.net', 'cogeco.ca', 'eastlink.ca',
	'sbcglobal.net', 'comcast.net', 'att.net', 'verizon.net', 'cox.net', 'charter.net', 'earthlink.net', 'optonline.net', 'frontier.com',
	'bellsouth.net', 'windstream.net', 'centurylink.net', 'juno.com', 'netzero.net', 'roadrunner.com', 'rr.com', 'twc.com', 'spectrum.net',
	'btinternet.com', 'btopenworld.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'ntlworld.com', 'blueyonder.co.uk',
	'tiscali.co.uk', 'plus.com', 'eircom.net', 't-online.de', 'freenet.de', 'arcor.de', 'online.de', 'orange.fr', 'wanadoo.fr', 'free.fr',
	'sfr.fr', 'laposte.net', 'neuf.fr', 'libero.it', 'tiscali.it', 'virgilio.it', 'alice.it', 'tin.it', 'telenet.be', 'skynet.be',
	'ziggo.nl', 'xs4all.nl', 'kpnmail.nl', 'planet.nl', 'home.nl', 'bluewin.ch', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'seznam.cz',
	'centrum.cz', 'freemail.hu', 'citromail.hu', 'telia.com', 'online.no', 'sol.dk', 'jubii.dk', 'terra.com.br', 'uol.com.br', 'bol.com.br',
	// hosting and site builders
	'onmicrosoft.com', 'sharepoint.com', 'wixsite.com', 'business.site', 'godaddysites.com', 'squarespace.com', 'wordpress.com',
	'blogspot.com', 'weebly.com', 'facebook.com', 'linkedin.com', 'instagram.com',
]);

/** Free-mail brands with a domain per country (yahoo.co.uk, hotmail.fr, live.com.au). */
const SHARED_BRANDS: ReadonlySet<string> = new Set([
	'yahoo', 'ymail', 'rocketmail', 'hotmail', 'outlook', 'live', 'msn', 'gmail', 'googlemail', 'aol', 'gmx', 'icloud', 'yandex', 'mail',
]);
const COUNTRY_SUFFIX = /^(?:com|net|org|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2}|net\.[a-z]{2})$/;

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

/** Domains that can prove a match: unique, sorted, without shared (free mail, ISP) or initial domains. */
export function evidenceDomains(values: string[], extraShared: ReadonlySet<string> = new Set()): string[] {
	const domains = new Set<string>();
	for (const value of values) {
		const domain = toDomain(value);
		if (domain && !isSharedDomain(domain, extraShared) && !initialDomainLabel(domain)) domains.add(domain);
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

/** A free mail, ISP or hosting domain (or a subdomain of one), or one the user listed. */
export function isSharedDomain(domain: string, extraShared: ReadonlySet<string> = new Set()): boolean {
	for (let start = 0; start >= 0; start = nextLabel(domain, start)) {
		const suffix = start === 0 ? domain : domain.slice(start);
		if (!suffix.includes('.')) break;
		if (SHARED_DOMAINS.has(suffix) || extraShared.has(suffix)) return true;
		const dot = suffix.indexOf('.');
		if (SHARED_BRANDS.has(suffix.slice(0, dot)) && COUNTRY_SUFFIX.test(suffix.slice(dot + 1))) return true;
	}
	return false;
}

/** Position of the label after the one at `start`, or -1. */
function nextLabel(domain: string, start: number): number {
	const dot = domain.indexOf('.', start);
	return dot < 0 ? -1 : dot + 1;
}
