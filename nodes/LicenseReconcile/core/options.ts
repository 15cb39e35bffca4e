import type { QuantityBasis } from './types';

/** What to do when a guard would otherwise hold a line back. */
export type GuardAction = 'needsApproval' | 'apply' | 'skip';

export interface ReconcileOptions {
	/** Used by links that do not set their own basis. */
	quantityBasis: QuantityBasis;
	/** A decrease larger than this share of the current quantity (percent) needs approval. */
	maxDecreasePercent: number;
	/** A decrease of more than this many licenses needs approval. */
	maxDecreaseCount: number;
	/** An increase needs approval when it is more than this share (percent) of the current quantity… */
	maxIncreasePercent: number;
	/** …and also more than this many licenses. */
	maxIncreaseCount: number;
	/** A create or update to more than this many licenses on one line needs approval (a typo, a huge minimum). */
	maxLineQuantity: number;
	/** The link's tenant has no licenses at all in the input (gone from Partner Center). */
	onVanishedTenant: GuardAction;
	/** The source quantity fell to zero where the line had a quantity. */
	onZeroCount: GuardAction;
	/** Used by links that do not set their own template. */
	descriptionTemplate: string;
	/** At most this many usernames are listed; the rest become "+N more". */
	usernameLimit: number;
	/** The PSA's limit for the invoice description (ConnectWise: 6000). */
	descriptionMaxLength: number;
	/** The PSA's bill-customer values, comma-separated, the default first (ConnectWise: Billable, DoNotBill, NoCharge). */
	billCustomerValues: string;
	/** Report licenses that no link covers (Not Synced, action unlinked). */
	reportUnlinked: boolean;
	/** IANA zone in which "today" is taken from the reference date. */
	timeZone: string;
	/** "Today": an instant (Date or ISO date-time) or a plain YYYY-MM-DD date. */
	referenceDate: Date | string;
}

export const DEFAULT_OPTIONS: Readonly<Omit<ReconcileOptions, 'referenceDate'>> = Object.freeze({
	quantityBasis: 'purchased',
	maxDecreasePercent: 25,
	maxDecreaseCount: 10,
	maxIncreasePercent: 50,
	maxIncreaseCount: 10,
	maxLineQuantity: 5000,
	onVanishedTenant: 'needsApproval',
	onZeroCount: 'needsApproval',
	descriptionTemplate: '{productName}',
	usernameLimit: 500,
	descriptionMaxLength: 6000,
	billCustomerValues: 'Billable, DoNotBill, NoCharge',
	reportUnlinked: true,
	timeZone: 'UTC',
});

export type ReconcileOptionsInput = Partial<ReconcileOptions> & Pick<ReconcileOptions, 'referenceDate'>;

/** Fills defaults; an option given as undefined keeps its default. */
export function resolveOptions(input: ReconcileOptionsInput): ReconcileOptions {
	const given = Object.fromEntries(
		Object.entries(input).filter(([, value]) => value !== undefined && value !== null),
	) as ReconcileOptionsInput;
	return { ...DEFAULT_OPTIONS, ...given };
}

/** The bill-customer values of the `billCustomerValues` option, in order (the first is a profile's default). */
export function billCustomerList(values: string): string[] {
	const list = values.split(',').map((v) => v.trim()).filter((v) => v !== '');
	return list.length > 0 ? list : billCustomerList(DEFAULT_OPTIONS.billCustomerValues);
}
