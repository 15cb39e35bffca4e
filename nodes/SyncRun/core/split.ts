import type { PlannedBatch, ScopeForBatches } from './types';

const idOf = (value: unknown): string => String(value ?? '').trim().toLowerCase();

/** Union-find over tenant ids: tenants that share an agreement or a company end in one group. */
class Groups {
	private readonly parent = new Map<string, string>();

	add(id: string): void {
		if (!this.parent.has(id)) this.parent.set(id, id);
	}

	has(id: string): boolean {
		return this.parent.has(id);
	}

	root(id: string): string {
		let current = id;
		while (this.parent.get(current) !== current) current = this.parent.get(current)!;
		this.parent.set(id, current);
		return current;
	}

	join(a: string, b: string): void {
		this.add(a);
		this.add(b);
		const [ra, rb] = [this.root(a), this.root(b)];
		if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
	}

	members(): string[][] {
		const byRoot = new Map<string, string[]>();
		for (const id of this.parent.keys()) {
			const root = this.root(id);
			const members = byRoot.get(root);
			if (members) members.push(id);
			else byRoot.set(root, [id]);
		}
		return [...byRoot.values()].map((ids) => ids.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
	}
}

/**
 * Splits the tenants of a run into batches of about `batchSize`. Tenants whose links write to the
 * same agreement, or that are mapped to the same company, stay in one batch: two batches run at the
 * same time on different workers, and each reads and writes its agreements on its own, so an
 * agreement (and a company's set of agreements) must belong to exactly one batch. Such a group may
 * make a batch larger than `batchSize`; it is never cut.
 */
export function splitIntoBatches(scope: ScopeForBatches, batchSize: number): PlannedBatch[] {
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a whole number of at least 1, got ${JSON.stringify(batchSize)}`);
	const groups = new Groups();
	(scope.tenants ?? []).forEach((tenant) => groups.add(idOf(tenant.tenantId)));
	(scope.notSynced ?? []).forEach((item) => {
		if (idOf(item.tenantId) !== '') groups.add(idOf(item.tenantId));
	});
	const byKey = new Map<string, string>();
	const joinOn = (key: string, tenantId: string): void => {
		const first = byKey.get(key);
		if (first === undefined) byKey.set(key, tenantId);
		else groups.join(first, tenantId);
	};
	(scope.links ?? []).forEach((link) => {
		const tenantId = idOf(link.tenantId);
		if (tenantId === '') return;
		groups.add(tenantId);
		if (Number(link.agreementId) > 0) joinOn(`agreement:${Number(link.agreementId)}`, tenantId);
		if (Number(link.companyId) > 0) joinOn(`company:${Number(link.companyId)}`, tenantId);
	});
	// The company map covers every tenant; only those of this run count.
	Object.entries(scope.companiesOf ?? {}).forEach(([tenantId, companies]) => {
		if (!groups.has(idOf(tenantId))) return;
		(companies ?? []).forEach((company) => {
			if (Number(company.companyId) > 0) joinOn(`company:${Number(company.companyId)}`, idOf(tenantId));
		});
	});
	// Fill batches in a stable order; a group that does not fit the current batch starts the next one.
	const batches: string[][] = [];
	let current: string[] = [];
	for (const group of groups.members()) {
		if (current.length > 0 && current.length + group.length > batchSize) {
			batches.push(current);
			current = [];
		}
		current = current.concat(group);
	}
	if (current.length > 0) batches.push(current);
	return batches.map((tenantIds, index) => ({ batchNo: index + 1, batchCount: batches.length, tenantIds }));
}
