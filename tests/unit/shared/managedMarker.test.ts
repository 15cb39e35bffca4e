import { isManagedSerial, isProrateSerial, sameSerial } from '../../../nodes/shared/managedMarker';

describe('serial-number markers', () => {
	test.each([
		['m365-license-sync', true, false],
		['  M365-License-Sync ', true, false],
		['m365-license-sync-prorate', false, true],
		[' M365-LICENSE-SYNC-PRORATE ', false, true],
		['m365-license-sync-prorate#0a1b2c3d', false, true],
		['m365-license-sync-prorated', false, false],
		['m365-license-sync2', false, false],
		['', false, false],
		[null, false, false],
	])('%j → managed %s, prorate %s', (serial, managed, prorate) => {
		expect(isManagedSerial(serial)).toBe(managed);
		expect(isProrateSerial(serial)).toBe(prorate);
	});

	test('the same serial whatever the case and spaces; empty never matches', () => {
		expect(sameSerial('m365-license-sync-prorate#0A1B2C3D', ' m365-license-sync-prorate#0a1b2c3d')).toBe(true);
		expect(sameSerial('m365-license-sync-prorate#0a1b2c3d', 'm365-license-sync-prorate#0a1b2c3e')).toBe(false);
		expect(sameSerial('', '')).toBe(false);
	});
});
