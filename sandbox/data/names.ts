/** Word lists and the name variations auto-map has to see through. */
import type { Random } from '../random';
import type { NameVariation } from '../types';

export const SURNAMES = [
	'Henderson', 'Smith', 'Jones', "O'Brien", 'Patel', 'Nguyen', 'Fischer', 'Kowalski', 'Rossi', 'García',
	'Müller', 'Dubois', 'Larsen', 'Johansson', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Walker', 'Wright',
	'Hughes', 'Edwards', 'Morgan', 'Price', 'Bennett', 'Carter', 'Murphy', 'Kelly', 'Reid', 'Fraser',
	'Sinclair', 'Thornton', 'Whitfield', 'Ashford', 'Pemberton', 'Hollis', 'Delgado', 'Nakamura', 'Okafor', 'Lindqvist',
	'Novák', 'Šimek', 'Øverby', 'Saint-Laurent', 'McAllister', 'MacKenzie', 'Van der Berg', 'De Wit', 'Kraus', 'Bauer',
];

export const PLACES = [
	'Northern', 'Southern', 'Eastside', 'Westbrook', 'Harbor', 'Riverside', 'Lakeside', 'Summit', 'Valley', 'Coastal',
	'Pacific', 'Atlantic', 'Highland', 'Midland', 'Metro', 'Capital', 'Pioneer', 'Granite', 'Silverline', 'Bluewater',
	'Redwood', 'Oakridge', 'Maple', 'Cedar', 'Evergreen', 'Sunrise', 'Northstar', 'Ironbridge', 'Kingsway', 'Fairview',
	'Zürich', 'Montréal', 'São Paulo', 'Kraków', 'Malmö', 'Årstad', 'Genève', 'Köln', 'Málaga', 'Łódź',
];

export const TRADES = [
	'Plumbing', 'Electrical', 'Dental', 'Legal', 'Accounting', 'Logistics', 'Engineering', 'Construction', 'Consulting',
	'Architecture', 'Veterinary', 'Pharmacy', 'Insurance', 'Realty', 'Landscaping', 'Roofing', 'Catering', 'Printing',
	'Marketing', 'Software', 'Freight', 'Healthcare', 'Optometry', 'Physiotherapy', 'Surveying', 'Bakery', 'Brewing',
	'Joinery', 'Textiles', 'Recruitment', 'Security', 'Travel', 'Fitness', 'Media', 'Energy', 'Solar', 'Dairy',
	'Vineyards', 'Motors', 'Aviation',
];

export const SUFFIXES = ['Services', 'Group', 'Partners', 'Associates', 'Solutions', 'Holdings', 'International', 'Brothers', 'Systems', 'Supplies'];

export const LEGAL_FORMS = ['Ltd', 'Limited', 'LLC', 'Inc.', 'Inc', 'Pty Ltd', 'GmbH', 'B.V.', 'AG', 'S.A.', 'PLC', 'Corp.', 'Co.', 'S.r.l.', 'AB', 'Oy'];

const ABBREVIATIONS: Array<[string, string]> = [
	['International', 'Intl'], ['Associates', 'Assoc.'], ['Brothers', 'Bros.'], ['Services', 'Svcs'],
	['Engineering', 'Eng.'], ['Construction', 'Constr.'], ['Consulting', 'Consult.'], ['Solutions', 'Sol.'],
	['Systems', 'Sys.'], ['Supplies', 'Supp.'], ['Holdings', 'Hldgs'], ['Group', 'Grp'], ['Saint', 'St.'],
	['Northern', 'Nthn'], ['Accounting', 'Acctg'], ['Healthcare', 'HC'], ['Logistics', 'Log.'],
];

const REBRAND_PREFIXES = ['Nova', 'Bright', 'Vertex', 'Apex', 'Lumen', 'Orbit', 'Crest', 'Kinetic', 'Aurora', 'Zenith'];
const REBRAND_SUFFIXES = ['Works', 'Labs', 'Collective', 'Co', 'Hub', 'One', 'Point', 'Path', 'Bridge', 'Field'];

/** A fresh base name (without legal form); the caller keeps names unique. */
export function baseName(random: Random): string {
	switch (random.int(0, 4)) {
		case 0:
			return `${random.pick(SURNAMES)} ${random.pick(TRADES)}`;
		case 1:
			return `${random.pick(PLACES)} ${random.pick(TRADES)} ${random.pick(SUFFIXES)}`;
		case 2:
			return `${random.pick(SURNAMES)} & ${random.pick(SURNAMES)} ${random.pick(TRADES)}`;
		case 3:
			return `${random.pick(SURNAMES)} ${random.pick(SUFFIXES)}`;
		default:
			return `${random.pick(PLACES)} ${random.pick(SURNAMES)} ${random.pick(TRADES)}`;
	}
}

export function stripDiacritics(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ø/g, 'o')
		.replace(/Ø/g, 'O')
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L');
}

function typo(name: string, random: Random): string {
	const words = name.split(' ');
	const candidates = words.map((word, index) => ({ word, index })).filter(({ word }) => word.length >= 6);
	if (candidates.length === 0) return `${name}s`;
	const { word, index } = random.pick(candidates);
	const at = random.int(1, word.length - 3);
	const kind = random.int(0, 2);
	const changed =
		kind === 0
			? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
			: kind === 1
				? word.slice(0, at) + word.slice(at + 1)
				: word.slice(0, at) + word[at] + word.slice(at);
	words[index] = changed;
	return words.join(' ');
}

function abbreviate(name: string): string | undefined {
	for (const [long, short] of ABBREVIATIONS) {
		if (name.includes(long)) return name.replace(long, short);
	}
	return undefined;
}

function punctuate(name: string, random: Random): string {
	if (name.includes("'")) return name.replace(/'/g, '');
	if (name.includes('-')) return name.replace(/-/g, ' ');
	const words = name.split(' ');
	if (words.length >= 2 && random.chance(0.5)) return `${words[0]}, ${words.slice(1).join(' ')}`;
	return `${words.join('-')}`;
}

export function rebrandName(random: Random, trade: string): string {
	return `${random.pick(REBRAND_PREFIXES)}${random.pick(REBRAND_SUFFIXES).toLowerCase()} ${trade}`;
}

export function tradeOf(name: string): string {
	return TRADES.find((trade) => name.includes(trade)) ?? 'Services';
}

function withLegalForm(name: string, legalForm: string): string {
	return legalForm ? `${name} ${legalForm}` : name;
}

/**
 * The PSA company name for a tenant named `base` + `legalForm`, varied in the given way.
 * Falls back to another variation when the wanted one does not apply (no & to swap...).
 */
export function companyNameFor(
	base: string,
	legalForm: string,
	variation: NameVariation,
	random: Random,
): { name: string; variation: NameVariation } {
	switch (variation) {
		case 'legalForm': {
			const other = random.pick(LEGAL_FORMS.filter((form) => form !== legalForm));
			return { name: withLegalForm(base, random.chance(0.3) ? '' : other), variation };
		}
		case 'ampersand':
			if (base.includes('&')) return { name: withLegalForm(base.replace('&', 'and'), legalForm), variation };
			if (base.includes(' and ')) return { name: withLegalForm(base.replace(' and ', ' & '), legalForm), variation };
			return companyNameFor(base, legalForm, 'punctuation', random);
		case 'abbreviation': {
			const short = abbreviate(base);
			return short
				? { name: withLegalForm(short, legalForm), variation }
				: companyNameFor(base, legalForm, 'legalForm', random);
		}
		case 'diacritics': {
			const plain = stripDiacritics(base);
			return plain !== base
				? { name: withLegalForm(plain, legalForm), variation }
				: companyNameFor(base, legalForm, 'typo', random);
		}
		case 'typo':
			return { name: withLegalForm(typo(base, random), legalForm), variation };
		case 'punctuation':
			return { name: withLegalForm(punctuate(base, random), legalForm), variation };
		case 'rebrand':
			return { name: rebrandName(random, tradeOf(base)), variation };
		default:
			return { name: withLegalForm(base, legalForm), variation: 'same' };
	}
}

export const FIRST_NAMES = [
	'Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Jamie', 'Robin', 'Chris', 'Pat', 'Emma', 'Liam', 'Olivia',
	'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Zoë', 'José', 'Chloé', 'Björn', 'Anaïs', 'Søren', 'Priya', 'Wei', 'Aiko',
	'Fatima', 'Omar', 'Grace', 'Henry', 'Isla', 'Jack', 'Kate', 'Leo', 'Nina', 'Oscar', 'Ruby', 'Theo', 'Uma',
];
