import { mailboxRows } from '../../../nodes/MicrosoftPartnerCenter/helpers/mailboxReport';
import { countTokens } from '../../../nodes/MicrosoftPartnerCenter/actions/license/readCounts';

const HEADER = 'Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Recipient Type,Report Period';

describe('mailbox usage report (CSV)', () => {
	test('user and shared mailboxes in both spellings, deleted ones marked, quoted names with commas, BOM and CRLF', () => {
		const csv = `\uFEFF${HEADER}\r\n`
			+ '2026-11-29,ann@contoso.com,"Smith, Ann",False,,2024-01-02,2026-11-28,10,1,1,1,1,0,0,1,False,User,7\r\n'
			+ '2026-11-29,info@contoso.com,"Info ""desk""",False,,2024-01-02,,10,1,1,1,1,0,0,1,False,SharedMailbox,7\r\n'
			+ '2026-11-29,old@contoso.com,Old,True,2026-10-01,2020-01-01,,0,0,,,,0,0,,False,UserMailbox,7\r\n'
			+ '2026-11-29,room1@contoso.com,Room 1,False,,2024-01-02,,0,0,,,,0,0,,False,Room,7\r\n';
		expect(mailboxRows(csv)).toEqual([
			{ userPrincipalName: 'ann@contoso.com', recipientType: 'user', deleted: false },
			{ userPrincipalName: 'info@contoso.com', recipientType: 'shared', deleted: false },
			{ userPrincipalName: 'old@contoso.com', recipientType: 'user', deleted: true },
			{ userPrincipalName: 'room1@contoso.com', recipientType: 'other', deleted: false },
		]);
	});

	test('an empty report is no mailboxes; a report without Recipient Type cannot tell user from shared and fails', () => {
		expect(mailboxRows(`${HEADER}\n`)).toEqual([]);
		expect(() => mailboxRows('Report Refresh Date,User Principal Name,Is Deleted\n2026-11-29,ann@contoso.com,False\n')).toThrow(/no "Recipient Type" column/);
	});
});

describe('count tokens in what the links hold', () => {
	test.each([
		['text list', 'SPE_E3, count:licensedUsers; count:group:abc\ncount:mailboxes:user', ['count:licensedUsers', 'count:group:abc', 'count:mailboxes:user']],
		['JSON array text', '["05e9a617-0261-4cee-bb44-138d3ef5d965","SPE_E3@city=paris"]', ['SPE_E3@city=paris']],
		['several links (array of lists), duplicates once', ['count:licensedUsers', '["count:licensedUsers", "SPE_E3"]'], ['count:licensedUsers']],
		['nothing', '', []],
	])('%s', (_name, value, expected) => {
		expect(countTokens(value)).toEqual(expected);
	});
});
