/** Tenant Auto-Map's review candidates in words a person reads, and which one is plausible enough to preselect. */

export interface Suggestion {
	companyId: number;
	companyName: string;
	score: number;
	method: string;
	evidence: string;
	why: string[];
}

/** A suggestion is preselected only when it is this strong and this far ahead of the next one. */
export const PRESELECT = Object.freeze({ minScore: 0.75, minLead: 0.05 });

/** Why a company was suggested, without scores or method names: "same domain contoso.com", "similar name". */
export function whySuggested(suggestion: Suggestion): string {
	const domain = /^domain (\S+) matches the company('s contacts)?/.exec(suggestion.evidence ?? '');
	if (suggestion.method === 'tenantId') return "the company records this tenant's ID";
	if (domain) return domain[2] ? `a contact uses ${domain[1]}` : `same domain ${domain[1]}`;
	if (suggestion.method === 'exactName') return 'same name';
	const first = (suggestion.why ?? []).find((reason) => !/not counted/.test(reason));
	return first ?? 'similar name';
}

/** The best suggestion when a person would most likely pick it too; weak or close calls are not preselected. */
export function plausibleBest(suggestions: Suggestion[]): Suggestion | null {
	const [best, next] = suggestions;
	if (!best || best.score < PRESELECT.minScore) return null;
	if (next && best.score - next.score < PRESELECT.minLead) return null;
	return best;
}
