/** An n8n instance in queue mode for e2e tests: Postgres and Redis of its own, a main and workers. */
import { startN8n, type N8nServer, type StartOptions } from '../harness';
import { startQueueServices, type QueueServices } from './queueServices';

export interface QueueModeN8n {
	n8n: N8nServer;
	services: QueueServices;
	/** Stops the workers, the main, then Postgres and Redis. */
	stop(): Promise<void>;
}

export async function startQueueModeN8n(options: StartOptions & { workers: { count: number; concurrency: number } }): Promise<QueueModeN8n> {
	const services = await startQueueServices();
	const n8n = await startN8n({ ...options, env: { ...services.n8nEnv, ...options.env } }).catch((error: Error) => error);
	if (n8n instanceof Error) {
		await services.stop();
		throw new Error(`n8n in queue mode did not start: ${n8n.message}`);
	}
	return {
		n8n,
		services,
		async stop() {
			try {
				await n8n.stop();
			} finally {
				await services.stop();
			}
		},
	};
}

/** The Postgres table behind the Data Table with this name (n8n names it by the table's id). */
export async function dataTableSqlName(n8n: N8nServer, table: string): Promise<string> {
	const tables = await n8n.api.listAll<{ id: string; name: string }>('/data-tables', { filter: JSON.stringify({ name: table }) });
	const found = tables.find((candidate) => candidate.name === table);
	if (!found) throw new Error(`no Data Table named "${table}"`);
	return `data_table_user_${found.id}`;
}

/**
 * Makes the next row inserted into `sqlTable` take its id at once but become visible (commit)
 * only `seconds` later, as when the n8n process inserting it stalls between its INSERT and its
 * COMMIT (a busy event loop, a long GC pause): ids then become visible out of order.
 */
export function delayNextInsertCommit(services: QueueServices, sqlTable: string, seconds: number): void {
	services.sql(`
		create sequence if not exists e2e_slow_insert_once;
		-- security definer: n8n's database user may not use the superuser's sequence.
		create or replace function e2e_slow_insert() returns trigger language plpgsql security definer as $$
		begin
			if nextval('e2e_slow_insert_once') = 1 then perform pg_sleep(${seconds}); end if;
			return new;
		end $$;
		drop trigger if exists e2e_slow_insert on "${sqlTable}";
		create trigger e2e_slow_insert after insert on "${sqlTable}" for each row execute function e2e_slow_insert();
	`);
}

export function removeInsertDelay(services: QueueServices, sqlTable: string): void {
	services.sql(`drop trigger if exists e2e_slow_insert on "${sqlTable}"; drop sequence if exists e2e_slow_insert_once;`);
}
