#!/usr/bin/env node
// Builds nodes/shared/data/sku-catalogue.json from Microsoft's "Product names and service
// plan identifiers for licensing" CSV (one row per SKU x service plan). The output is
// committed so the package builds without ../shared. Usage:
//   node scripts/generate-sku-catalogue.js [path/to/ms-product-names-service-plans.csv]
const fs = require('fs');
const path = require('path');

const input = process.argv[2] || path.join(__dirname, '..', '..', 'shared', 'data', 'ms-product-names-service-plans.csv');
const output = path.join(__dirname, '..', 'nodes', 'shared', 'data', 'sku-catalogue.json');

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') { row.push(field); field = ''; }
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field); rows.push(row); row = []; field = '';
		} else field += c;
	}
	if (field !== '' || row.length) { row.push(field); rows.push(row); }
	return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const text = fs.readFileSync(input, 'utf8').replace(/^\uFEFF/, '');
const [header, ...rows] = parseCsv(text);
const col = (name) => {
	const i = header.indexOf(name);
	if (i < 0) throw new Error(`Column ${name} missing from ${input}`);
	return i;
};
const [iName, iStringId, iGuid] = [col('Product_Display_Name'), col('String_Id'), col('GUID')];

const byGuid = new Map();
for (const r of rows) {
	const guid = (r[iGuid] || '').trim().toLowerCase();
	if (!/^[0-9a-f-]{36}$/.test(guid) || byGuid.has(guid)) continue;
	byGuid.set(guid, [guid, (r[iStringId] || '').trim(), (r[iName] || '').trim()]);
}
const skus = [...byGuid.values()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, JSON.stringify({ source: path.basename(input), columns: ['skuId', 'skuPartNumber', 'productName'], skus }) + '\n');
process.stdout.write(`Wrote ${skus.length} SKUs to ${path.relative(process.cwd(), output)}\n`);
