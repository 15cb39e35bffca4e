/**
 * The summary of a contact sync (the contact sync form's "Summary"): what the PSA writes came to,
 * and which contacts this workflow created belong to users who left, each with the PSA it was
 * created in (contact ids repeat across PSAs, so the id alone never says where to deactivate).
 * Only a tenant whose users were read this time can tell who left: a failed read is never "no users".
 */
import { psaOfRow } from './scope';

/** A Data Table row or an item's json: any fields. */
type Row = Record<string, unknown>;

export interface ContactSyncInput {
	/** What each PSA answered per contact (created/updated/unchanged), or `{ error }` (also a company in an unknown PSA). */
	results: Row[];
	/** What Microsoft Partner Center → User → Get Many gave: users (with tenantId) and failure items (`error`). */
	users: Row[];
	/** The users synced this time (tenantId, email): their recorded contacts are not leavers. */
	contacts: Row[];
	/** The rows of m365_synced_contacts: the contacts this workflow created. */
	synced: Row[];
	deactivateLeavers: boolean;
}

export interface ContactLeaver {
	/** The m365_synced_contacts row, to mark. */
	id: number;
	contactId: number;
	email: string;
	tenantId: string;
	companyId: number;
	/** The PSA the contact was created in, lower case; one it does not know is kept as written (reported, never read as another). */
	psa: string;
}

export interface ContactSyncSummary {
	created: number;
	updated: number;
	unchanged: number;
	failed: string[];
	/** Tenants whose users could not be read: their contacts were left alone. */
	unread: Array<{ tenantId: string | null; error: string }>;
	leavers: ContactLeaver[];
	deactivateLeavers: boolean;
}

const idOf = (value: unknown): string => String(value ?? '').trim().toLowerCase();
const failed = (row: Row): boolean => row.error !== undefined && row.error !== null && row.error !== '';

/** The tenant a failure item names (on top, or in its details on the error output); '' when none. */
function tenantOfFailure(row: Row): string {
	const details = row.details !== null && typeof row.details === 'object' ? (row.details as Row) : {};
	return idOf(row.tenantId) || idOf(details.tenantId);
}

export function summarizeContactSync(input: ContactSyncInput): ContactSyncSummary {
	const count = (result: string) => input.results.filter((row) => !failed(row) && row.result === result).length;
	const failures = input.users.filter(failed);
	const unreadTenants = new Set(failures.map(tenantOfFailure));
	// A failure naming no tenant could be any tenant's: then no tenant can tell who left.
	const readTenants = unreadTenants.has('') ? new Set<string>() : new Set(input.users.filter((row) => !failed(row)).map((row) => idOf(row.tenantId)).filter((id) => id !== '' && !unreadTenants.has(id)));
	const key = (row: Row) => `${idOf(row.tenantId)}|${idOf(row.email)}`;
	const seen = new Set(input.contacts.map(key));
	const leavers = input.synced
		.filter((row) => row.status === 'active' && idOf(row.email) !== '' && readTenants.has(idOf(row.tenantId)) && !seen.has(key(row)))
		.map((row) => ({
			id: Number(row.id),
			contactId: Number(row.contactId),
			email: String(row.email),
			tenantId: String(row.tenantId),
			companyId: Number(row.companyId),
			// A row from before the psa column is ConnectWise's, as everywhere in the forms (they cannot see the core's defaultPsa).
			psa: psaOfRow(row, 'connectwise'),
		}));
	return {
		created: count('created'),
		updated: count('updated'),
		unchanged: count('unchanged'),
		failed: input.results.filter(failed).map((row) => String(row.error)),
		unread: failures.map((row) => ({ tenantId: tenantOfFailure(row) || null, error: String(row.error) })),
		leavers,
		deactivateLeavers: input.deactivateLeavers,
	};
}
