/**
 * ConnectWise's side of the PSA seam (#16): agreement additions as `PsaLine`s, the marker in
 * the addition's `serialNumber`, and the requests Apply makes. Agreements and catalog
 * products come through the per-execution lookups; Apply reads the plan's agreements in
 * `id in (...)` groups right before each group's writes (#17).
 */
import { ApiError } from '../../../shared';
import type { NewLine, PsaAgreement, PsaLine, PsaLineStore, PsaProduct } from '../../../shared/psa/contracts';
import * as check from '../../helpers/checks';
import type { OperationContext } from '../../helpers/context';
import { day, toCwDate } from '../../shapes/dates';
import type { CwAddition, CwAgreement } from '../../shapes/types';
import { cwValues, patchFor } from './result';

export function toPsaLine(a: CwAddition): PsaLine {
	return {
		id: a.id,
		productId: a.product?.id ?? null,
		productIdentifier: a.product?.identifier ?? null,
		quantity: a.quantity ?? 0,
		lessIncluded: a.lessIncluded ?? 0,
		unitPrice: a.unitPrice ?? null,
		billCustomer: a.billCustomer ?? null,
		invoiceDescription: a.invoiceDescription ?? '',
		effectiveDate: day(a.effectiveDate),
		cancelledDate: day(a.cancelledDate),
		marker: a.serialNumber?.trim() || null,
		lastUpdated: a._info?.lastUpdated ?? null,
	};
}

function toPsaAgreement(a: CwAgreement): PsaAgreement {
	return {
		agreementId: a.id,
		name: a.name ?? null,
		companyId: a.company?.id ?? null,
		companyName: a.company?.name ?? null,
		notActive: check.isActive(a) ? null : a.cancelledFlag ? 'cancelled' : (a.agreementStatus ?? 'not active'),
	};
}

/**
 * ConnectWise refused the request for good (a 4xx other than timeout or throttling), so
 * the change did not happen. A 5xx or a lost connection may have been applied: unknown.
 */
export function refusedForGood(error: unknown): boolean {
	const status = error instanceof ApiError ? error.status : undefined;
	return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export function connectWiseLineStore(ctx: OperationContext): PsaLineStore {
	const additions = (agreementId: number) => `/finance/agreements/${agreementId}/additions`;
	return {
		limits: check.CONNECTWISE_LIMITS,
		async agreement(agreementId) {
			const found = await ctx.lookups.agreement(agreementId);
			return found ? toPsaAgreement(found) : undefined;
		},
		async product(identifier): Promise<PsaProduct> {
			const found = await check.catalogProduct(ctx, identifier);
			return { id: found.id, identifier: found.identifier ?? identifier, price: found.price ?? null };
		},
		async readLines(agreementId) {
			const found = await ctx.client.getAll<CwAddition>(additions(agreementId), { action: `read the additions of agreement ${agreementId}` });
			return found.map(toPsaLine);
		},
		async createLine(agreementId, line: NewLine, productIdentifier) {
			const body = {
				product: { id: line.product.id },
				quantity: line.quantity,
				lessIncluded: line.lessIncluded,
				unitPrice: line.unitPrice,
				billCustomer: line.billCustomer,
				effectiveDate: toCwDate(line.effectiveDate),
				...(line.cancelledDate === null ? {} : { cancelledDate: toCwDate(line.cancelledDate) }),
				invoiceDescription: line.invoiceDescription,
				serialNumber: line.marker,
				prorateCurrentPeriodFlag: line.prorateCurrentPeriod,
			};
			const what = line.kind === 'prorate' ? 'prorate line' : 'addition';
			return toPsaLine(await ctx.client.send<CwAddition>('POST', additions(agreementId), body, `create the ${productIdentifier} ${what} on agreement ${agreementId}`));
		},
		async changeLine(agreementId, line, before, after, productIdentifier) {
			const patch = patchFor(cwValues(before), cwValues(after));
			return toPsaLine(await ctx.client.send<CwAddition>('PATCH', `${additions(agreementId)}/${line.id}`, patch, `update addition ${line.id} (${productIdentifier})`));
		},
		async cancelLine(agreementId, lineId, cancelledDate, productIdentifier, restore) {
			await ctx.client.send<CwAddition>(
				'PATCH',
				`${additions(agreementId)}/${lineId}`,
				[{ op: 'replace', path: 'cancelledDate', value: cancelledDate === null ? null : toCwDate(cancelledDate) }],
				restore ? `restore addition ${lineId}` : `cancel addition ${lineId} (${productIdentifier}) from ${cancelledDate}`,
			);
		},
		async deleteLine(agreementId, lineId) {
			await ctx.client.send('DELETE', `${additions(agreementId)}/${lineId}`, undefined, `delete prorate line ${lineId}`);
		},
		refusedForGood,
		async readGroups(agreementIds) {
			return await ctx.client.idChunks('/finance/agreements', 'id', agreementIds);
		},
		/**
		 * Agreement facts for the group in one `id in (...)` call. Additions stay one read per
		 * agreement: ConnectWise lists them only under their agreement
		 * (`/finance/agreements/{parentId}/additions`), see sandbox/README.md.
		 */
		async readGroup(agreementIds) {
			await ctx.lookups.prefetchAgreements(agreementIds, 1);
			return undefined;
		},
	};
}
