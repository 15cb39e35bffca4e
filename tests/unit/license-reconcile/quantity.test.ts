import { E3, E5, addition, license, link, only, quiet } from './fixtures';

const subscriptions = [
	{ id: 's1', term: 'P1M', billingCycle: 'monthly', quantity: 4, status: 'active' },
	{ id: 's2', term: 'P1Y', billingCycle: 'monthly', quantity: 6, status: 'active' },
	{ id: 's3', term: 'P1Y', billingCycle: 'annual', quantity: 5, status: 'suspended' },
	{ id: 's4', term: 'P3Y', billingCycle: 'annual', quantity: 2 },
];

describe('source and target quantity (rules 1 and 2)', () => {
	test.each([
		{ name: 'purchased by default', links: [link()], quantity: 10 },
		{ name: 'assigned when the link says so', links: [link({ quantityBasis: 'assigned' })], quantity: 8 },
		{ name: 'several SKUs summed into one line', links: [link({ skuIds: [E3, E5] })], quantity: 13 },
		{ name: 'several SKUs as comma text', links: [link({ skuIds: `${E5}, ${E3.toUpperCase()}` })], quantity: 13 },
		{ name: 'assigned over several SKUs', links: [link({ skuIds: [E3, E5], quantityBasis: 'assigned' })], quantity: 9 },
		{ name: 'term P1M counts that term only', links: [link({ term: 'P1M' })], quantity: 4 },
		{ name: 'term P1Y skips suspended subscriptions', links: [link({ term: 'P1Y' })], quantity: 6 },
		{ name: 'term P3Y counts subscriptions without status', links: [link({ term: 'P3Y' })], quantity: 2 },
		{ name: 'minimum lifts a lower count', links: [link({ minimumQuantity: 15 })], quantity: 15 },
		{ name: 'minimum below the count changes nothing', links: [link({ minimumQuantity: 5 })], quantity: 10 },
		{ name: 'minimum as text from a table', links: [link({ minimumQuantity: '12' })], quantity: 12 },
	])('$name', ({ links, quantity }) => {
		const item = only({
			links,
			options: { reportUnlinked: false },
			licenses: [license({ subscriptions }), license({ skuId: E5, skuPartNumber: 'SPE_E5', productName: 'Microsoft 365 E5', purchased: 3, assigned: 1 })],
		});
		expect(item).toMatchObject({ action: 'create', quantity });
	});

	test.each([
		{ name: 'included quantity becomes lessIncluded', includedQuantity: 5, lessIncluded: 5 },
		{ name: 'no included quantity → 0', includedQuantity: undefined, lessIncluded: 0 },
	])('$name', ({ includedQuantity, lessIncluded }) => {
		expect(only({ links: [link({ includedQuantity })] })).toMatchObject({ action: 'create', quantity: 10, lessIncluded });
	});

	test('a changed included quantity updates the line', () => {
		const item = quiet(only({ links: [link({ includedQuantity: 2 })], additions: [addition()] }));
		expect(item).toMatchObject({ action: 'update', quantity: 10, lessIncluded: 2, delta: 0, reasons: ['lessIncluded 0 → 2'] });
	});

	test.each([
		{ name: 'term with assigned basis', link: link({ term: 'P1Y', quantityBasis: 'assigned' }), licenses: [license({ subscriptions })] },
		{ name: 'term without subscriptions in the input', link: link({ term: 'P1Y' }), licenses: [license()] },
	])('$name → skip naming the term field', ({ link: row, licenses }) => {
		expect(only({ links: [row], licenses, options: { reportUnlinked: false } })).toMatchObject({ action: 'skip', field: 'term' });
	});
});
