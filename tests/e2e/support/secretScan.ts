/**
 * Looks for secret values where n8n keeps things: every table of its SQLite database (read as
 * text, so each finding names table, column and row), every file of its user folder as bytes
 * (deleted rows and free pages included) and its log output.
 */
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';

import { ensureRuntime } from '../../../scripts/n8n-runtime';

export interface Secret {
	label: string;
	value: string;
}

export interface Place {
	where: string;
	text: string;
}

/** "<label> in <where>" for every secret found in a place. */
export function findSecrets(secrets: Secret[], places: Place[]): string[] {
	const empty = secrets.filter((secret) => secret.value.length < 8);
	if (empty.length) throw new Error(`too short to scan for: ${empty.map((secret) => secret.label).join(', ')}`);
	return places.flatMap((place) => secrets.filter((secret) => place.text.includes(secret.value)).map((secret) => `${secret.label} in ${place.where}`));
}

// Runs under n8n's own Node 24 (node:sqlite), so the scan needs nothing installed besides the runtime.
const DUMP_TABLES = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const places = [];
for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
	db.prepare('SELECT * FROM "' + name.replace(/"/g, '""') + '"').all().forEach((row, index) => {
		for (const [column, value] of Object.entries(row)) {
			if (value === null || value === undefined) continue;
			const text = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
			places.push({ where: 'table ' + name + ', column ' + column + ', row ' + (index + 1), text });
		}
	});
}
process.stdout.write(JSON.stringify(places));
`;

/** Every value of every table of n8n's SQLite database, as text. */
export function databaseText(databaseFile: string): Place[] {
	const { nodeBin } = ensureRuntime();
	const output = execFileSync(nodeBin, ['--no-warnings', '-e', DUMP_TABLES, databaseFile], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
	return JSON.parse(output) as Place[];
}

/** Every file under `folder` as bytes (read as latin1, so any byte sequence compares), except `skip` folders. */
export function folderFiles(folder: string, skip: string[] = []): Place[] {
	const places: Place[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(dir)) {
			const file = path.join(dir, entry);
			if (skip.includes(file)) continue;
			const stat = statSync(file);
			if (stat.isDirectory()) walk(file);
			else if (stat.isFile()) places.push({ where: `file ${path.relative(folder, file)} (bytes)`, text: readFileSync(file).toString('latin1') });
		}
	};
	walk(folder);
	return places;
}
