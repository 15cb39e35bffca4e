/** Text placed inside an n8n form's HTML block: everything a person or a PSA typed is escaped. */
export function escapeHtml(value: unknown): string {
	return String(value ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

export interface TableCell {
	text: string;
	/** Shown bold (a value that needs attention). */
	strong?: boolean;
}

export interface TableRow {
	cells: Array<string | TableCell>;
	/** Highlighted row (e.g. an unlinked license). */
	highlight?: boolean;
}

/**
 * n8n's form sanitizer keeps table tags but drops every style and class, so a highlighted row
 * is marked with <em> in its first cell; the form's custom CSS (FORM_CSS) colours such rows.
 */
export const FORM_CSS =
	':root { --container-width: 960px; } table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border: 1px solid #dbdfe7; padding: 4px 6px; text-align: left; vertical-align: top; } tr:has(em) td { background: #fff3cd; } em { font-style: normal; }';

/** A small table; every text is escaped here, so callers pass plain text. */
export function htmlTable(headers: string[], rows: TableRow[]): string {
	const head = `<tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>`;
	const body = rows
		.map((row) => {
			const cells = row.cells.map((cell, index) => {
				const { text, strong } = typeof cell === 'string' ? { text: cell, strong: false } : cell;
				const shown = strong ? `<b>${escapeHtml(text)}</b>` : escapeHtml(text);
				return `<td>${row.highlight && index === 0 ? `<em>${shown}</em>` : shown}</td>`;
			});
			return `<tr>${cells.join('')}</tr>`;
		})
		.join('');
	return `<table>${head}${body}</table>`;
}

/** A paragraph of escaped text. */
export function paragraph(text: string): string {
	return `<p>${escapeHtml(text)}</p>`;
}
