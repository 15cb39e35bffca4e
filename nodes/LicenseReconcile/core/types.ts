/** Plain data shapes of the reconcile core. No n8n types here: the core is pure. */

export type Term = 'P1M' | 'P1Y' | 'P3Y';
export type QuantityBasis = 'purchased' | 'assigned';
export type ProrateMode = 'off' | 'increases' | 'increasesAndDecreases';
/** A PSA's bill-customer value (ConnectWise: Billable, DoNotBill, NoCharge); the PSA's list is the `billCustomerValues` option. */
export type BillCustomer = string;
export type PriceMode = 'catalog' | 'custom';

/** One raw input row (an n8n item's json, a Data Table row). Parsed and checked by the core. */
export type Row = Record<string, unknown>;

export interface LicenseSubscription {
	id: string;
	term: string | null;
	billingCycle: string | null;
	quantity: number;
	status: string | null;
	commitmentEndDate: string | null;
}

/** A subscribed SKU of a tenant, as the Microsoft Partner Center node emits it. */
export interface License {
	tenantId: string;
	tenantName: string | null;
	skuId: string;
	skuPartNumber: string | null;
	productName: string | null;
	purchased: number;
	assigned: number;
	unassigned: number | null;
	subscriptions: LicenseSubscription[] | null;
	users: string[] | null;
}

/** Defined once, referenced by name from links: changing it changes every link at the next sync. */
export interface BillingProfile {
	name: string;
	productIdentifier: string;
	agreementTypes: string[];
	billCustomer: BillCustomer;
	priceMode: PriceMode;
	unitPrice: number | null;
}

/**
 * What the plan must know about an agreement: its status and end date (guards), company (C2),
 * type (billing profile check), prorate flag, start date (effective-date floor, period anchor)
 * and billing cycle. Joined onto a link by the user, or
 * read from the Current Additions input (each addition, or an agreement item for an
 * agreement with no additions); the link's own values win.
 */
export interface AgreementFacts {
	agreementStatus: string | null;
	agreementProrate: boolean | null;
	agreementStartDate: string | null;
	billingCycle: string | null;
	billingPeriodEnd: string | null;
	/** The PSA company the agreement belongs to (C2): a link writes only to its own company's agreements. */
	agreementCompanyId: number | null;
	agreementCompanyName: string | null;
	/** Agreement type name, checked against the billing profile's agreementTypes. */
	agreementType: string | null;
	agreementEndDate: string | null;
	agreementNoEndingDate: boolean | null;
	/** The PSA's invoice-description limit for this agreement's lines (Autotask: 1000), when its rows say; else the node option. */
	descriptionMaxLength: number | null;
	/** What the agreement's PSA calls a line (Autotask: contract service), for reasons; null = addition. */
	lineLabel: string | null;
}

/** License link: tenant + SKUs [+ term] → agreement + billing profile, with its options. */
export interface Link extends AgreementFacts {
	linkId: string | null;
	tenantId: string;
	skuIds: string[];
	term: Term | null;
	agreementId: number;
	/** The PSA company the tenant is mapped to (C2), when the sync joins it on. */
	companyId: number | null;
	companyName: string | null;
	billingProfile: string;
	quantityBasis: QuantityBasis | null;
	includedQuantity: number;
	minimumQuantity: number;
	billingStartDate: string | null;
	prorate: ProrateMode;
	showUsernames: boolean;
	showUnassigned: boolean;
	descriptionTemplate: string | null;
	doNotBill: boolean;
}

export type { Addition } from '../../shared/addition';

/** A separate addition for the change, from the change day to the end of the billing period. */
export interface ProrateLine {
	quantity: number;
	from: string;
	to: string;
	invoiceDescription: string;
	/** C3: `m365-license-sync-prorate#<changeId>`, so the same change is never prorated twice. */
	serialNumber: string;
	/** fnv1a(lineKey | billedBefore->billedAfter | referenceDate), 8 hex digits. */
	changeId: string;
	/** Seats the invoice billed before and after the change (after lessIncluded and the minimum). */
	billedBefore: number;
	billedAfter: number;
}

/** The values of the current addition, for the audit trail (before/after). */
export interface CurrentValues {
	quantity: number;
	lessIncluded: number;
	invoiceDescription: string;
	effectiveDate: string | null;
}

interface PlanBase {
	/** Same work → same key: line, reference date and target values. */
	key: string;
	/** Identifies the agreement line the link writes, whatever the values. */
	lineKey: string;
	linkId: string | null;
	tenantId: string;
	skuIds: string[];
	term: Term | null;
	agreementId: number | null;
	billingProfile: string | null;
	productIdentifier: string | null;
	referenceDate: string;
	/** The IANA zone "today" was taken in (shown so a run is never silently on another zone's day). */
	timeZone: string;
	reasons: string[];
}

/** Everything the ConnectWise "Plan: Apply" operation needs to write a line without lookups. */
export interface LineTarget {
	additionId: number | null;
	current: CurrentValues | null;
	currentQuantity: number | null;
	sourceQuantity: number;
	quantity: number;
	lessIncluded: number;
	delta: number;
	invoiceDescription: string;
	effectiveDate: string;
	billCustomer: BillCustomer;
	/** Only when the billing profile sets a custom price; otherwise the catalog price applies. */
	unitPrice: number | null;
	managedMarker: string;
	/** Create only: ask the PSA to prorate the new line's current period. */
	prorateCurrentPeriod: boolean;
	prorate: ProrateLine | null;
}

export type CreateItem = PlanBase & LineTarget & { action: 'create' };
export type UpdateItem = PlanBase & LineTarget & { action: 'update'; additionId: number };
export type UnchangedItem = PlanBase & LineTarget & { action: 'unchanged'; additionId: number };
/**
 * An unmarked (manual) line for the product on the agreement, as read: what a person needs to
 * decide a held create (adopt it, replace it, or add a second line) and what Apply checks
 * again before it writes.
 */
export interface ManualLine {
	additionId: number;
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	effectiveDate: string | null;
	serialNumber: string | null;
}

export type NeedsApprovalItem = PlanBase &
	LineTarget & {
		action: 'needsApproval';
		proposedAction: 'create' | 'update' | 'unchanged';
		/** A held create beside manual lines for the product: those lines (never written by the sync unasked). */
		manualLines?: ManualLine[];
	};
export type ConflictItem = PlanBase & {
	action: 'conflict';
	additionIds: number[];
	currentQuantity: number | null;
};
/** Not synced; `row` is the rejected input row itself when the item reports a bad row. */
export type SkipItem = PlanBase & { action: 'skip'; field: string | null; row?: Row };
/** C1: the link's licenses or agreement lines could not be read; nothing is written or held. */
export type ReadFailedItem = PlanBase & { action: 'readFailed'; field: string | null; error: string };
export type UnlinkedItem = PlanBase & {
	action: 'unlinked';
	skuPartNumber: string | null;
	productName: string | null;
	/** Seats no link covers (for a term-limited SKU: the uncovered term's seats). */
	purchased: number;
	/** null when the seats are one term's share (assigned seats carry no term). */
	assigned: number | null;
};

export type PlanItem =
	| CreateItem
	| UpdateItem
	| UnchangedItem
	| NeedsApprovalItem
	| ConflictItem
	| SkipItem
	| ReadFailedItem
	| UnlinkedItem;

export type PlanAction = PlanItem['action'];

/** Where a plan item came from, so the node can pair it with its input item. */
export interface PlanOrigin {
	input: 'licenses' | 'links' | 'additions' | 'profiles';
	index: number;
}

export interface PlanEntry {
	item: PlanItem;
	origin: PlanOrigin;
}

export interface PlanOutputs<T> {
	changes: T[];
	unchanged: T[];
	needsApproval: T[];
	notSynced: T[];
}
