import { findSku, isFreeTrialOrSelfServiceSku, productNameOf, SKU_COUNT } from '../../../nodes/shared/skuCatalogue';

describe('SKU catalogue', () => {
	test('has Microsoft\'s table (hundreds of SKUs)', () => {
		expect(SKU_COUNT).toBeGreaterThan(400);
	});
	test.each([
		['05e9a617-0261-4cee-bb44-138d3ef5d965', 'SPE_E3', 'Microsoft 365 E3'],
		['05E9A617-0261-4CEE-BB44-138D3EF5D965', 'SPE_E3', 'Microsoft 365 E3'],
		['O365_BUSINESS_PREMIUM', 'O365_BUSINESS_PREMIUM', 'Microsoft 365 Business Standard'],
		['spb', 'SPB', 'Microsoft 365 Business Premium'],
	])('%s', (key, part, name) => {
		expect(findSku(key)).toMatchObject({ skuPartNumber: part, productName: name });
	});
	test('unknown SKUs fall back to what the API said', () => {
		expect(findSku('00000000-0000-0000-0000-000000000000')).toBeUndefined();
		expect(productNameOf('00000000-0000-0000-0000-000000000000', 'NEW_SKU_2027')).toBe('NEW_SKU_2027');
		expect(productNameOf(undefined, 'SPE_E3')).toBe('Microsoft 365 E3');
	});
	test.each([
		['FLOW_FREE', true],
		['POWER_BI_STANDARD', true],
		['POWERAPPS_VIRAL', true],
		['SPE_E3', false],
		['O365_BUSINESS_ESSENTIALS', false],
	])('free/trial/self-service %s → %p', (part, expected) => {
		expect(isFreeTrialOrSelfServiceSku(part)).toBe(expected);
	});
});
