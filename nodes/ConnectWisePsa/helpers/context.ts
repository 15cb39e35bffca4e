/**
 * What every operation gets besides `this` and the item index: the client and a
 * per-execution cache of lookups (agreements, catalog products) so a plan of 500
 * lines on 40 agreements reads each agreement and product once.
 */
import type { ConnectWiseClient } from '../transport';
import { buildConditions } from '../transport';
import type { CwAgreement, CwCatalogItem } from '../shapes/types';

export interface Lookups {
	agreement(agreementId: number): Promise<CwAgreement | undefined>;
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

export function createContext(client: ConnectWiseClient): OperationContext {
	return {
		client,
		lookups: {
			agreement: memo(async (id: number) => await client.find<CwAgreement>(`/finance/agreements/${id}`, `read agreement ${id}`)),
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
