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

const CELL = 'style="border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top"';
const MARKED = 'style="background:#fff3cd"';

/** A small bordered table; every text is escaped here, so callers pass plain text. */
export function htmlTable(headers: string[], rows: TableRow[]): string {
	const head = `<tr>${headers.map((header) => `<th ${CELL}>${escapeHtml(header)}</th>`).join('')}</tr>`;
	const body = rows
		.map((row) => {
			const cells = row.cells.map((cell) => {
				const { text, strong } = typeof cell === 'string' ? { text: cell, strong: false } : cell;
				return `<td ${CELL}>${strong ? `<b>${escapeHtml(text)}</b>` : escapeHtml(text)}</td>`;
			});
			return `<tr${row.highlight ? ` ${MARKED}` : ''}>${cells.join('')}</tr>`;
		})
		.join('');
	return `<table style="border-collapse:collapse;width:100%;font-size:13px">${head}${body}</table>`;
}

/** A paragraph of escaped text. */
export function paragraph(text: string): string {
	return `<p>${escapeHtml(text)}</p>`;
}
