import {
	MANAGED_MARKER,
	reconcile,
	type PlanItem,
	type ReconcileOptionsInput,
	type Row,
} from '../../../nodes/LicenseReconcile/core';

export const TODAY = '2026-03-10';
export const TENANT = '11111111-1111-1111-1111-111111111111';
export const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

export function license(overrides: Row = {}): Row {
	return {
		tenantId: TENANT,
		tenantName: 'Contoso',
		skuId: E3,
		skuPartNumber: 'SPE_E3',
		productName: 'Microsoft 365 E3',
		purchased: 10,
		assigned: 8,
		unassigned: 2,
		...overrides,
	};
}

export function link(overrides: Row = {}): Row {
	return { tenantId: TENANT, skuIds: [E3], agreementId: 100, billingProfile: 'M365 E3', ...overrides };
}

export function profile(overrides: Row = {}): Row {
	return { name: 'M365 E3', productIdentifier: 'M365-E3', agreementTypes: ['Managed Services'], billCustomer: 'Billable', ...overrides };
}

export function addition(overrides: Row = {}): Row {
	return {
		agreementId: 100,
		additionId: 1,
		productIdentifier: 'M365-E3',
		quantity: 10,
		lessIncluded: 0,
		billCustomer: 'Billable',
		invoiceDescription: 'Microsoft 365 E3',
		description: 'Microsoft 365 E3',
		effectiveDate: '2026-01-01T00:00:00Z',
		cancelledDate: null,
		serialNumber: MANAGED_MARKER,
		managed: true,
		...overrides,
	};
}

export interface Scenario {
	licenses?: Row[];
	links?: Row[];
	profiles?: Row[];
	additions?: Row[];
	options?: Partial<ReconcileOptionsInput>;
}

export function run(scenario: Scenario = {}): PlanItem[] {
	return reconcile(
		scenario.licenses ?? [license()],
		scenario.links ?? [link()],
		scenario.profiles ?? [profile()],
		scenario.additions ?? [],
		{ referenceDate: TODAY, ...scenario.options },
	);
}

/** The single plan item of a one-link scenario (fails loudly if there are more). */
export function only(scenario: Scenario = {}): PlanItem {
	const plan = run(scenario);
	if (plan.length !== 1) throw new Error(`expected one plan item, got ${plan.length}: ${JSON.stringify(plan)}`);
	return plan[0];
}

/** What the ConnectWise "Plan: Apply" does with changes, on plain addition rows. */
export function applyPlan(additions: Row[], plan: PlanItem[]): Row[] {
	const result = additions.map((a) => ({ ...a }));
	let nextId = Math.max(0, ...result.map((a) => Number(a.additionId))) + 1;
	for (const item of plan) {
		if (item.action !== 'create' && item.action !== 'update') continue;
		const values = {
			agreementId: item.agreementId,
			productIdentifier: item.productIdentifier,
			quantity: item.quantity,
			lessIncluded: item.lessIncluded,
			invoiceDescription: item.invoiceDescription,
			billCustomer: item.billCustomer,
			unitPrice: item.unitPrice,
			serialNumber: item.managedMarker,
			managed: true,
		};
		if (item.action === 'create') {
			result.push({ ...values, additionId: nextId++, effectiveDate: item.effectiveDate, cancelledDate: null });
		} else {
			const index = result.findIndex((a) => a.additionId === item.additionId);
			result[index] = { ...result[index], ...values };
		}
		if (item.prorate) {
			result.push({
				agreementId: item.agreementId,
				additionId: nextId++,
				productIdentifier: item.productIdentifier,
				quantity: item.prorate.quantity,
				lessIncluded: 0,
				invoiceDescription: item.prorate.invoiceDescription,
				effectiveDate: item.prorate.from,
				cancelledDate: item.prorate.to,
				serialNumber: item.prorate.serialNumber,
				managed: false,
			});
		}
	}
	return result;
}

/** The reasons without the "warning: …" notes (missing facts), for tests about one rule. */
export function withoutWarnings(reasons: string[]): string[] {
	return reasons.filter((reason) => !reason.startsWith('warning: '));
}

/** The item with its warnings removed from reasons. */
export function quiet<T extends { reasons: string[] }>(item: T): T {
	return { ...item, reasons: withoutWarnings(item.reasons) };
}

export function actions(plan: PlanItem[]): string[] {
	return plan.map((item) => item.action);
}
