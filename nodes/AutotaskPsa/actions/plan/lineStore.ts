/**
 * Autotask's side of the PSA seam (#16): contract services as `PsaLine`s, the marker in the
 * contract service's internal description (Autotask has no serial number), and the
 * requests Apply makes. Units change only through adjustments (a delta from the units read
 * right before); Autotask prorates a change itself, so there are no prorate lines, and a
 * service cannot be removed through the API, so "cancel" sets its units to 0.
 */
import { ApiError } from '../../../shared';
import { ItemError, withIdentity } from '../../../shared/itemError';
import type { LineValues, NewLine, PsaAgreement, PsaLimits, PsaLine, PsaLineStore, PsaProduct } from '../../../shared/psa/contracts';
import { linesOf, type OperationContext } from '../../helpers/context';
import { chunks } from '../../transport';
import { adjustFromExpected, adjustTo } from '../../helpers/units';
import { AUTOTASK_DESCRIPTION_MAX_LENGTH, contractFacts, serviceIdentifier } from '../../shapes/records';

/** Field lengths are the sandbox's reading (Autotask publishes them at `/ContractServices/entityInformation/fields`). */
export const AUTOTASK_LIMITS: PsaLimits = {
	psaName: 'Autotask',
	descriptionMaxLength: AUTOTASK_DESCRIPTION_MAX_LENGTH,
	markerMaxLength: 1000,
	markerLabel: 'internal description',
	billCustomerValues: ['Billable'],
	lineLabel: 'contract service',
};

/**
 * Autotask refused the request for good, so the change did not happen: a 4xx other than
 * timeout or throttling, or a 500 that names the broken rule (Autotask answers business-rule
 * refusals with 500 and `{ errors: [...] }`). A bare 5xx or a lost connection is unknown.
 */
export function refusedForGood(error: unknown): boolean {
	if (!(error instanceof ApiError) || error.status === undefined) return false;
	const { status } = error;
	if (status >= 400 && status < 500) return status !== 408 && status !== 429;
	const errors = (error.details.body as { errors?: unknown } | undefined)?.errors;
	return status === 500 && Array.isArray(errors) && errors.length > 0 && !errors.every((e) => /unexpected error/i.test(String(e)));
}

function toPsaLine(line: ReturnType<typeof linesOf>[number]): PsaLine {
	return {
		id: line.additionId,
		productId: line.productId,
		productIdentifier: line.productIdentifier,
		quantity: line.quantity,
		lessIncluded: 0,
		unitPrice: line.unitPrice,
		billCustomer: line.billCustomer,
		invoiceDescription: line.invoiceDescription,
		effectiveDate: line.effectiveDate,
		cancelledDate: line.cancelledDate,
		marker: line.marker ?? null,
		lastUpdated: null,
	};
}

/** What Autotask cannot store on a contract service: refused before any request. */
function refuseUnsupported(values: { lessIncluded: number; billCustomer: string | null }, what: string): void {
	if (values.lessIncluded !== 0) {
		throw new ItemError(`${what}: Autotask contract services have no included quantity (lessIncluded ${values.lessIncluded}); nothing was written`, "Set the link's included quantity to 0 and bill the full count, or lower the price instead");
	}
	if (values.billCustomer !== null && values.billCustomer !== 'Billable') {
		throw new ItemError(`${what}: an Autotask contract service always bills (billCustomer "${values.billCustomer}" cannot be stored); nothing was written`, 'Use a billing profile with billCustomer Billable, or mark the link Do Not Bill');
	}
}

/**
 * Contracts Apply reads together, right before the group's first write (#17). Units change by
 * a delta from the units read, so the group stays small enough that its writes follow the
 * read within seconds: 50 contracts take about 4 queries instead of about 200 calls.
 */
export const APPLY_GROUP_SIZE = 50;

export function autotaskLineStore(ctx: OperationContext): PsaLineStore {
	const services = (contractId: number) => `/Contracts/${contractId}/Services`;
	/** Units a cancel took away, to put back if the write it made room for is refused. */
	const cancelledUnits = new Map<number, number>();
	const lastRead = new Map<number, PsaLine>();
	return {
		limits: AUTOTASK_LIMITS,
		async agreement(contractId): Promise<PsaAgreement | undefined> {
			const contract = await ctx.lookups.contract(contractId);
			if (!contract) return undefined;
			const company = contract.companyID ? await ctx.lookups.company(contract.companyID) : undefined;
			const facts = contractFacts(contract, await ctx.lookups.contractPicklists(), company?.companyName ?? null, ctx.today);
			return {
				agreementId: contract.id,
				name: contract.contractName ?? null,
				companyId: facts.agreementCompanyId,
				companyName: facts.agreementCompanyName,
				notActive: facts.agreementStatus === 'Active' ? null : (facts.agreementStatus ?? 'not active'),
			};
		},
		async product(identifier): Promise<PsaProduct> {
			const found = await ctx.lookups.servicesByIdentifier(identifier);
			if (found.length === 0) throw new ItemError(`No active Autotask service has the SKU (or name) "${identifier}"`, 'Add the service to the Autotask catalog with this SKU, or fix the billing profile');
			if (found.length > 1) throw new ItemError(`${found.length} active Autotask services have the SKU (or name) "${identifier}" (${found.map((s) => s.id).join(', ')})`, 'Give each service its own SKU so the sync knows which one bills');
			return { id: found[0].id, identifier: serviceIdentifier(found[0], found[0].id), price: found[0].unitPrice ?? null };
		},
		async readLines(contractId) {
			const lines = linesOf(await ctx.readContract(contractId), ctx.today).map(toPsaLine);
			for (const line of lines) lastRead.set(line.id, line);
			return lines;
		},
		async readGroups(contractIds) {
			return chunks(contractIds, APPLY_GROUP_SIZE);
		},
		/** The group's contracts and companies, then all their services and unit rows, in `in` queries (#17). */
		async readGroup(contractIds) {
			await ctx.lookups.prefetchContracts(contractIds);
			const read = await ctx.readContracts(contractIds);
			const out = new Map<number, PsaLine[]>();
			for (const [contractId, contract] of read) {
				const lines = linesOf(contract, ctx.today).map(toPsaLine);
				for (const line of lines) lastRead.set(line.id, line);
				out.set(contractId, lines);
			}
			return out;
		},
		async createLine(contractId, line: NewLine, productIdentifier): Promise<PsaLine> {
			if (line.kind === 'prorate') {
				throw new ItemError(`Autotask prorates a change of units itself: the plan's prorate line for ${productIdentifier} was not written`, "Autotask contracts report agreementProrate false, so License Reconcile plans none; this plan item was made by hand or for another PSA");
			}
			refuseUnsupported(line, `Service ${productIdentifier} on contract ${contractId}`);
			const id = await ctx.client.create(
				services(contractId),
				{
					contractID: contractId,
					serviceID: line.product.id,
					unitPrice: line.unitPrice ?? line.product.price ?? 0,
					invoiceDescription: line.invoiceDescription,
					internalDescription: line.marker,
				},
				`add service ${productIdentifier} to contract ${contractId}`,
			);
			// The new service has no units yet: if this adjustment fails, the next run finds the marked service and sets them.
			await withIdentity({ additionId: id }, async () => await adjustTo(ctx.client, contractId, id, 0, line.quantity, line.effectiveDate));
			return {
				id,
				productId: line.product.id,
				productIdentifier,
				quantity: line.quantity,
				lessIncluded: 0,
				unitPrice: line.unitPrice ?? line.product.price ?? 0,
				billCustomer: 'Billable',
				invoiceDescription: line.invoiceDescription,
				effectiveDate: line.effectiveDate,
				cancelledDate: null,
				marker: line.marker,
				lastUpdated: null,
			};
		},
		async changeLine(contractId, line, before: LineValues, after: LineValues, productIdentifier): Promise<PsaLine> {
			refuseUnsupported(after, `Contract service ${line.id}`);
			const patch: Record<string, unknown> = {};
			if (before.invoiceDescription !== after.invoiceDescription) patch.invoiceDescription = after.invoiceDescription;
			if (before.marker !== after.marker) patch.internalDescription = after.marker;
			if (before.unitPrice !== after.unitPrice && after.unitPrice !== null) patch.unitPrice = after.unitPrice;
			// The marker first: if the units then fail, the service is already the sync's and the next run sets them.
			if (Object.keys(patch).length > 0) await ctx.client.update(services(contractId), { id: line.id, ...patch }, `update contract service ${line.id} (${productIdentifier})`);
			// The adjustment is a delta: its units are read again right before it, and a change since the group's read refuses it.
			if (before.quantity !== after.quantity) await adjustFromExpected(ctx.client, contractId, line.id, before.quantity, after.quantity, ctx.today, ctx.today);
			return { ...line, quantity: after.quantity, unitPrice: after.unitPrice, invoiceDescription: after.invoiceDescription, marker: after.marker };
		},
		async cancelLine(contractId, lineId, cancelledDate, _productIdentifier, restore) {
			if (restore) {
				const units = cancelledUnits.get(lineId);
				if (units === undefined) throw new ItemError(`Contract service ${lineId} was not set to 0 by this run; its units were not changed`);
				await adjustTo(ctx.client, contractId, lineId, 0, units, cancelledDate ?? ctx.today);
				cancelledUnits.delete(lineId);
				return;
			}
			const line = lastRead.get(lineId);
			if (!line) throw new ItemError(`Contract service ${lineId} was not read on contract ${contractId}; nothing was changed`);
			// A service cannot leave a contract through the API: from the date on, it bills 0 units.
			await adjustFromExpected(ctx.client, contractId, lineId, line.quantity, 0, cancelledDate ?? ctx.today, ctx.today);
			cancelledUnits.set(lineId, line.quantity);
			lastRead.set(lineId, { ...line, quantity: 0, cancelledDate });
		},
		async deleteLine(contractId, lineId) {
			throw new ItemError(`Contract service ${lineId} cannot be removed from contract ${contractId} through the Autotask API`, 'Remove it in Autotask');
		},
		refusedForGood,
	};
}
