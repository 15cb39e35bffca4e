/**
 * What every operation gets besides `this` and the item index: the client and a
 * per-execution cache of lookups (agreements, catalog products) so a plan of 500
 * lines on 40 agreements reads each agreement and product once.
 */
import { mapWithConcurrency } from '../../shared/concurrency';
import type { ConnectWiseClient } from '../transport';
import { buildConditions, describeIds } from '../transport';
import type { CwAgreement, CwCatalogItem } from '../shapes/types';

export interface Lookups {
	agreement(agreementId: number): Promise<CwAgreement | undefined>;
	/**
	 * Reads these agreements in a few `id in (...)` calls (`concurrency` at a time); `agreement()`
	 * then answers from them. An agreement missing from the answer is not found; a call that
	 * failed makes `agreement()` fail for each agreement it covered, never "not found".
	 */
	prefetchAgreements(agreementIds: readonly number[], concurrency: number): Promise<void>;
	product(identifier: string): Promise<CwCatalogItem | undefined>;
}

export interface OperationContext {
	client: ConnectWiseClient;
	lookups: Lookups;
}

function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
	const cache = new Map<K, Promise<V>>();
	return async (key: K) => {
		let pending = cache.get(key);
		if (!pending) {
			pending = load(key);
			cache.set(key, pending);
			// A failed read (throttled past retries) is not remembered: the next item tries again.
			pending.catch(() => cache.delete(key));
		}
		return await pending;
	};
}

function agreementLookups(client: ConnectWiseClient): Pick<Lookups, 'agreement' | 'prefetchAgreements'> {
	const readOne = memo(async (id: number) => await client.find<CwAgreement>(`/finance/agreements/${id}`, `read agreement ${id}`));
	const prefetched = new Map<number, Promise<CwAgreement | undefined>>();

	async function readChunk(chunk: number[]): Promise<void> {
		try {
			const found = await client.getAll<CwAgreement>('/finance/agreements', {
				conditions: buildConditions({ field: 'id', op: 'in', value: chunk }),
				action: `read ${describeIds('agreements', chunk)} (${chunk.length} in one request)`,
			});
			const byId = new Map(found.map((agreement) => [agreement.id, agreement]));
			for (const id of chunk) prefetched.set(id, Promise.resolve(byId.get(id)));
		} catch (error) {
			// Kept for this execution: each agreement of the chunk fails with the chunk's error (C1).
			const failed = Promise.reject(error as Error);
			failed.catch(() => undefined);
			for (const id of chunk) prefetched.set(id, failed);
		}
	}

	return {
		agreement: async (id: number) => await (prefetched.get(id) ?? readOne(id)),
		async prefetchAgreements(agreementIds, concurrency) {
			const wanted = [...new Set(agreementIds)].filter((id) => !prefetched.has(id));
			// One agreement: its own GET costs the same call.
			if (wanted.length < 2) return;
			const chunks = await client.idChunks('/finance/agreements', 'id', wanted);
			await mapWithConcurrency(chunks, concurrency, readChunk);
		},
	};
}

export function createContext(client: ConnectWiseClient): OperationContext {
	return {
		client,
		lookups: {
			...agreementLookups(client),
			product: memo(async (identifier: string) => {
				const found = await client.getAll<CwCatalogItem>('/procurement/catalog', {
					conditions: buildConditions({ field: 'identifier', op: '=', value: identifier }),
					limit: 2,
					action: `find catalog product ${identifier}`,
				});
				return found[0];
			}),
		},
	};
}
