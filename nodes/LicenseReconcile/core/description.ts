/** Rule 3: the invoice description. Same inputs → byte-identical text, so unchanged lines stay unchanged. */

export interface DescriptionInput {
	template: string;
	productName: string;
	skuPartNumber: string;
	quantity: number;
	term: string | null;
	tenantName: string;
	/** null when the link does not show usernames. */
	usernames: string[] | null;
	/** null when the link does not show the unassigned count. */
	unassigned: number | null;
	usernameLimit: number;
	maxLength: number;
}

const PLACEHOLDER = /\{(productName|skuPartNumber|quantity|term|termName|tenantName)\}/g;

/** How an invoice names an NCE term. */
export const TERM_NAMES: Readonly<Record<string, string>> = Object.freeze({ P1M: 'monthly', P1Y: 'annual', P3Y: '3-year' });

/** A term-limited line says its term by default, so monthly and annual lines of one SKU differ. */
export const DEFAULT_TERM_TEMPLATE = '{productName} ({termName})';

/** Trimmed, lower-case (UPNs ignore case), de-duplicated, sorted by code unit (locale-free). */
export function normalizeUsernames(usernames: string[]): string[] {
	const unique = [...new Set(usernames.map((u) => u.trim().toLowerCase()).filter((u) => u !== ''))];
	return unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function fillTemplate(input: DescriptionInput): string {
	if (!input.template.includes('{')) return input.template;
	const values: Record<string, string> = {
		productName: input.productName,
		skuPartNumber: input.skuPartNumber,
		quantity: String(input.quantity),
		term: input.term ?? '',
		termName: input.term === null ? '' : (TERM_NAMES[input.term] ?? input.term),
		tenantName: input.tenantName,
	};
	return input.template.replace(PLACEHOLDER, (_, name: string) => values[name]);
}

function cutToLength(text: string, maxLength: number): string {
	if (text.length <= maxLength) return text;
	let cut = '';
	for (const char of text) {
		if (cut.length + char.length > maxLength) break;
		cut += char;
	}
	return cut;
}

/** "Users: a, b, +N more" — as many names as the count limit and the length budget allow. */
function usersLine(names: string[], limit: number, budget: number): string | null {
	const head = 'Users: ';
	const more = (n: number) => (n > 0 ? `+${n} more` : '');
	let shown = Math.min(Math.max(0, limit), names.length);
	// Length with the first k names: head + names joined by ", " + (", " or "") + "+N more".
	const prefix: number[] = [0];
	for (let i = 0; i < shown; i++) prefix.push(prefix[i] + names[i].length + (i > 0 ? 2 : 0));
	const lengthWith = (k: number) => {
		const rest = more(names.length - k);
		return head.length + prefix[k] + (k > 0 && rest ? 2 : 0) + rest.length;
	};
	while (shown > 0 && lengthWith(shown) > budget) shown--;
	if (lengthWith(shown) > budget) return null;
	const rest = more(names.length - shown);
	return head + [...names.slice(0, shown), ...(rest ? [rest] : [])].join(', ');
}

export function buildDescription(input: DescriptionInput): string {
	const lines = [fillTemplate(input).trim()];
	if (input.unassigned !== null) lines.push(`Unassigned: ${input.unassigned}`);
	let text = cutToLength(lines.join('\n'), input.maxLength);
	if (input.usernames !== null && input.usernames.length > 0) {
		const names = normalizeUsernames(input.usernames);
		const line = usersLine(names, input.usernameLimit, input.maxLength - text.length - 1);
		if (line !== null) text += `\n${line}`;
	}
	return text;
}

/** PSAs may store line breaks as CRLF or trim the end: compare without those differences. */
export function sameDescription(a: string, b: string): boolean {
	const norm = (s: string) => s.replace(/\r\n?/g, '\n').trimEnd();
	return norm(a) === norm(b);
}
