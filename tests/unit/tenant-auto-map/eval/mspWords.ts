/*
 * Hand-written word lists for the MSP-shaped evaluation set (mspSet.ts). They are written
 * independently of the matcher's own lists: legal forms appear as people type them per
 * country, not as the matcher strips them.
 */

/** Surnames from the countries MSP customer lists come from; split in halves for tuning / held-out. */
export const SURNAMES = [
	'Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Wilson', 'Johnson', 'Walker', 'Wright', 'Robinson',
	'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Jackson',
	'Turner', 'King', 'Bell', 'Parker', 'Allen', 'Morgan', 'Cooper', 'Ward', 'Bennett', 'Gray',
	'Sorensen', 'Nielsen', 'Larsen', 'Hansen', 'Virtanen', 'Korhonen', 'Nowak', 'Kowalski', 'Wiśniewski', 'Novák',
	'Svoboda', 'Horváth', 'Nagy', 'Kovács', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker',
	'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'García', 'Martínez', 'Hernández', 'López', 'González',
	'Tanaka', 'Suzuki', 'Watanabe', 'Yamamoto', 'Nakamura', 'Dubois', 'Moreau', 'Laurent', 'Lefebvre', 'Girard',
	"O'Brien", "O'Connor", 'McDonald', 'MacLeod', 'Murphy', 'Kelly', 'Walsh', 'Byrne', 'Ryan', 'Doyle',
	'Andersson', 'Johansson', 'Karlsson', 'Lindqvist', 'Berg', 'Haugen', 'Dahl', 'Bakker', 'Visser', 'de Vries',
	'Janssen', 'Peeters', 'Silva', 'Santos', 'Ferreira', 'Costa', 'Singh', 'Patel', 'Nguyen', 'Tran',
	'Chen', 'Wong', 'Lee', 'Kim', 'Park', 'Choi', 'Fraser', 'Campbell', 'Stewart', 'Reid',
	'Mitchell', 'Harper', 'Fletcher', 'Barker', 'Chapman', 'Dixon', 'Palmer', 'Hunter', 'Sullivan', 'Gordon',
];

/** Places and landscape words that name businesses. */
export const PLACES = [
	'Newcastle', 'Sydney', 'Brisbane', 'Melbourne', 'Adelaide', 'Hobart', 'Auckland', 'Wellington', 'Toronto', 'Calgary',
	'Denver', 'Austin', 'Boston', 'Portland', 'Bristol', 'Leeds', 'York', 'Dublin', 'Cork', 'Munich',
	'Hamburg', 'Lyon', 'Porto', 'Krakow', 'Brno', 'Debrecen', 'Aarhus', 'Turku', 'Bergen', 'Osaka',
	'Riverside', 'Lakeside', 'Hillside', 'Seaside', 'Bayside', 'Northgate', 'Southbank', 'Eastwood', 'Westfield', 'Oakridge',
	'Pinecrest', 'Redwood', 'Cedar', 'Maple', 'Willow', 'Granite', 'Summit', 'Harbour', 'Coastal', 'Pacific',
	'Atlantic', 'Highland', 'Valley', 'Meadow', 'Orchard', 'Ironbark', 'Blue Mountain', 'Silver Creek', 'Golden Gate', 'Red Hill',
	'Stonebridge', 'Kingsway', 'Fairview', 'Greenfield', 'Clearwater', 'Bluewater', 'Sunrise', 'Northern', 'Southern', 'Central',
];

/** What the business does, as it appears in the name. */
export const INDUSTRIES = [
	'Plumbing', 'Electrical', 'Accounting', 'Legal', 'Dental', 'Medical', 'Engineering', 'Construction', 'Logistics', 'Freight',
	'Roofing', 'Landscaping', 'Architects', 'Consulting', 'Marketing', 'Insurance', 'Realty', 'Properties', 'Veterinary', 'Pharmacy',
	'Bakery', 'Catering', 'Brewing', 'Printing', 'Signs', 'Joinery', 'Glazing', 'Flooring', 'Motors', 'Tyres',
	'Physiotherapy', 'Optometrists', 'Childcare', 'Fitness', 'Security', 'Cleaning', 'Removals', 'Storage', 'Packaging', 'Textiles',
	'Capital', 'Wealth', 'Advisory', 'Surveyors', 'Orthodontics', 'Chiropractic', 'Winery', 'Coffee', 'Cafe', 'Hotel',
	'Transport', 'Scaffolding', 'Electrics', 'Solar', 'Pools', 'Kitchens', 'Interiors', 'Dentistry', 'Law', 'Recruitment',
];

/** Words that follow the industry, often common across a customer list. */
export const TRAILERS = ['Group', 'Services', 'Partners', 'Associates', 'Solutions', 'Clinic', 'Centre', 'Company', 'Studio', 'Supplies'];

/** Invented brand words (the Contoso style); split in halves like the surnames. */
export const BRANDS = [
	'Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Wingtip', 'Adatum', 'Litware', 'Proseware', 'Fourth Coffee', 'Woodgrove',
	'Zentrix', 'Quantora', 'Brightlane', 'Veloxa', 'Nuvio', 'Arcadia', 'Solace', 'Kestrel', 'Ardent', 'Pinnacle',
	'Evergreen', 'Bluefin', 'Ironclad', 'Tidewater', 'Keystone', 'Lumina', 'Stratus', 'Cobalt', 'Nimbus', 'Helix',
	'Vantage', 'Apex', 'Beacon', 'Horizon', 'Meridian', 'Orion', 'Sterling', 'Trident', 'Zephyr', 'Aurora',
	'Falcon', 'Osprey', 'Peregrine', 'Juniper', 'Saffron', 'Indigo', 'Mosaic', 'Quill', 'Rowan', 'Thistle',
];

/** Consumer mail and ISP domains seen on PSA contacts. */
export const CONSUMER_DOMAINS = [
	'gmail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'yahoo.com', 'yahoo.com.au', 'yahoo.co.uk', 'yahoo.fr',
	'bigpond.com', 'bigpond.net.au', 'optusnet.com.au', 'shaw.ca', 'sbcglobal.net', 'comcast.net', 'btinternet.com',
	'sky.com', 't-online.de', 'orange.fr', 'web.de', 'gmx.de', 'gmx.net', 'icloud.com', 'live.com.au', 'xtra.co.nz',
];

/** Firms whose staff are contacts at many clients. */
export const SHARED_FIRMS = [
	{ name: 'Ledger Lane Bookkeeping', domain: 'ledgerlane.com.au' },
	{ name: 'Taxwise Accountants', domain: 'taxwise.co.uk' },
	{ name: 'ByteForce IT', domain: 'byteforce.net' },
	{ name: 'Clearbooks Payroll', domain: 'clearbookspayroll.com' },
	{ name: 'Summit HR Outsourcing', domain: 'summithr.ca' },
	{ name: 'Numbers & Co Bookkeepers', domain: 'numbersco.nz' },
];

/** Legal forms as written in each country; `front` forms are written before the name. */
export interface WrittenForm {
	country: string;
	forms: string[];
	front?: boolean;
	tld: string;
}

export const WRITTEN_FORMS: WrittenForm[] = [
	{ country: 'AU', forms: ['Pty Ltd', 'Pty. Ltd.', 'PTY LTD', 'Pty Limited'], tld: 'com.au' },
	{ country: 'UK', forms: ['Ltd', 'Limited', 'Ltd.', 'LLP', 'plc'], tld: 'co.uk' },
	{ country: 'US', forms: ['Inc.', 'Inc', 'LLC', 'L.L.C.', 'Corp.', 'Corporation', 'PLLC'], tld: 'com' },
	{ country: 'CA', forms: ['Inc.', 'Ltd.', 'Ltée'], tld: 'ca' },
	{ country: 'NZ', forms: ['Limited', 'Ltd'], tld: 'co.nz' },
	{ country: 'MX', forms: ['S.A. de C.V.', 'SA de CV', 'S. de R.L. de C.V.'], tld: 'com.mx' },
	{ country: 'PL', forms: ['Sp. z o.o.', 'sp. z o.o.', 'Spółka z o.o.', 'S.A.'], tld: 'pl' },
	{ country: 'CZ', forms: ['s.r.o.', 'spol. s r.o.', 'a.s.'], tld: 'cz' },
	{ country: 'HU', forms: ['Kft.', 'Kft', 'Zrt.'], tld: 'hu' },
	{ country: 'DK', forms: ['ApS', 'A/S'], tld: 'dk' },
	{ country: 'FI', forms: ['Oy', 'Oyj', 'Ab Oy'], tld: 'fi' },
	{ country: 'NO', forms: ['AS', 'ASA'], tld: 'no' },
	{ country: 'SE', forms: ['AB', 'Aktiebolag'], tld: 'se' },
	{ country: 'DE', forms: ['GmbH', 'GmbH & Co. KG', 'AG', 'e.K.', 'UG (haftungsbeschränkt)'], tld: 'de' },
	{ country: 'AT', forms: ['GmbH', 'Ges.m.b.H.'], tld: 'at' },
	{ country: 'NL', forms: ['B.V.', 'BV', 'N.V.'], tld: 'nl' },
	{ country: 'BE', forms: ['BVBA', 'SPRL', 'NV'], tld: 'be' },
	{ country: 'FR', forms: ['SARL', 'SAS', 'S.A.S.', 'EURL'], tld: 'fr' },
	{ country: 'IT', forms: ['S.p.A.', 'S.r.l.', 'Srl'], tld: 'it' },
	{ country: 'ES', forms: ['S.L.', 'S.A.', 'SLU'], tld: 'es' },
	{ country: 'BR', forms: ['Ltda.', 'Ltda', 'S/A'], tld: 'com.br' },
	{ country: 'JP', forms: ['K.K.', 'Co., Ltd.'], tld: 'co.jp' },
	{ country: 'JP', forms: ['Kabushiki Kaisha'], front: true, tld: 'jp' },
	{ country: 'SG', forms: ['Pte. Ltd.', 'Pte Ltd'], tld: 'com.sg' },
];

/** Ways people write a branch or site after a name. */
export const QUALIFIER_STYLES = ['{name} - {place}', '{name} ({place})', '{name} – {place}', '{name} {place} Office', '{name} | {place}'];

/** Ways "trading as" is written. */
export const TRADING_AS = ['t/a', 'T/A', 'trading as', 'DBA', 'd/b/a'];

/** Small linking words kept out of acronyms the way people write them. */
export const ACRONYM_SKIP = new Set(['&', 'and', 'of', 'the']);
