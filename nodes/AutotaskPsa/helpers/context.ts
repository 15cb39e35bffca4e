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
	/**
	 * Reads these contracts, then their companies, in `id in (...)` queries; `contract()` and
	 * `company()` then answer from them. One missing from the answer is not found; a query that
	 * failed makes them fail for each id it covered (kept for this execution), never "not found".
	 */
	prefetchContracts(contractIds: readonly number[]): Promise<void>;
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
	/** The same for many contracts in `contractID in (...)` queries (#17): each contract in the answer, none left out. */
	readContracts(contractIds: readonly number[]): Promise<Map<number, ContractLines>>;
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

/** A record by id, read alone or with others in `id in (...)` queries. */
function byIdLookup<T extends { id: number }>(client: AutotaskClient, entity: 'Contracts' | 'Companies', noun: string) {
	const cache = new Map<number, Promise<T | undefined>>();
	return {
		async one(id: number): Promise<T | undefined> {
			let pending = cache.get(id);
			if (!pending) {
				pending = client.find<T>(`/${entity}/${id}`, `read ${noun} ${id}`);
				cache.set(id, pending);
				// A failed read is not remembered: the next item tries again.
				pending.catch(() => cache.delete(id));
			}
			return await pending;
		},
		async many(ids: readonly number[]): Promise<void> {
			const wanted = [...new Set(ids)].filter((id) => !cache.has(id));
			// One record: its own GET costs the same call.
			if (wanted.length < 2) return;
			for (const part of chunks(wanted)) {
				const read = client.query<T>(entity, [inList('id', part)], { action: `read ${part.length} ${noun === 'company' ? 'companies' : `${noun}s`} (${part.slice(0, 5).join(', ')}${part.length > 5 ? ', ...' : ''})` });
				// Kept for this execution: each id of the query fails with its error (C1).
				for (const id of part) {
					const one = read.then((found) => found.find((record) => record.id === id));
					one.catch(() => undefined);
					cache.set(id, one);
				}
				await read.catch(() => undefined);
			}
		},
	};
}

/** Groups services and unit rows by contract. */
function byContract<T extends { contractID?: number | null }>(records: readonly T[]): Map<number, T[]> {
	const out = new Map<number, T[]>();
	for (const record of records) {
		const id = Number(record.contractID);
		const list = out.get(id);
		if (list) list.push(record);
		else out.set(id, [record]);
	}
	return out;
}

export function createContext(client: AutotaskClient, today: string): OperationContext {
	const serviceCache = new Map<number, AtService>();
	const contracts = byIdLookup<AtContract>(client, 'Contracts', 'contract');
	const companies = byIdLookup<AtCompany>(client, 'Companies', 'company');
	const lookups: Lookups = {
		contract: contracts.one,
		company: companies.one,
		async prefetchContracts(contractIds) {
			await contracts.many(contractIds);
			const read = await Promise.all(contractIds.map(async (id) => await contracts.one(id).catch(() => undefined)));
			await companies.many(read.map((contract) => contract?.companyID).filter((id): id is number => typeof id === 'number' && id > 0));
		},
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
		async readContracts(contractIds) {
			const ids = [...new Set(contractIds)];
			const records: AtContractService[] = [];
			for (const part of chunks(ids)) records.push(...(await client.query<AtContractService>('ContractServices', [inList('contractID', part)], { action: `list the services of ${part.length} contracts` })));
			const withServices = [...new Set(records.map((record) => record.contractID))];
			const units: AtContractServiceUnit[] = [];
			for (const part of chunks(withServices)) units.push(...(await client.query<AtContractServiceUnit>('ContractServiceUnits', [inList('contractID', part)], { action: `read the units of ${part.length} contracts` })));
			const services = await lookups.services(records.map((record) => record.serviceID));
			const recordsOf = byContract(records);
			const unitsOf = byContract(units);
			return new Map(ids.map((id) => [id, { records: recordsOf.get(id) ?? [], units: unitsOf.get(id) ?? [], services }]));
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
