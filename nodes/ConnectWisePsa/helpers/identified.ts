/**
 * An item's failure together with what it was about, for the failure item (contract C1):
 * the agreement a Get Many read when its id came from a parameter rather than the input
 * item, or what an apply had read and meant to write, so the audit row is complete.
 */
import type { IDataObject } from 'n8n-workflow';

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

/** Runs `work`; a failure carries `identity`. */
export async function withIdentity<T>(identity: IDataObject, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw identified(error, identity);
	}
}

export function unwrapIdentified(error: unknown): { error: unknown; identity: IDataObject } {
	return error instanceof IdentifiedError ? { error: error.original, identity: error.identity } : { error, identity: {} };
}
