/**
 * Autotask query filters as data (`{ op, field, value }`, `{ op: 'and' | 'or', items }`),
 * never text: a value cannot add a clause. Long id lists are cut into chunks under
 * Autotask's limit of 500 values in one query.
 */
export type FilterOp = 'eq' | 'noteq' | 'gt' | 'gte' | 'lt' | 'lte' | 'beginsWith' | 'endsWith' | 'contains' | 'exist' | 'notExist' | 'in' | 'notIn';

export type Filter =
	| { op: FilterOp; field: string; value?: string | number | boolean | Array<string | number>; udf?: boolean }
	| { op: 'and' | 'or'; items: Filter[] };

export const MAX_IN_VALUES = 500;

export function eq(field: string, value: string | number | boolean): Filter {
	return { op: 'eq', field, value };
}

export function inList(field: string, values: readonly number[]): Filter {
	return { op: 'in', field, value: [...values] };
}

/** Autotask needs at least one filter: this one matches every record. */
export const EVERY_RECORD: Filter = { op: 'gte', field: 'id', value: 0 };

export function chunks<T>(values: readonly T[], size = MAX_IN_VALUES): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

/** The filter array of a query: the given filters, or "every record" when none. */
export function filterOf(...filters: Array<Filter | undefined>): Filter[] {
	const present = filters.filter((f): f is Filter => f !== undefined);
	return present.length > 0 ? present : [EVERY_RECORD];
}
