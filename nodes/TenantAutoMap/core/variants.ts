/*
 * Other names hidden in one name: "Acme Ltd t/a Acme Cafe" is both "Acme Ltd" and "Acme Cafe";
 * "King Insurance - Newcastle" and "Smith Dental (Sydney)" are a company and a site.
 * The full name stays the primary name; these are alternates, scored a little lower.
 */

const TRADING_AS = /\s+(?:t\/as?|trading\s+as|d\/b\/a|d\.b\.a\.?|dba|a\/k\/a|aka)\s+/i;
const QUALIFIER = /\s+[-–—|]\s+|\s*[-–—|]\s+/;
const PARENTHESES = /\s*[([][^)\]]*[)\]]/g;
/** "Lee Architects Aarhus Office", "... Red Hill Branch": a site word after a place of one or two words. */
const SITE_SUFFIXES = [/^(.*\S)\s+\S+\s+(?:office|branch|site|store)$/i, /^(.*\S)\s+\S+\s+\S+\s+(?:office|branch|site|store)$/i];

/** A quick test that rules out most names before the costlier splits. */
const MAY_HAVE_ALTERNATES = /[-–—|([/]|\s(?:trading|dba|aka|office|branch|site|store)\b/i;

/** Alternate raw names of one name, without the name itself; empty for most names. */
export function alternateNames(name: string): string[] {
	if (!MAY_HAVE_ALTERNATES.test(name)) return [];
	const found = new Set<string>();
	const add = (text: string) => {
		const trimmed = text.trim();
		if (trimmed && trimmed !== name) found.add(trimmed);
	};
	for (const part of name.split(TRADING_AS)) {
		if (part !== name) add(part);
	}
	for (const part of [name, ...found]) {
		const head = part.split(QUALIFIER)[0];
		if (head !== part) add(head);
		const bare = part.replace(PARENTHESES, '');
		if (bare !== part) add(bare);
		for (const suffix of SITE_SUFFIXES) {
			const site = suffix.exec(part);
			if (site) add(site[1]);
		}
	}
	return [...found];
}
