import { agreementFacts, agreementFactsItem } from '../../../nodes/ConnectWisePsa/actions/agreementAddition/agreementFacts';

const agreement = {
	id: 812,
	name: 'M365 Monthly - Contoso',
	agreementStatus: 'Active',
	startDate: '2026-04-01T00:00:00Z',
	billingCycle: { id: 2, name: 'Monthly' },
	prorateFlag: true,
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
			billingCycle: 'Monthly',
		});
	});

	test.each([
		{ name: 'cancelled flag wins over a status left at Active', change: { cancelledFlag: true }, facts: { agreementStatus: 'Cancelled' } },
		{ name: 'status as ConnectWise says it', change: { agreementStatus: 'Expired' }, facts: { agreementStatus: 'Expired' } },
		{ name: 'no prorate flag means no prorating', change: { prorateFlag: undefined }, facts: { agreementProrate: false } },
		{ name: 'no start date, no billing cycle', change: { startDate: undefined, billingCycle: undefined }, facts: { agreementStartDate: null, billingCycle: null } },
	])('$name', ({ change, facts }) => {
		expect(agreementFacts({ ...agreement, ...change })).toMatchObject(facts);
	});
});
