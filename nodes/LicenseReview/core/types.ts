/** A row of the m365_approvals table, as the Data Table node reads it. */
export interface ApprovalRow {
	key: string;
	status?: string;
	proposedAction?: string;
	tenantId?: string;
	companyId?: number | null;
	agreementId?: number | null;
	product?: string;
	currentQuantity?: number | null;
	quantity?: number | null;
	reason?: string;
	/** The held plan item as JSON (manualLines, invoiceDescription…). */
	plan?: string;
}

/** A row of the m365_company_map table. */
export interface CompanyMapRow {
	tenantId: string;
	tenantName?: string | null;
	defaultDomain?: string | null;
	companyId?: number | null;
	companyName?: string | null;
}

/** A manual (unmarked) line held beside a new line, as the plan item carries it. */
export interface ManualLine {
	additionId: number;
	quantity: number;
	invoiceDescription?: string;
}

export type Decision = 'pending' | 'approve' | 'reject' | 'adopt' | 'replace' | 'addSecond';

export interface Choice {
	option: string;
	decision: Decision;
	/** Adopt: the manual line taken over. */
	additionId?: number;
}

/** Why a change was held, as a group a person can filter by. */
export type ReasonKind =
	| 'manualLine'
	| 'decrease'
	| 'increase'
	| 'zero'
	| 'tenantGone'
	| 'agreementClosed'
	| 'agreementType'
	| 'ceiling'
	| 'countedTwice'
	| 'other';

/** A held change phrased for a person. */
export interface HeldChange {
	key: string;
	companyKey: string;
	company: string;
	tenant: string;
	product: string;
	agreement: string;
	/** "40 → 12 seats", "no line yet → new line of 5 seats". */
	change: string;
	/** The held reasons in plain words (warnings left out). */
	why: string;
	reasonKind: ReasonKind;
	manualLines: ManualLine[];
	proposed: number | null;
	label: string;
	choices: Choice[];
}

/** What the Approve changes workflow takes. */
export interface Decisions {
	approve: string[];
	reject: string[];
	adopt: Array<{ key: string; additionId: number }>;
	replace: string[];
	addSecond: string[];
	decidedBy: string;
}

/** A form field in n8n's JSON form definition. */
export interface FormField {
	fieldLabel: string;
	fieldName?: string;
	fieldType: 'dropdown' | 'text' | 'number' | 'html' | 'hiddenField';
	fieldOptions?: { values: Array<{ option: string }> };
	defaultValue?: string | number;
	placeholder?: string;
	requiredField?: boolean;
	html?: string;
}

/** One page of a form, as the template's Form node shows it. */
export interface FormPage {
	title: string;
	description: string;
	buttonLabel: string;
	fields: FormField[];
	/** The Form node's custom CSS (wider card, table borders, highlighted rows). */
	css?: string;
}

/** The form's last page. */
export interface FormEnd {
	title: string;
	message: string;
}
