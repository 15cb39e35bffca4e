import type { Row } from './types';

/**
 * C1: a row with a non-empty `error` on the Licenses or Current Additions input is a read
 * that failed (an API node under "continue"). It is never data: the tenant or agreement it
 * names could not be read, and a failure that names neither makes the whole input unreadable.
 */
export interface InputFailures<K> {
	/** Why the whole input could not be read (a failure row without an id), or null. */
	all: string | null;
	/** Per tenant / agreement: the error text. */
	byId: Map<K, string>;
	/** Row indexes that are failure rows (never parsed as licenses or additions). */
	rows: Set<number>;
	/** The first failure row of each id (null: the rows without an id), for pairing. */
	firstRow: Map<K | null, number>;
}

export interface ReadFailures {
	licenses: InputFailures<string>;
	additions: InputFailures<number>;
}

/** The error text of a failure row, or null for an ordinary row. */
export function failureText(row: Row): string | null {
	const error = row.error;
	if (typeof error === 'string') return error.trim() === '' ? null : error.trim();
	if (error !== null && typeof error === 'object') {
		const message = (error as Row).message;
		return typeof message === 'string' && message.trim() !== '' ? message.trim() : JSON.stringify(error);
	}
	if (error === undefined || error === null || error === false || error === '') return null;
	return String(error);
}

function tenantOf(row: Row): string | null {
	return typeof row.tenantId === 'string' && row.tenantId.trim() !== '' ? row.tenantId.trim().toLowerCase() : null;
}

function agreementOf(row: Row): number | null {
	const value = typeof row.agreementId === 'string' ? Number(row.agreementId.trim()) : row.agreementId;
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

function collect<K>(rows: Row[], idOf: (row: Row) => K | null): InputFailures<K> {
	const all = new Set<string>();
	const byId = new Map<K, Set<string>>();
	const failureRows = new Set<number>();
	const firstRow = new Map<K | null, number>();
	rows.forEach((row, index) => {
		const error = failureText(row);
		if (error === null) return;
		failureRows.add(index);
		const id = idOf(row);
		if (!firstRow.has(id)) firstRow.set(id, index);
		if (id === null) all.add(error);
		else {
			const known = byId.get(id);
			if (known) known.add(error);
			else byId.set(id, new Set([error]));
		}
	});
	// Several messages for one id, in a fixed order: the plan never depends on input order.
	const join = (set: Set<string>) => [...set].sort().join('; ');
	return { all: all.size > 0 ? join(all) : null, byId: new Map([...byId].map(([id, set]) => [id, join(set)])), rows: failureRows, firstRow };
}

export function readFailures(licenses: Row[], additions: Row[]): ReadFailures {
	return { licenses: collect(licenses, tenantOf), additions: collect(additions, agreementOf) };
}
