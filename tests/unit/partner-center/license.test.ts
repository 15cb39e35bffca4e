import { licenseFromGraph, licenseFromPartnerCenter, outsideSkuWarning, subscriptionsBySku, usersBySku, isBillable } from '../../../nodes/MicrosoftPartnerCenter/helpers/license';

const TENANT = 'AAAAAAAA-0000-0000-0000-000000000001';
const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';

describe('License normalisation', () => {
	test('Partner Center subscribed SKU: purchased = total (active + warning), friendly name from the catalogue', () => {
		const license = licenseFromPartnerCenter(TENANT, {
			availableUnits: 3, activeUnits: 10, warningUnits: 2, totalUnits: 12, consumedUnits: 9, suspendedUnits: 0,
			productSku: { id: SPB.toUpperCase(), name: 'Microsoft 365 Business Premium', skuPartNumber: 'SPB' },
			capabilityStatus: 'Enabled',
		});
		expect(license).toEqual({
			tenantId: TENANT.toLowerCase(), skuId: SPB, skuPartNumber: 'SPB', productName: 'Microsoft 365 Business Premium',
			purchased: 12, assigned: 9, unassigned: 3, suspended: 0, warning: 2, status: 'Enabled',
		});
	});

	test('Graph subscribedSku: the same SKU gives the same License', () => {
		const fromGraph = licenseFromGraph(TENANT, {
			skuId: SPB, skuPartNumber: 'SPB', capabilityStatus: 'Enabled', consumedUnits: 9,
			prepaidUnits: { enabled: 10, warning: 2, suspended: 0, lockedOut: 0 },
		});
		const fromPc = licenseFromPartnerCenter(TENANT, { activeUnits: 10, warningUnits: 2, totalUnits: 12, consumedUnits: 9, suspendedUnits: 0, productSku: { id: SPB, skuPartNumber: 'SPB' }, capabilityStatus: 'Enabled' });
		expect(fromGraph).toEqual(fromPc);
	});

	test('suspended SKU: nothing purchased, suspended counted, unassigned never negative', () => {
		const license = licenseFromGraph(TENANT, { skuId: SPB, skuPartNumber: 'SPB', capabilityStatus: 'Suspended', consumedUnits: 4, prepaidUnits: { enabled: 0, warning: 0, suspended: 5 } });
		expect(license).toMatchObject({ purchased: 0, assigned: 4, unassigned: 0, suspended: 5, status: 'Suspended' });
	});

	test('unknown SKU keeps the API name; free SKUs are not billable', () => {
		const unknown = licenseFromPartnerCenter(TENANT, { totalUnits: 1, productSku: { id: '11111111-2222-3333-4444-555555555555', name: 'Brand New Thing', skuPartNumber: 'NEW_THING' } });
		expect(unknown.productName).toBe('Brand New Thing');
		expect(isBillable(unknown)).toBe(true);
		expect(isBillable(licenseFromGraph(TENANT, { skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d', skuPartNumber: 'FLOW_FREE', prepaidUnits: { enabled: 10000 } }))).toBe(false);
	});
});

describe('subscriptions and users per SKU', () => {
	const licenses = [
		licenseFromGraph(TENANT, { skuId: SPB, skuPartNumber: 'SPB', prepaidUnits: { enabled: 12 } }),
		licenseFromGraph(TENANT, { skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560', skuPartNumber: 'POWER_BI_PRO', prepaidUnits: { enabled: 2 } }),
	];
	const subscriptions = [
		{ id: 'S1', offerName: 'Microsoft 365 Business Premium', termDuration: 'P1Y', quantity: 10, status: 'active' },
		{ id: 'S2', offerName: 'Microsoft 365 Business Premium', termDuration: 'P1M', quantity: 2, status: 'active' },
		{ id: 'S3', offerName: 'Something Else', termDuration: 'P1M', quantity: 1, status: 'active' },
		{ id: 's4', offerName: 'Renamed offer', termDuration: 'P1M', quantity: 2, status: 'active' },
	];

	const PBI = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
	// Directory ids differ from commerce ids; names are the product's, a partner's or a newer one.
	const directory = [
		{ id: 'dir-1', commerceSubscriptionId: 'S1', skuId: SPB },
		{ id: 'dir-2', commerceSubscriptionId: 's2', skuId: SPB.toUpperCase() },
		{ id: 'dir-4', commerceSubscriptionId: 'S4', skuId: PBI },
	];

	test.each([
		['by directory/subscriptions commerceSubscriptionId, never by name', subscriptions.filter((s) => s.id !== 'S3'), { [SPB]: ['S1', 'S2'], [PBI]: ['s4'] }, []],
		['a live subscription the directory does not name is reported, not counted as 0', subscriptions, { [SPB]: ['S1', 'S2'], [PBI]: ['s4'] }, ['S3']],
		['an ended one missing from the directory is not a problem', [...subscriptions.slice(0, 2), { id: 'S9', offerName: 'Old', status: 'expired' }], { [SPB]: ['S1', 'S2'], [PBI]: [] }, []],
		['a name equal to the product name does not map without the directory', [subscriptions[0]], { [SPB]: [], [PBI]: [] }, ['S1']],
	])('%s', (_name, given, expected, unmapped) => {
		const mapping = subscriptionsBySku(licenses, given, _name.startsWith('a name') ? [] : directory);
		expect(Object.fromEntries([...mapping.bySku].map(([sku, list]) => [sku, list.map((s) => s.id)]))).toEqual(expected);
		expect(mapping.unmapped.map((s) => s.id)).toEqual(unmapped);
	});

	test.each([
		['live: reported by name, id and SKU', 'active', ['S5']],
		['suspended is still live: reported', 'suspended', ['S5']],
		['ended: changes no quantity, not reported', 'expired', []],
	])('a subscription whose directory SKU is not among the subscribed SKUs is never dropped silently (%s)', (_name, status, expected) => {
		const teams = { id: 'S5', friendlyName: 'Teams rooms (sales)', offerName: 'Teams Rooms Pro', quantity: 3, status };
		const mapping = subscriptionsBySku(licenses, [subscriptions[0], teams], [...directory, { id: 'dir-5', commerceSubscriptionId: 'S5', skuId: '4CDE982A-EDE4-4409-9AE6-B003453C8EA6', skuPartNumber: 'Microsoft_Teams_Rooms_Pro' }]);
		expect(mapping.outsideSkus.map((entry) => entry.subscription.id)).toEqual(expected);
		expect(mapping.unmapped).toEqual([]);
		expect([...mapping.bySku.values()].flat().map((s) => s.id)).toEqual(['S1']);
		if (expected.length > 0) {
			expect(outsideSkuWarning(mapping.outsideSkus[0])).toBe(
				'Partner Center subscription "Teams rooms (sales)" (S5, quantity 3) belongs to SKU Microsoft_Teams_Rooms_Pro (4cde982a-ede4-4409-9ae6-b003453c8ea6), which is not among the tenant\'s subscribed SKUs: its quantity is in no license',
			);
		}
	});

	test('users: sorted, de-duplicated UPNs for each SKU, case-insensitive SKU ids', () => {
		const upns = usersBySku([
			{ id: '1', userPrincipalName: 'zoe@contoso.com', assignedLicenses: [{ skuId: SPB.toUpperCase() }] },
			{ id: '2', userPrincipalName: 'adam@contoso.com', assignedLicenses: [{ skuId: SPB }, { skuId: SPB }] },
			{ id: '3', userPrincipalName: 'shared@contoso.com', assignedLicenses: [] },
		]);
		expect(upns.get(SPB)).toEqual(['adam@contoso.com', 'zoe@contoso.com']);
		expect(upns.size).toBe(1);
	});
});
