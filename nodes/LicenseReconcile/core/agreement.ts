import { optionalBoolean, optionalDate, optionalId, optionalString, parseRow, positiveId, type Parsed } from './fields';
import type { AgreementFacts, Row } from './types';

/** The agreement fields of a row (a link, an addition or an agreement item); blank → null. */
export function readAgreementFacts(row: Row): AgreementFacts {
	return {
		agreementStatus: optionalString(row, 'agreementStatus'),
		agreementProrate: optionalBoolean(row, 'agreementProrate'),
		agreementStartDate: optionalDate(row, 'agreementStartDate'),
		billingCycle: optionalString(row, 'billingCycle'),
		billingPeriodEnd: optionalDate(row, 'billingPeriodEnd'),
		agreementCompanyId: optionalId(row, 'agreementCompanyId'),
		agreementCompanyName: optionalString(row, 'agreementCompanyName'),
		agreementType: optionalString(row, 'agreementType'),
		agreementEndDate: optionalDate(row, 'agreementEndDate'),
		agreementNoEndingDate: optionalBoolean(row, 'agreementNoEndingDate'),
		descriptionMaxLength: optionalId(row, 'descriptionMaxLength'),
		lineLabel: optionalString(row, 'lineLabel'),
	};
}

/**
 * A Current Additions row that describes an agreement, not an addition: what the ConnectWise
 * node's Get Many emits for an agreement with no additions (`kind: 'agreement'`, `additionId: null`).
 */
export function isAgreementRow(row: Row): boolean {
	return row.kind === 'agreement';
}

export function parseAgreementRow(row: Row): Parsed<{ agreementId: number; facts: AgreementFacts }> {
	return parseRow(() => ({ agreementId: positiveId(row, 'agreementId'), facts: readAgreementFacts(row) }));
}

/** Field by field, the first known value; callers pass the sources in a fixed order. */
export function mergeFacts(list: AgreementFacts[]): AgreementFacts {
	if (list.length === 1) return list[0];
	const first = <K extends keyof AgreementFacts>(field: K): AgreementFacts[K] =>
		list.find((facts) => facts[field] !== null)?.[field] ?? null;
	return {
		agreementStatus: first('agreementStatus'),
		agreementProrate: first('agreementProrate'),
		agreementStartDate: first('agreementStartDate'),
		billingCycle: first('billingCycle'),
		billingPeriodEnd: first('billingPeriodEnd'),
		agreementCompanyId: first('agreementCompanyId'),
		agreementCompanyName: first('agreementCompanyName'),
		agreementType: first('agreementType'),
		agreementEndDate: first('agreementEndDate'),
		agreementNoEndingDate: first('agreementNoEndingDate'),
		descriptionMaxLength: first('descriptionMaxLength'),
		lineLabel: first('lineLabel'),
	};
}

/** The link's own facts win (the user joined them on purpose); the PSA's fill the gaps. */
export function factsForLink(link: AgreementFacts, psa: AgreementFacts | undefined): AgreementFacts {
	return psa ? mergeFacts([link, psa]) : link;
}
