import { agreementFacts, agreementFactsItem } from '../../../nodes/ConnectWisePsa/actions/agreementAddition/agreementFacts';

const agreement = {
	id: 812,
	name: 'M365 Monthly - Contoso',
	agreementStatus: 'Active',
	startDate: '2026-04-01T00:00:00Z',
	billingCycle: { id: 2, name: 'Monthly' },
	prorateFlag: true,
	company: { id: 44, identifier: 'Contoso', name: 'Contoso Ltd' },
	type: { id: 1, name: 'M365 Monthly' },
	endDate: '2027-03-31T00:00:00Z',
	noEndingDateFlag: false,
};

describe('agreement facts (what License Reconcile needs about an agreement)', () => {
	test('an agreement with no additions becomes one agreement item, not an addition', () => {
		expect(agreementFactsItem(812, agreement)).toEqual({
			kind: 'agreement',
			agreementId: 812,
			additionId: null,
			agreementStatus: 'Active',
			agreementProrate: true,
			agreementStartDate: '2026-04-01',
			agreementEndDate: '2027-03-31',
			agreementNoEndingDate: false,
			agreementCompanyId: 44,
			agreementCompanyName: 'Contoso Ltd',
			agreementType: 'M365 Monthly',
			billingCycle: 'Monthly',
		});
	});

	test.each([
		{ name: 'cancelled flag wins over a status left at Active', change: { cancelledFlag: true }, facts: { agreementStatus: 'Cancelled' } },
		{ name: 'status as ConnectWise says it', change: { agreementStatus: 'Expired' }, facts: { agreementStatus: 'Expired' } },
		{ name: 'no prorate flag means no prorating', change: { prorateFlag: undefined }, facts: { agreementProrate: false } },
		{ name: 'no start date, no billing cycle', change: { startDate: undefined, billingCycle: undefined }, facts: { agreementStartDate: null, billingCycle: null } },
		{ name: 'no ending date: the end date is null whatever endDate says', change: { noEndingDateFlag: true }, facts: { agreementEndDate: null, agreementNoEndingDate: true } },
		{ name: 'no end date given', change: { endDate: undefined }, facts: { agreementEndDate: null, agreementNoEndingDate: false } },
		{ name: 'no company or type on the record', change: { company: undefined, type: undefined }, facts: { agreementCompanyId: null, agreementCompanyName: null, agreementType: null } },
	])('$name', ({ change, facts }) => {
		expect(agreementFacts({ ...agreement, ...change })).toMatchObject(facts);
	});
});
