/**
 * The seam's contracts (#16, C5) between real producers and every consumer: the Microsoft
 * node's license rows and the ConnectWise node's line rows and agreement facts (against the
 * sandbox) hold the shapes in `nodes/shared/psa/contracts.ts`; License Reconcile plans from
 * them whatever the PSA calls its marker; the plan applies through ConnectWise and through
 * the PSA-neutral driver on another PSA built from the same rows, and a rerun writes nothing.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { ConnectWisePsa } from '../../nodes/ConnectWisePsa/ConnectWisePsa.node';
import { LicenseReconcile } from '../../nodes/LicenseReconcile/LicenseReconcile.node';
import { MicrosoftPartnerCenter } from '../../nodes/MicrosoftPartnerCenter/MicrosoftPartnerCenter.node';
import { ApplySession } from '../../nodes/shared/psa/applyPlan';
import type { AgreementFactsRow, LicenseRow, LineRow } from '../../nodes/shared/psa/contracts';
import { parsePlanItem } from '../../nodes/shared/psa/planItem';
import type { Sandbox } from '../../sandbox';
import { LIMITS, MemoryStore } from '../unit/psa/memoryStore';
import { TODAY, useSandboxSync } from './sandboxSync';

jest.setTimeout(120_000);

const items = (rows: object[]): INodeExecutionData[] => rows.map((json) => ({ json: json as INodeExecutionData['json'] }));

type Check = (value: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const day: Check = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const orNull = (c: Check): Check => (v) => v === null || c(v);
const optional = (c: Check): Check => (v) => v === undefined || c(v);

/** Every field of the contract, checked (adding a field to an interface makes these fail to compile until it is checked). */
const LICENSE_ROW: Record<keyof LicenseRow, Check> = {
	tenantId: str,
	tenantName: optional(orNull(str)),
	skuId: str,
	skuPartNumber: orNull(str),
	productName: orNull(str),
	purchased: num,
	assigned: num,
	unassigned: optional(orNull(num)),
	users: optional(orNull((v) => Array.isArray(v) && v.every(str))),
	countKind: optional(str),
};
const FACTS: Record<Exclude<keyof AgreementFactsRow, 'agreementId' | 'kind'>, Check> = {
	agreementStatus: orNull(str),
	agreementProrate: optional(orNull(bool)),
	agreementStartDate: optional(orNull(day)),
	billingCycle: optional(orNull(str)),
	agreementCompanyId: orNull(num),
	agreementCompanyName: orNull(str),
	agreementType: orNull(str),
	agreementEndDate: orNull(day),
	agreementNoEndingDate: orNull(bool),
	descriptionMaxLength: optional(num),
	lineLabel: optional(str),
};
const FACTS_ROW: Record<keyof AgreementFactsRow, Check> = { ...FACTS, agreementId: num, kind: (v) => v === 'agreement' };
const LINE_ROW: Record<keyof LineRow, Check> = {
	...FACTS,
	kind: optional((v) => v === 'addition'),
	agreementId: num,
	additionId: num,
	productIdentifier: str,
	productId: orNull(num),
	quantity: num,
	lessIncluded: num,
	unitPrice: orNull(num),
	billCustomer: orNull(str),
	invoiceDescription: str,
	description: orNull(str),
	effectiveDate: orNull(day),
	cancelledDate: orNull(day),
	marker: optional(orNull(str)),
	serialNumber: optional(orNull(str)),
	markerLabel: optional(str),
	lastUpdated: optional(orNull(str)),
	managed: bool,
};

function misfits(rows: Array<Record<string, unknown>>, schema: Record<string, Check>): string[] {
	return rows.flatMap((row, index) => Object.entries(schema).filter(([field, ok]) => !ok(row[field])).map(([field]) => `row ${index} ${field}=${JSON.stringify(row[field])}`));
}

describe('PSA contracts: each producer to each consumer', () => {
	const sync = useSandboxSync();
	const run = sync.run;
	let sandbox: Sandbox;
	beforeAll(() => {
		sandbox = sync.sandbox();
	});

	test('license rows, line rows and agreement facts feed License Reconcile and Apply on any PSA', async () => {
		const { links, billingProfiles } = sync.configuration();
		const tenants = [...new Set(links.map((l) => l.tenantId))].map((tenantId) => ({ tenantId }));
		const agreementIds = [...new Set(links.map((l) => l.agreementId))];
		// An agreement with no lines gives a facts-only item.
		const empty = sandbox.state.agreements.find((a) => a.agreementStatus === 'Active' && !sandbox.state.additions.some((x) => x.agreementId === a.id));

		// Producers.
		const [licenseItems] = await run(new MicrosoftPartnerCenter(), { authentication: 'refreshToken', resource: 'license', operation: 'getAll' }, [items(tenants)], 'continueErrorOutput');
		const licenses = licenseItems.map((i) => i.json as Record<string, unknown>);
		const [lineItems] = await run(new ConnectWisePsa(), { resource: 'agreementAddition', operation: 'getAll' }, [items([...agreementIds, ...(empty ? [empty.id] : [])].map((agreementId) => ({ agreementId })))]);
		const rows = lineItems.map((i) => i.json as Record<string, unknown>);
		const lines = rows.filter((r) => r.kind !== 'agreement');
		const facts = rows.filter((r) => r.kind === 'agreement');
		expect(licenses.length).toBeGreaterThan(20);
		expect(lines.length).toBeGreaterThan(20);
		if (empty) expect(facts.map((f) => f.agreementId)).toContain(empty.id);

		// The shapes.
		expect(misfits(licenses, LICENSE_ROW)).toEqual([]);
		expect(misfits(lines, LINE_ROW)).toEqual([]);
		expect(misfits(facts, FACTS_ROW)).toEqual([]);

		// Consumer: License Reconcile, from ConnectWise's rows and from the same rows in another PSA's words.
		const reconcile = async (additionRows: Array<Record<string, unknown>>, options: Record<string, unknown> = {}) =>
			(await run(new LicenseReconcile(), { options: { referenceDate: TODAY, timeZone: 'UTC', ...options } }, [items(licenses), items(links), items(additionRows), items(billingProfiles)])).map((o) =>
				o.map((i) => i.json as Record<string, unknown>),
			);
		const [changes, unchanged, needsApproval, notSynced] = await reconcile(rows);
		expect(changes.length).toBeGreaterThan(0);
		// No producer row is refused as malformed (a skip that carries its row; manual lines are reported on purpose).
		expect(notSynced.filter((i) => i.action === 'skip' && i.row !== undefined && i.field !== 'serialNumber').map((i) => i.reasons)).toEqual([]);
		const otherPsa = rows.map(({ serialNumber, ...rest }) => (rest.kind === 'agreement' ? rest : { ...rest, marker: serialNumber, markerLabel: 'marker' }));
		const [changes2, unchanged2, needsApproval2, notSynced2] = await reconcile(otherPsa, { billCustomerValues: 'Billable, NoCharge' });
		expect([changes2, unchanged2, needsApproval2].map((o) => o.map((i) => i.key))).toEqual([changes, unchanged, needsApproval].map((o) => o.map((i) => i.key)));
		expect(notSynced2.map((i) => i.key)).toEqual(notSynced.map((i) => i.key));

		// Consumer: Apply on ConnectWise (dry run: every change is checked against the PSA and accepted).
		const [dry] = await run(new ConnectWisePsa(), { resource: 'plan', operation: 'apply', dryRun: true }, [items(changes)]);
		expect(dry.filter((i) => i.json.error !== undefined).map((i) => i.json.error)).toEqual([]);
		expect(dry).toHaveLength(changes.length);

		// Consumer: Apply on another PSA through the neutral driver, its lines built from the same rows.
		const store = new MemoryStore();
		for (const p of sandbox.state.catalog.filter((c) => !c.inactiveFlag && c.identifier)) store.addProduct(p.identifier!, p.id, p.price ?? null);
		for (const r of rows) {
			if (!store.agreements.has(r.agreementId as number)) {
				store.agreements.set(r.agreementId as number, {
					agreementId: r.agreementId as number,
					name: null,
					companyId: r.agreementCompanyId as number | null,
					companyName: r.agreementCompanyName as string | null,
					notActive: r.agreementStatus === 'Active' ? null : String(r.agreementStatus),
				});
			}
			if (r.kind === 'agreement') continue;
			store.addLine(r.agreementId as number, {
				id: r.additionId as number,
				productIdentifier: r.productIdentifier as string,
				productId: r.productId as number | null,
				quantity: r.quantity as number,
				lessIncluded: r.lessIncluded as number,
				unitPrice: r.unitPrice as number | null,
				billCustomer: r.billCustomer as string | null,
				invoiceDescription: r.invoiceDescription as string,
				effectiveDate: r.effectiveDate as string | null,
				cancelledDate: r.cancelledDate as string | null,
				marker: r.serialNumber as string | null,
			});
		}
		const plan = changes.map((c) => {
			const parsed = parsePlanItem(c, LIMITS);
			if (parsed.kind !== 'write') throw new Error(`change ${String(c.key)} is not a write`);
			return parsed.item;
		});
		const session = new ApplySession(store);
		const applied = await Promise.all(plan.map(async (i) => await session.apply(i, false)));
		expect(applied.filter((r) => !r.applied).map((r) => r.key)).toEqual([]);
		expect(store.count('readLines')).toBe(new Set(plan.map((i) => i.agreementId)).size);
		const writes = store.writes();
		// The same plan again, as a crashed run's retry would send it: nothing more is written.
		const again = await Promise.all(plan.map(async (i) => await new ApplySession(store).apply(i, false)));
		expect(again.filter((r) => r.applied)).toEqual([]);
		expect(store.writes()).toBe(writes);
	});
});
