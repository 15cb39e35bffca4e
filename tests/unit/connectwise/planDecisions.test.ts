import { parsePlanItem } from '../../../nodes/ConnectWisePsa/actions/plan/planItem';

const create = {
	action: 'create',
	key: 'k1',
	agreementId: 512,
	productIdentifier: 'SPE_E3',
	quantity: 12,
	invoiceDescription: 'Microsoft 365 E3',
	effectiveDate: '2026-03-01',
};
const adopt = { ...create, action: 'update', additionId: 77, adopt: true, currentQuantity: 3 };

describe('plan item decisions about manual lines', () => {
	test.each([
		{ name: 'a plain create', json: create, fields: { adopt: false, cancelAdditions: [], secondLine: false } },
		{ name: 'replace', json: { ...create, cancelAdditions: [{ additionId: 77, quantity: 3 }, { additionId: '78', quantity: 0 }] }, fields: { cancelAdditions: [{ additionId: 77, quantity: 3 }, { additionId: 78, quantity: 0 }], secondLine: false } },
		{ name: 'a second line', json: { ...create, secondLine: true }, fields: { secondLine: true, cancelAdditions: [] } },
		{ name: 'secondLine only when exactly true', json: { ...create, secondLine: 'true' }, fields: { secondLine: false } },
		{ name: 'adopt one, cancel another', json: { ...adopt, cancelAdditions: [{ additionId: 78, quantity: 2 }] }, fields: { adopt: true, additionId: 77, cancelAdditions: [{ additionId: 78, quantity: 2 }] } },
	])('$name', ({ json, fields }) => {
		const parsed = parsePlanItem(json);
		expect(parsed).toEqual({ kind: 'write', item: expect.objectContaining(fields) });
	});

	test.each([
		{ change: { cancelAdditions: { additionId: 77, quantity: 3 } }, message: 'cancelAdditions must be a list of { additionId, quantity }' },
		{ change: { cancelAdditions: [77] }, message: 'cancelAdditions[0] must be an object { additionId, quantity }' },
		{ change: { cancelAdditions: [{ additionId: 0, quantity: 3 }] }, message: /cancelAdditions\[0\]\.additionId must be a positive whole number/ },
		{ change: { cancelAdditions: [{ additionId: 77 }] }, message: /cancelAdditions\[0\]\.quantity must be a number/ },
		{ change: { cancelAdditions: [{ additionId: 77, quantity: 3 }, { additionId: 77, quantity: 3 }] }, message: 'cancelAdditions names addition 77 twice' },
		{ change: { action: 'update', additionId: 77, cancelAdditions: [{ additionId: 78, quantity: 3 }] }, message: 'cancelAdditions goes with a create or an adopting update only' },
		{ change: { ...adopt, cancelAdditions: [{ additionId: 77, quantity: 3 }] }, message: 'cancelAdditions names addition 77, the line this item writes' },
	])('rejects $change before anything is written', ({ change, message }) => {
		expect(() => parsePlanItem({ ...create, ...change })).toThrow(message);
	});
});
