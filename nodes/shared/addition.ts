/**
 * An agreement addition (a PSA invoice line) as the ConnectWise PSA node emits it and
 * License Reconcile reads it: the one contract between the two nodes. Dates are YYYY-MM-DD.
 */
export interface Addition {
	agreementId: number;
	additionId: number;
	productIdentifier: string;
	productId: number | null;
	quantity: number;
	lessIncluded: number;
	unitPrice: number | null;
	billCustomer: string | null;
	invoiceDescription: string;
	description: string | null;
	effectiveDate: string | null;
	cancelledDate: string | null;
	serialNumber: string | null;
	/** The PSA's last-updated stamp of the line (ConnectWise `_info.lastUpdated`), when known. */
	lastUpdated?: string | null;
	/** True when serialNumber is the managed marker: the sync may change this line. */
	managed: boolean;
}
