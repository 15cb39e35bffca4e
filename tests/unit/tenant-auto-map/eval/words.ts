/** Word lists for generated company names; surnames repeat on purpose (shared-surname decoys). */
export const SURNAMES = [
	'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Johnson', 'Walker', 'Wright', 'Robinson', 'Thompson',
	'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Jackson', 'Turner',
	'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Jäger', 'Köhler', 'Schröder', 'Bäcker', 'Krüger',
	'García', 'Martínez', 'López', 'Peña', 'Nuñez', 'Dubois', 'Lefèvre', 'Giroux', 'Bélanger', 'Côté',
	"O'Brien", "O'Connor", 'McDonald', 'MacLeod', 'Kowalski', 'Novak', 'Andersson', 'Nyström', 'Østergaard', 'Øberg',
];

export const PLACES = [
	'Northern', 'Southern', 'Eastern', 'Western', 'Coastal', 'Pacific', 'Atlantic', 'Highland', 'Valley', 'Harbour',
	'Riverside', 'Lakeside', 'Metro', 'Central', 'Summit', 'Granite', 'Redwood', 'Cedar', 'Maple', 'Silverline',
	'Brisbane', 'Auckland', 'Toronto', 'Denver', 'Bristol', 'Leeds', 'Munich', 'Lyon', 'Dublin', 'Perth',
];

export const INDUSTRIES = [
	'Plumbing', 'Electrical', 'Accounting', 'Legal', 'Dental', 'Medical', 'Engineering', 'Construction', 'Logistics', 'Freight',
	'Roofing', 'Landscaping', 'Architecture', 'Consulting', 'Marketing', 'Insurance', 'Realty', 'Properties', 'Veterinary', 'Pharmacy',
	'Bakery', 'Catering', 'Brewing', 'Printing', 'Signs', 'Joinery', 'Glazing', 'Flooring', 'Motors', 'Tyres',
	'Physiotherapy', 'Optometry', 'Childcare', 'Fitness', 'Security', 'Cleaning', 'Removals', 'Storage', 'Packaging', 'Textiles',
];

export const SUFFIX_WORDS = [
	'Services', 'Group', 'Solutions', 'Partners', 'Associates', 'Holdings', 'International', 'Systems', 'Supplies', 'Brothers',
	'Manufacturing', 'Management', 'Technology', 'Centre', 'Studio',
];

/** Abbreviations people type, as they would appear in a tenant name. */
export const ABBREVIATED: Readonly<Record<string, string>> = {
	Services: 'Svcs',
	International: 'Intl',
	Brothers: 'Bros',
	Manufacturing: 'Mfg',
	Management: 'Mgmt',
	Technology: 'Tech',
	Associates: 'Assoc',
	Holdings: 'Hldgs',
	Group: 'Grp',
	Centre: 'Center',
	Systems: 'Sys',
};

export const LEGAL_FORMS = ['Ltd', 'Limited', 'Pty Ltd', 'Inc.', 'Inc', 'LLC', 'GmbH', 'Corp.', 'Co.', 'PLC', 'B.V.', 'S.A.', 'AB', 'Oy', 'LLP'];

export const SYLLABLES = [
	'con', 'to', 'so', 'fab', 'ri', 'kam', 'nor', 'wind', 'al', 'pine', 'ad', 'ven', 'tu', 'blue', 'yon', 'der',
	'lit', 'wa', 'tail', 'spin', 'co', 'ho', 'vine', 'yar', 'lu', 'cern', 'mar', 'go', 'ex', 'tra', 'zen', 'tex',
	'ly', 'vio', 'qua', 'dro', 'pel', 'sar', 'vex', 'ka', 'bri', 'mo', 'nel', 'tor', 'quin', 'zar', 'bel', 'fin',
];
