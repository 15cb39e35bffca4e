/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a leading BOM) → rows keyed by header. Pure. */
export function parseCsv(text: string): Array<Record<string, string>> {
	const rows: string[][] = [];
	let field = '';
	let row: string[] = [];
	let quoted = false;
	const source = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (quoted) {
			if (c === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && source[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	const [header, ...body] = rows.filter((r) => r.some((value) => value !== ''));
	if (!header) return [];
	return body.map((values) => Object.fromEntries(header.map((name, i) => [name.trim(), values[i] ?? ''])));
}
