import { evidenceDomains, initialDomainLabel, isSharedDomain, toDomain, toStringList } from '../../../nodes/TenantAutoMap/core/domains';

describe('domains', () => {
	it.each([
		['https://www.Contoso.com/about?x=1', 'contoso.com'],
		['http://shop.contoso.co.uk:8080', 'shop.contoso.co.uk'],
		['contoso.com.', 'contoso.com'],
		['www2.contoso.com', 'contoso.com'],
		['info@Contoso.com', 'contoso.com'],
		['not a website', null],
		['', null],
		['localhost', null],
	])('toDomain(%j) → %j', (value, domain) => {
		expect(toDomain(value)).toBe(domain);
	});

	it('keeps only domains that can prove a match: no free mail, no initial domain, no duplicates', () => {
		expect(
			evidenceDomains(['contoso.onmicrosoft.com', 'gmail.com', 'Contoso.com', 'https://contoso.com', 'contoso.wixsite.com', 'fabrikam.de']),
		).toEqual(['contoso.com', 'fabrikam.de']);
	});

	it.each([
		['gmail.com', true], ['yahoo.co.uk', true], ['yahoo.com.au', true], ['hotmail.fr', true], ['live.com.au', true],
		['bigpond.net.au', true], ['mail.bigpond.com', true], ['optusnet.com.au', true], ['shaw.ca', true], ['sbcglobal.net', true],
		['comcast.net', true], ['btinternet.com', true], ['sky.com', true], ['t-online.de', true], ['orange.fr', true], ['gmx.net', true],
		['contoso.com', false], ['yahoo-plumbing.com.au', false], ['mail.contoso.com', false], ['livewire.com', false],
	])('%s is a shared (free mail or ISP) domain: %s', (domain, shared) => {
		expect(isSharedDomain(domain)).toBe(shared);
	});

	it('adds the domains the user lists as shared', () => {
		expect(isSharedDomain('ledgerlane.example', new Set(['ledgerlane.example']))).toBe(true);
		expect(isSharedDomain('mail.ledgerlane.example', new Set(['ledgerlane.example']))).toBe(true);
	});

	it('reads the onmicrosoft.com label as a name hint', () => {
		expect(initialDomainLabel('contoso.onmicrosoft.com')).toBe('contoso');
		expect(initialDomainLabel('Contoso.mail.onmicrosoft.com')).toBe('contoso');
		expect(initialDomainLabel('contoso.com')).toBeNull();
	});

	it('accepts lists and comma-separated text, ignores other values', () => {
		expect(toStringList('a.com, b.com;c.com')).toEqual(['a.com', 'b.com', 'c.com']);
		expect(toStringList(['a.com', 7, null, 'b.com'])).toEqual(['a.com', 'b.com']);
		expect(toStringList(42)).toEqual([]);
		expect(toStringList(undefined)).toEqual([]);
	});
});
