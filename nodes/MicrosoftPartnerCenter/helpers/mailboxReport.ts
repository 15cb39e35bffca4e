/**
 * Graph's mailbox usage report (`GET /v1.0/reports/getMailboxUsageDetail(period='D7')`, CSV)
 * → mailbox rows. Its "Recipient Type" column tells user from shared mailboxes (written as
 * User/Shared or UserMailbox/SharedMailbox); without it the report cannot say which is which,
 * so the read fails rather than counting every mailbox. Pure.
 */
import { parseCsv } from './csv';
import type { MailboxRow, MailboxType } from './counts';

const TRUE = new Set(['true', 'yes']);

function recipientType(value: string): MailboxType {
	const text = value.trim().toLowerCase().replace(/mailbox$/, '');
	return text === 'user' ? 'user' : text === 'shared' ? 'shared' : 'other';
}

export function mailboxRows(csv: string): MailboxRow[] {
	const rows = parseCsv(csv);
	if (rows.length === 0) return [];
	if (!('User Principal Name' in rows[0])) throw new Error('The mailbox usage report has no "User Principal Name" column');
	if (!('Recipient Type' in rows[0])) {
		throw new Error('The mailbox usage report has no "Recipient Type" column, so user and shared mailboxes cannot be told apart');
	}
	return rows.map((row) => ({
		userPrincipalName: row['User Principal Name'].trim(),
		recipientType: recipientType(row['Recipient Type']),
		deleted: TRUE.has((row['Is Deleted'] ?? '').trim().toLowerCase()),
	}));
}
