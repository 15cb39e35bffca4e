/** Every request the sandbox answered, for assertions and for counting API calls in benchmarks. */
import type { Service } from './types';

export interface RequestRecord {
	at: number;
	service: Service | 'unknown';
	method: string;
	path: string;
	/** `<service> <METHOD> <route template>`, e.g. `graph GET /v1.0/users`. */
	endpoint: string;
	status: number;
	tenantId?: string;
	/** Set when a fault answered instead of the service. */
	fault?: string;
	/** A part of a Graph `$batch`; the batch request that carried it is logged too. */
	inBatch?: true;
}

export type EndpointMatch = string | RegExp | ((endpoint: string) => boolean);

export function endpointMatches(match: EndpointMatch, endpoint: string): boolean {
	if (typeof match === 'function') return match(endpoint);
	if (match instanceof RegExp) return match.test(endpoint);
	if (match === '*') return true;
	return endpoint === match || endpoint.startsWith(`${match} `);
}

export class RequestLog {
	private records: RequestRecord[] = [];

	add(record: RequestRecord): void {
		this.records.push(record);
	}

	list(): RequestRecord[] {
		return [...this.records];
	}

	count(match: EndpointMatch = '*'): number {
		return this.records.filter((record) => endpointMatches(match, record.endpoint)).length;
	}

	countsByEndpoint(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const { endpoint } of this.records) counts[endpoint] = (counts[endpoint] ?? 0) + 1;
		return counts;
	}

	clear(): void {
		this.records = [];
	}
}
