import { day } from '../../shapes/dates';
import type { CwAgreement } from '../../shapes/types';

/**
 * What License Reconcile needs to know about an agreement (contract C2); Get Many adds it
 * to each addition. The company lets Reconcile refuse a link whose tenant is mapped to
 * another company than the agreement's.
 */
export interface AgreementFacts {
	agreementStatus: string | null;
	agreementProrate: boolean;
	agreementStartDate: string | null;
	agreementEndDate: string | null;
	agreementNoEndingDate: boolean;
	agreementCompanyId: number | null;
	agreementCompanyName: string | null;
	agreementType: string | null;
	billingCycle: string | null;
}

/**
 * Get Many's item for an agreement none of whose additions matched: its facts and no
 * addition, so a line created there still gets the agreement's start date, prorate flag
 * and status (the inactive-agreement guard).
 */
export interface AgreementFactsItem extends AgreementFacts {
	kind: 'agreement';
	agreementId: number;
	additionId: null;
}

export function agreementFacts(agreement: CwAgreement): AgreementFacts {
	return {
		// A cancelled flag wins over a status left at Active, as the write checks do.
		agreementStatus: agreement.cancelledFlag === true ? 'Cancelled' : (agreement.agreementStatus ?? null),
		agreementProrate: agreement.prorateFlag === true,
		agreementStartDate: day(agreement.startDate),
		// noEndingDateFlag means the agreement runs on: an endDate next to it is not an end.
		agreementEndDate: agreement.noEndingDateFlag === true ? null : day(agreement.endDate),
		agreementNoEndingDate: agreement.noEndingDateFlag === true,
		agreementCompanyId: agreement.company?.id ?? null,
		agreementCompanyName: agreement.company?.name ?? null,
		agreementType: agreement.type?.name ?? null,
		billingCycle: agreement.billingCycle?.name ?? null,
	};
}

export function agreementFactsItem(agreementId: number, agreement: CwAgreement): AgreementFactsItem {
	return { kind: 'agreement', agreementId, additionId: null, ...agreementFacts(agreement) };
}
