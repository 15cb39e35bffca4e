/** Turns a written addition or contact into the full record ConnectWise stores and returns. */
import type { CwAddition, CwAgreement, CwCatalogItem, CwContact, SandboxState } from '../types';

/** `_info` is ConnectWise's own bookkeeping: never taken from the client. */
function withoutInfo(input: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(input).filter(([key]) => key !== '_info'));
}

const round = (value: number) => Math.round(value * 100) / 100;

export function storedAddition(input: Record<string, unknown>, id: number, agreement: CwAgreement, catalog: CwCatalogItem[], now: number, previous?: CwAddition): CwAddition {
	const product = input.product as { id?: number; identifier?: string };
	const item = catalog.find((candidate) => candidate.id === product.id || (product.id === undefined && candidate.identifier?.toLowerCase() === product.identifier?.toLowerCase()))!;
	const quantity = (input.quantity as number | null | undefined) ?? 0;
	const unitPrice = (input.unitPrice as number | null | undefined) ?? item.price ?? 0;
	const unitCost = (input.unitCost as number | null | undefined) ?? item.cost ?? 0;
	return {
		...withoutInfo(input),
		id,
		agreementId: agreement.id,
		product: { id: item.id, identifier: item.identifier },
		quantity,
		lessIncluded: (input.lessIncluded as number | null | undefined) ?? 0,
		unitPrice,
		unitCost,
		billCustomer: input.billCustomer as CwAddition['billCustomer'],
		effectiveDate: (input.effectiveDate as string | undefined) ?? agreement.startDate,
		description: (input.description as string | undefined) ?? item.description,
		billedQuantity: quantity,
		uom: 'Each',
		extPrice: round(quantity * unitPrice),
		extCost: round(quantity * unitCost),
		margin: round(quantity * (unitPrice - unitCost)),
		sequenceNumber: previous?.sequenceNumber ?? 1,
		agreementStatus: agreement.agreementStatus,
		_info: { lastUpdated: new Date(now).toISOString().slice(0, 19) + 'Z', updatedBy: 'api' },
	};
}

export function nextSequence(state: SandboxState, agreementId: number): number {
	return state.additions.filter((addition) => addition.agreementId === agreementId).reduce((max, addition) => Math.max(max, addition.sequenceNumber ?? 0), 0) + 1;
}

export function storedContact(input: Record<string, unknown>, id: number, state: SandboxState): CwContact {
	const companyId = (input.company as { id?: number } | undefined)?.id;
	const company = state.companies.find((candidate) => candidate.id === companyId);
	return {
		...withoutInfo(input),
		id,
		...(company ? { company: { id: company.id, identifier: company.identifier, name: company.name } } : {}),
		inactiveFlag: (input.inactiveFlag as boolean | undefined) ?? false,
		communicationItems: ((input.communicationItems as CwContact['communicationItems']) ?? []).map((item, index) => ({
			id: index + 1,
			...item,
			communicationType: item.communicationType ?? (item.type?.name === 'Email' ? 'Email' : 'Phone'),
		})),
	};
}
