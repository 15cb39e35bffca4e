/**
 * The PSA seam (#16, contract C5): the shapes that cross nodes, whatever the PSA, and the
 * small interface a PSA node implements so the one apply driver (`applyPlan.ts`) can write
 * a License Reconcile plan to it. No n8n types and no I/O here.
 *
 * Words: an *agreement* is what bills a customer (ConnectWise agreement, Autotask
 * contract); a *line* is one product on it (ConnectWise addition, Autotask contract
 * service). Plan items and rows keep the names `agreementId` / `additionId` for these, so
 * templates and audit tables read the same fields for every PSA.
 *
 * A line the sync owns carries a *marker*, a short text the PSA stores on the line. Where it
 * lives is the PSA node's business (ConnectWise: `serialNumber`); this seam only sees
 * `PsaLine.marker` (read) and `NewLine.marker` / `LineValues.marker` (written). The values
 * are the ones in `../managedMarker.ts` (`m365-license-sync`, prorate lines
 * `m365-license-sync-prorate#<change id>`, contract C3).
 *
 * Stable once committed: add optional fields, never rename or remove one without saying so.
 */

// ---------------------------------------------------------------------------------------
// Rows between nodes (n8n item json)
// ---------------------------------------------------------------------------------------

/**
 * A license row: one subscribed SKU (or a custom count, contract C6) of one tenant, as the
 * Microsoft Partner Center node emits it and License Reconcile reads it.
 */
export interface LicenseRow {
	tenantId: string;
	/** Absent when the tenant has no name on record. */
	tenantName?: string | null;
	skuId: string;
	skuPartNumber: string | null;
	productName: string | null;
	/** Seats bought (the Microsoft node's `purchased`; older rows: `prepaidUnitsEnabled`). */
	purchased: number;
	assigned: number;
	unassigned?: number | null;
	users?: string[] | null;
	/** C6: set on a custom count (group members, licensed users by domain, ...). */
	countKind?: string;
}

/**
 * Agreement facts (contract C2), on every line row and on the agreement item of an agreement
 * with no lines. Dates are YYYY-MM-DD.
 */
export interface AgreementFactsRow {
	/** On the facts-only item of an agreement with no lines (its `additionId` is null). */
	kind?: 'agreement';
	agreementId: number;
	agreementStatus: string | null;
	agreementProrate?: boolean | null;
	agreementStartDate?: string | null;
	billingCycle?: string | null;
	agreementCompanyId: number | null;
	agreementCompanyName: string | null;
	/** Agreement (ConnectWise) or contract (Autotask) type name. */
	agreementType: string | null;
	agreementEndDate: string | null;
	agreementNoEndingDate: boolean | null;
	/** The PSA's invoice-description limit, where it is lower than License Reconcile's option (Autotask: 1000). */
	descriptionMaxLength?: number;
	/** What this PSA calls a line, for reasons a person reads (Autotask: "contract service"); absent = "addition". */
	lineLabel?: string;
}

/**
 * A line row ("Current Additions" of License Reconcile), as a PSA node's Get Many emits it.
 * The marker is in `marker` (any PSA) or `serialNumber` (ConnectWise's name, kept so
 * existing workflows and Data Tables keep working); `managed` says whether it is the sync's.
 */
export interface LineRow extends Partial<Omit<AgreementFactsRow, 'kind'>> {
	/** ConnectWise Get Many: 'addition' on a line, 'agreement' on an agreement's facts-only item. */
	kind?: 'addition';
	agreementId: number;
	additionId: number;
	productIdentifier: string;
	productId: number | null;
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	/** The PSA's own value (ConnectWise Billable / DoNotBill / NoCharge); see `PsaLimits.billCustomerValues`. */
	billCustomer: string | null;
	invoiceDescription: string;
	description: string | null;
	effectiveDate: string | null;
	cancelledDate: string | null;
	marker?: string | null;
	serialNumber?: string | null;
	/** Where a person sets the marker in this PSA, for messages (default "serial number"). */
	markerLabel?: string;
	/** The PSA's last-updated stamp of the line, when it has one. */
	lastUpdated?: string | null;
	managed: boolean;
}

// ---------------------------------------------------------------------------------------
// Per-PSA limits
// ---------------------------------------------------------------------------------------

/** What differs between PSAs in the values a plan may hold, and the words messages use. */
export interface PsaLimits {
	/** The PSA's short name in messages, e.g. "ConnectWise", "Autotask" ("... was not found in ConnectWise PSA", "ConnectWise allows at most ..."). */
	psaName: string;
	/** Longest invoice description the PSA stores (ConnectWise: 6,000). */
	descriptionMaxLength: number;
	/** Longest marker the PSA stores (ConnectWise serial number: 50). */
	markerMaxLength: number;
	/** Where a person sees the marker, for messages, e.g. "serial number". */
	markerLabel: string;
	/** The bill-customer values the PSA takes, the default first (ConnectWise: Billable, DoNotBill, NoCharge). */
	billCustomerValues: readonly string[];
	/** What the PSA calls a line, lower case, in messages ("addition", "contract service"); default "addition". */
	lineLabel?: string;
}

// ---------------------------------------------------------------------------------------
// Plan items, as Apply reads them
// ---------------------------------------------------------------------------------------

export interface ProrateTarget {
	quantity: number;
	from: string;
	to: string;
	invoiceDescription: string;
	/** The prorate line's marker: `m365-license-sync-prorate#<change id>` (C3); the bare marker from older plans. Named as in the plan item. */
	serialNumber: string;
	changeId: string | null;
}

export interface CancelTarget {
	additionId: number;
	/** The quantity the decision was made on: a line changed since is not cancelled. */
	quantity: number;
}

/** A create or update plan item, every value checked (see `planItem.ts`). */
export interface ApplyItem {
	action: 'create' | 'update';
	key: string | null;
	lineKey: string | null;
	tenantId: string | null;
	/** The company the tenant is mapped to: Apply refuses an agreement of another company. */
	companyId: number | null;
	companyName: string | null;
	agreementId: number;
	additionId: number | null;
	productIdentifier: string;
	quantity: number;
	lessIncluded: number;
	invoiceDescription: string;
	effectiveDate: string;
	/** One of `PsaLimits.billCustomerValues`. */
	billCustomer: string;
	unitPrice: number | null;
	/** The line's quantity when the plan was made: a line changed since is refused. */
	currentQuantity: number | null;
	prorateCurrentPeriod: boolean;
	prorate: ProrateTarget | null;
	/** Update an unmarked line and mark it as managed (a person chose to adopt it). */
	adopt: boolean;
	/** Manual lines a person chose to replace: cancelled (as read: same quantity) before the line is written. */
	cancelAdditions: CancelTarget[];
	/** A person chose a second line beside the manual ones, knowing the customer is billed for both. */
	secondLine: boolean;
	reasons: string[];
}

/** Any other plan item (unchanged, skip, ...): Apply passes it through without a request. */
export interface PassThrough {
	action: string;
	key: string | null;
	lineKey: string | null;
	tenantId: string | null;
	agreementId: number | null;
	additionId: number | null;
	productIdentifier: string | null;
	reasons: string[];
}

export type ParsedPlanItem = { kind: 'write'; item: ApplyItem } | { kind: 'pass'; item: PassThrough };

// ---------------------------------------------------------------------------------------
// Apply results (one per plan item, shaped for an audit row)
// ---------------------------------------------------------------------------------------

/** A line's values as Apply compares and reports them (before / after). */
export interface LineValues {
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	effectiveDate: string | null;
	/** The line's marker (null: unmarked). A PSA node may report it under its own name (ConnectWise: serialNumber). */
	marker: string | null;
}

export interface ProrateResult {
	additionId: number | null;
	quantity: number;
	from: string;
	to: string;
	/** The change-identifying marker the line carries (contract C3). */
	serialNumber: string;
	/** Written by this call. */
	applied: boolean;
	/** Written by this call and deleted again because the line change it stands for was refused. */
	removed?: boolean;
}

/** What Apply reports for each manual line it cancels (or found cancelled by an earlier run). */
export interface CancelResult {
	additionId: number;
	quantity: number;
	/** The first day the line no longer bills: the day the managed line starts. */
	cancelledDate: string;
	/** What the line had before (null: it was open-ended), to put back if the write it made room for is refused. */
	previousCancelledDate: string | null;
	/** Cancelled by this call. */
	applied: boolean;
	/** Cancelled by this call and opened again because the write it made room for was refused. */
	restored?: boolean;
}

export interface ApplyResult {
	action: string;
	key: string | null;
	lineKey: string | null;
	tenantId: string | null;
	agreementId: number | null;
	additionId: number | null;
	productIdentifier: string | null;
	before: LineValues | null;
	after: LineValues | null;
	prorate: ProrateResult | null;
	/** Manual lines this item replaces (cancelled before the write), when the plan chose that. */
	cancelled?: CancelResult[];
	applied: boolean;
	dryRun: boolean;
	reasons: string[];
}

// ---------------------------------------------------------------------------------------
// The interface a PSA node implements for Apply
// ---------------------------------------------------------------------------------------

/** A line as the store read it. */
export interface PsaLine {
	/** The line's id (`additionId` in plan items). */
	id: number;
	/** The catalog product's id and identifier, either may be missing on odd lines. */
	productId: number | string | null;
	productIdentifier: string | null;
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	/** First billed day, YYYY-MM-DD. */
	effectiveDate: string | null;
	/** First day no longer billed, YYYY-MM-DD (null: open-ended). */
	cancelledDate: string | null;
	/** The marker as stored (trimmed; null when empty). */
	marker: string | null;
	/** The PSA's last-updated stamp, when it has one. */
	lastUpdated: string | null;
}

/** The agreement as Apply checks it right before writing. */
export interface PsaAgreement {
	agreementId: number;
	name: string | null;
	companyId: number | null;
	companyName: string | null;
	/** Why no line may be written to it (e.g. "cancelled", "Inactive"), null when it is active. */
	notActive: string | null;
}

/** The catalog product a plan item names, already checked to exist and be active. */
export interface PsaProduct {
	id: number | string;
	identifier: string;
	/** The catalog price, the unit price of a line when the plan sets none. */
	price: number | null;
}

/** A line to create: the product line (`kind: 'line'`) or a prorate line (`kind: 'prorate'`). */
export interface NewLine {
	kind: 'line' | 'prorate';
	product: PsaProduct;
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	effectiveDate: string;
	/** Prorate lines end with the billing period; product lines are open-ended (null). */
	cancelledDate: string | null;
	marker: string;
	/** Ask the PSA to prorate the new line's current period (ConnectWise prorateCurrentPeriodFlag). */
	prorateCurrentPeriod: boolean;
}

/**
 * What Apply needs from a PSA. Every method throws on failure (never answers "nothing
 * there" for a failed read); `ItemError` (`../itemError`) for a refusal in the user's terms,
 * `ApiError` for a call that failed. Writes are made for one agreement at a time; reads may
 * cover a group of agreements (`readGroup`).
 */
export interface PsaLineStore {
	readonly limits: PsaLimits;
	/** The agreement, or undefined when the PSA has no such agreement. May be cached per execution. */
	agreement(agreementId: number): Promise<PsaAgreement | undefined>;
	/** The active catalog product with this identifier; throws an ItemError when missing or inactive. May be cached. */
	product(identifier: string): Promise<PsaProduct>;
	/** Every line of the agreement, all products, cancelled ones too. Apply calls it once per agreement, right before its writes. */
	readLines(agreementId: number): Promise<PsaLine[]>;
	/** Creates the line, marked with `line.marker`; returns it as the PSA stored it. */
	createLine(agreementId: number, line: NewLine, productIdentifier: string): Promise<PsaLine>;
	/**
	 * Changes the line from `before` to `after` (quantity, lessIncluded, unitPrice, billCustomer,
	 * invoiceDescription, marker: only the fields that differ); `before` is what `readLines`
	 * returned. Returns the line as the PSA stored it.
	 */
	changeLine(agreementId: number, line: PsaLine, before: LineValues, after: LineValues, productIdentifier: string): Promise<PsaLine>;
	/**
	 * Sets the first day the line no longer bills. `restore`: puts back what the line had
	 * before a cancel this run made (`cancelledDate` null: open-ended again).
	 */
	cancelLine(agreementId: number, lineId: number, cancelledDate: string | null, productIdentifier: string, restore: boolean): Promise<void>;
	/** Deletes a prorate line this run wrote for a change the PSA then refused. */
	deleteLine(agreementId: number, lineId: number): Promise<void>;
	/** The PSA refused the request for good (the change did not happen); a 5xx or lost connection is unknown. */
	refusedForGood(error: unknown): boolean;
	/**
	 * #17, optional with `readGroup`: splits the plan's agreements (in plan order) into the groups
	 * one `readGroup` reads together, as the PSA's list limits allow (URL length, ids per list).
	 */
	readGroups?(agreementIds: readonly number[]): Promise<number[][]>;
	/**
	 * #17, optional: reads a group's agreements in a few calls instead of one or more each. Apply
	 * calls it once per group, right before the group's first write. Afterwards `agreement()`
	 * answers from this read (an agreement it could not read fails there, never "not found").
	 * Returns the lines of every agreement of the group when the PSA lists lines across
	 * agreements ([] for an agreement with none), else undefined and Apply reads each
	 * agreement's lines with `readLines`. Throws when the lines could not be read: every item
	 * of the group then fails with that error and nothing is written for them.
	 */
	readGroup?(agreementIds: readonly number[]): Promise<Map<number, PsaLine[]> | undefined>;
}
