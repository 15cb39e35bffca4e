/**
 * Errors an operation throws for one item, whatever the PSA: a refusal in the user's terms
 * (`ItemError`, shown as a node error with its hint) and a failure that carries what it was
 * about (`IdentifiedError`: the ids and audit facts the failure item of contract C1 shows).
 */
import type { IDataObject } from 'n8n-workflow';

export class ItemError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'ItemError';
	}
}

export class IdentifiedError extends Error {
	constructor(
		readonly original: unknown,
		readonly identity: IDataObject,
	) {
		super(original instanceof Error ? original.message : String(original));
		this.name = 'IdentifiedError';
	}
}

/** The error with what it was about (an identity it already carries wins: it knows more). */
export function identified(error: unknown, identity: IDataObject): IdentifiedError {
	return error instanceof IdentifiedError ? new IdentifiedError(error.original, { ...identity, ...error.identity }) : new IdentifiedError(error, identity);
}

export function unwrapIdentified(error: unknown): { error: unknown; identity: IDataObject } {
	return error instanceof IdentifiedError ? { error: error.original, identity: error.identity } : { error, identity: {} };
}

/** Runs `work`; a failure carries `identity`. */
export async function withIdentity<T>(identity: IDataObject, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw identified(error, identity);
	}
}
