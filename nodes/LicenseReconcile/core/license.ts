import { count, optionalNumber, optionalString, parseRow, requiredString, type Parsed } from './fields';
import type { License, LicenseSubscription, Row } from './types';

function subscriptions(row: Row): LicenseSubscription[] | null {
	const list = row.subscriptions;
	if (!Array.isArray(list)) return null;
	return list
		.filter((s): s is Row => typeof s === 'object' && s !== null)
		.map((s, i) => ({
			id: optionalString(s, 'id') ?? '',
			term: optionalString(s, 'term')?.toUpperCase() ?? null,
			billingCycle: optionalString(s, 'billingCycle'),
			// Named with its place in the list, so the person fixing it finds it.
			quantity: count(s, 'quantity', 0, `subscriptions[${i}].quantity`),
			status: optionalString(s, 'status')?.toLowerCase() ?? null,
			commitmentEndDate: optionalString(s, 'commitmentEndDate'),
		}));
}

/** Usernames as UPN strings, or user objects carrying userPrincipalName. */
function users(row: Row): string[] | null {
	const list = row.users;
	if (!Array.isArray(list)) return null;
	return list
		.map((u) =>
			typeof u === 'string' ? u : typeof u === 'object' && u !== null ? (u as Row).userPrincipalName : null,
		)
		.filter((u): u is string => typeof u === 'string' && u.trim() !== '')
		.map((u) => u.trim());
}

export function parseLicense(row: Row): Parsed<License> {
	return parseRow(() => ({
		tenantId: requiredString(row, 'tenantId').toLowerCase(),
		tenantName: optionalString(row, 'tenantName'),
		skuId: requiredString(row, 'skuId').toLowerCase(),
		skuPartNumber: optionalString(row, 'skuPartNumber'),
		productName: optionalString(row, 'productName'),
		purchased: count(row, 'purchased', 0),
		assigned: count(row, 'assigned', 0),
		// May be negative (more assigned than bought); the description shows 0 then.
		unassigned: optionalNumber(row, 'unassigned'),
		subscriptions: subscriptions(row),
		users: users(row),
	}));
}
