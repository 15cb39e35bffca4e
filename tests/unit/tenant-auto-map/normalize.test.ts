import { normalizeName, tokenKey } from '../../../nodes/TenantAutoMap/core/normalize';

describe('normalizeName', () => {
	it.each([
		['Smith & Sons Pty Ltd', 'smith and sons'],
		['Smith and Sons', 'smith and sons'],
		['SMITH + SONS PTY. LTD.', 'smith and sons'],
		['Müller GmbH', 'muller'],
		['Société Générale S.A.', 'societe generale'],
		['Nyström & Østergaard AB', 'nystrom and ostergaard'],
		['Straße Bau GmbH & Co. KG', 'strasse bau'],
		['The Wright Group, Inc.', 'wright group'],
		['The Co', 'co'],
		['Smith & Co', 'smith'],
		["O'Brien's Bakery LLC", 'obriens bakery'],
		['A.B.C. Plumbing Ltd', 'abc plumbing'],
		['A B C Plumbing', 'abc plumbing'],
		['ABC Plumbing Supplies Ltd', 'abc plumbing supplies'],
		['Acme Intl Svcs Corp.', 'acme international services'],
		['Jones Bros Mfg Co', 'jones brothers manufacturing'],
		['Harbour Medical Centre Limited Ltd', 'harbour medical center'],
		['Ltd', 'ltd'],
		['Grupo Solana S.A. de C.V.', 'grupo solana'],
		['Kowalski Transport Sp. z o.o.', 'kowalski transport'],
		['Novák Stavby spol. s r.o.', 'novak stavby'],
		['Budapest Print Kft.', 'budapest print'],
		['Nielsen Consulting A/S', 'nielsen consulting'],
		['Nielsen Consulting ApS', 'nielsen consulting'],
		['Virtanen Logistics Ab Oy', 'virtanen logistics'],
		['Haugen Bygg AS', 'haugen bygg'],
		['Weber Bau GmbH & Co. KG', 'weber bau'],
		['Kabushiki Kaisha Tanaka Printing', 'tanaka printing'],
		['Tanaka Printing K.K.', 'tanaka printing'],
		['Tanaka Printing Co., Ltd.', 'tanaka printing'],
		['Rossi Ferramenta S.p.A.', 'rossi ferramenta'],
		['Harbour Freight Pty. Ltd.', 'harbour freight'],
		['Schmidt Elektro UG (haftungsbeschränkt)', 'schmidt elektro'],
		['Grupo Norte S. de R.L. de C.V.', 'grupo norte'],
		['株式会社トヨタ', '株式会社トヨタ'],
		['Ελληνική Εταιρεία', 'ελληνικη εταιρεια'],
		['  ', ''],
		['—', ''],
	])('%j → %j', (name, text) => {
		expect(normalizeName(name).text).toBe(text);
	});

	it('strips extra legal forms and ignored words the user names', () => {
		const settings = { extraLegalForms: ['Kft'], ignoredWords: ['(old)', 'test'] };
		expect(normalizeName('Budapest Print Kft', settings).text).toBe('budapest print');
		expect(normalizeName('Contoso TEST Ltd (old)', settings).text).toBe('contoso');
	});

	it('strips extra legal forms written as a user writes them, several words and dots included', () => {
		expect(normalizeName('Kowalski Meble Spółka Komandytowa', { extraLegalForms: ['spółka komandytowa'] }).text).toBe('kowalski meble');
		expect(normalizeName('Huber Tischlerei e.U.', { extraLegalForms: ['e.U.'] }).text).toBe('huber tischlerei');
		expect(normalizeName('Huber Tischlerei e.U.').text).toBe('huber tischlerei eu');
	});

	it('gives umlaut spellings and plurals the same key, so "Müller" meets "Mueller"', () => {
		expect(normalizeName('Müller').keys).toEqual(normalizeName('Mueller').keys);
		expect(normalizeName('Jäger Services').keys).toEqual(normalizeName('Jaeger Service').keys);
		expect(tokenKey('technologies')).toBe('technology');
		expect(tokenKey('glass')).toBe('glass');
	});
});
