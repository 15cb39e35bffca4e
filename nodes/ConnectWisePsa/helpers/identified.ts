/**
 * An item's failure together with what it was about, for the failure item (contract C1):
 * the agreement a Get Many read when its id came from a parameter rather than the input
 * item, or what an apply had read and meant to write, so the audit row is complete.
 */
import type { IDataObject } from 'n8n-workflow';
import { identified } from '../../shared/itemError';

export { IdentifiedError, identified, unwrapIdentified } from '../../shared/itemError';

/** Runs `work`; a failure carries `identity`. */
export async function withIdentity<T>(identity: IDataObject, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw identified(error, identity);
	}
}
