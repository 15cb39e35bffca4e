/**
 * What every operation gets besides `this` and the item index: the client, today (UTC),
 * and a per-execution cache of lookups (contracts, companies, services, picklist labels),
 * so a plan of 500 lines on 40 contracts reads each contract, company and service once.
 */
import { chunks, eq, inList, type AutotaskClient } from '../transport';
import { currentUnits, toLine } from '../shapes/records';
import type { AtCompany, AtContract, AtContractService, AtContractServiceUnit, AtService, Picklists } from '../shapes/types';

export interface Lookups {
	contract(contractId: number): Promise<AtContract | undefined>;
	company(companyId: number): Promise<AtCompany | undefined>;
	services(serviceIds: readonly number[]): Promise<Map<number, AtService>>;
	/** Active services whose SKU (else name) is the identifier. */
	servicesByIdentifier(identifier: string): Promise<AtService[]>;
	contractPicklists(): Promise<Picklists>;
}

export interface ContractLines {
	records: AtContractService[];
	units: AtContractServiceUnit[];
	services: Map<number, AtService>;
}

export interface OperationContext {
	client: AutotaskClient;
	lookups: Lookups;
	today: string;
	/** Every contract service of the contract with its unit rows and services (two queries + unknown services). */
	readContract(contractId: number): Promise<ContractLines>;
}

function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
	const cache = new Map<K, Promise<V>>();
	return async (key: K) => {
		let pending = cache.get(key);
		if (!pending) {
			pending = load(key);
			cache.set(key, pending);
			// A failed read is not remembered: the next item tries again.
			pending.catch(() => cache.delete(key));
		}
		return await pending;
	};
}

/** One read per execution; a failed one is tried again. */
function once<V>(load: () => Promise<V>): () => Promise<V> {
	let pending: Promise<V> | undefined;
	return async () => {
		pending ??= load();
		pending.catch(() => (pending = undefined));
		return await pending;
	};
}

export function createContext(client: AutotaskClient, today: string): OperationContext {
	const serviceCache = new Map<number, AtService>();
	const lookups: Lookups = {
		contract: memo(async (id: number) => await client.find<AtContract>(`/Contracts/${id}`, `read contract ${id}`)),
		company: memo(async (id: number) => await client.find<AtCompany>(`/Companies/${id}`, `read company ${id}`)),
		async services(ids) {
			const missing = [...new Set(ids)].filter((id) => !serviceCache.has(id));
			for (const part of chunks(missing)) {
				for (const service of await client.query<AtService>('Services', [inList('id', part)], { action: 'read services' })) serviceCache.set(service.id, service);
			}
			return new Map(ids.filter((id) => serviceCache.has(id)).map((id) => [id, serviceCache.get(id)!]));
		},
		servicesByIdentifier: memo(async (identifier: string) => {
			const bySku = await client.query<AtService>('Services', [eq('sku', identifier), eq('isActive', true)], { action: `find service ${identifier}` });
			const found = bySku.length > 0 ? bySku : await client.query<AtService>('Services', [eq('name', identifier), eq('isActive', true)], { action: `find service ${identifier}` });
			for (const service of found) serviceCache.set(service.id, service);
			return found;
		}),
		contractPicklists: once(async () => {
			const answer = await client.get<{ fields?: Array<{ name: string; picklistValues?: Array<{ value: string; label: string }> }> }>('/Contracts/entityInformation/fields', 'read the contract picklists');
			const out: Picklists = {};
			for (const field of answer?.fields ?? []) {
				if (field.picklistValues?.length) out[field.name] = Object.fromEntries(field.picklistValues.map((value) => [String(value.value), value.label]));
			}
			return out;
		}),
	};
	return {
		client,
		lookups,
		today,
		async readContract(contractId) {
			const records = await client.query<AtContractService>('ContractServices', [eq('contractID', contractId)], { action: `list the services of contract ${contractId}` });
			const units = records.length === 0 ? [] : await client.query<AtContractServiceUnit>('ContractServiceUnits', [eq('contractID', contractId)], { action: `read the units of contract ${contractId}` });
			const services = await lookups.services(records.map((record) => record.serviceID));
			return { records, units, services };
		},
	};
}

/** The contract's services as line rows (units on `today`). */
export function linesOf(read: ContractLines, today: string) {
	return read.records.map((record) => toLine(record, read.units.filter((row) => row.contractServiceID === record.id), read.services.get(record.serviceID), today));
}

export { currentUnits };

/** Today as Autotask dates it (UTC). */
export function utcToday(now: number = Date.now()): string {
	return new Date(now).toISOString().slice(0, 10);
}
