/**
 * The contact sync's summary (Sync Run → Contact Sync Summary): the counts the Done page shows and
 * the leavers the form deactivates, each in the PSA its contact was created in.
 */
import { summarizeContactSync, type ContactSyncInput } from '../../../nodes/SyncRun/core';

const CW_TENANT = '11111111-1111-4111-8111-111111111111';
const AT_TENANT = '22222222-2222-4222-8222-222222222222';
const OLD_TENANT = '33333333-3333-4333-8333-333333333333';

const user = (tenantId: string, email: string) => ({ tenantId, userId: email, mail: email });
const synced = (id: number, tenantId: string, contactId: number, email: string, psa: string | null, status = 'active') => ({ id, tenantId, companyId: 100 + id, contactId, email, status, psa });
const input = (values: Partial<ContactSyncInput>): ContactSyncInput => ({ results: [], users: [], contacts: [], synced: [], deactivateLeavers: true, ...values });

describe('contact sync summary', () => {
	it('deactivates a leaver only in the PSA it was created in, though the other PSA has a contact of the same id', () => {
		const users = [user(CW_TENANT, 'stays@cw.example'), user(AT_TENANT, 'stays@at.example')];
		const summary = summarizeContactSync(input({
			users,
			contacts: users.map((u) => ({ tenantId: u.tenantId, email: u.mail })),
			// Contact 7 is a ConnectWise contact and an Autotask contact; only the Autotask one's user left.
			synced: [synced(1, CW_TENANT, 7, 'stays@cw.example', 'connectwise'), synced(2, AT_TENANT, 7, 'left@at.example', 'autotask'), synced(3, AT_TENANT, 8, 'stays@at.example', 'autotask')],
		}));
		expect(summary.leavers).toEqual([{ id: 2, contactId: 7, email: 'left@at.example', tenantId: AT_TENANT, companyId: 102, psa: 'autotask' }]);
	});

	it('reads a row naming no PSA (from before the psa column) as ConnectWise, and the PSA in any case', () => {
		const summary = summarizeContactSync(input({
			users: [user(CW_TENANT, 'stays@cw.example')],
			synced: [synced(1, CW_TENANT, 5, 'a@cw.example', null), synced(2, CW_TENANT, 6, 'b@cw.example', ''), synced(3, CW_TENANT, 7, 'c@cw.example', ' AutoTask ')],
		}));
		expect(summary.leavers.map((l) => [l.contactId, l.psa])).toEqual([[5, 'connectwise'], [6, 'connectwise'], [7, 'autotask']]);
	});

	it('deactivates nothing of a tenant whose users could not be read, and says which tenant', () => {
		const summary = summarizeContactSync(input({
			// A split tenant is read once per company: one read answered, the other failed.
			users: [user(CW_TENANT, 'stays@cw.example'), user(AT_TENANT, 'other@at.example'), { error: 'Forbidden: GDAP relationship ended', tenantId: AT_TENANT, details: { tenantId: AT_TENANT } }],
			contacts: [{ tenantId: CW_TENANT, email: 'stays@cw.example' }],
			synced: [synced(1, AT_TENANT, 9, 'x@at.example', 'autotask'), synced(2, CW_TENANT, 10, 'gone@cw.example', 'connectwise')],
		}));
		expect(summary.leavers.map((l) => l.id)).toEqual([2]);
		expect(summary.unread).toEqual([{ tenantId: AT_TENANT, error: 'Forbidden: GDAP relationship ended' }]);
	});

	it('deactivates nothing at all when a failed read names no tenant, nor for a tenant not read this time', () => {
		const summary = summarizeContactSync(input({
			users: [user(CW_TENANT, 'stays@cw.example'), { error: 'The service was not reachable', details: {} }],
			synced: [synced(1, CW_TENANT, 10, 'gone@cw.example', 'connectwise')],
		}));
		expect(summary.leavers).toEqual([]);
		expect(summary.unread).toEqual([{ tenantId: null, error: 'The service was not reachable' }]);
		// A tenant no longer mapped (no users read for it) cannot tell who left either.
		const unmapped = summarizeContactSync(input({ users: [user(CW_TENANT, 'stays@cw.example')], contacts: [{ tenantId: CW_TENANT, email: 'stays@cw.example' }], synced: [synced(1, OLD_TENANT, 11, 'someone@old.example', 'connectwise')] }));
		expect(unmapped.leavers).toEqual([]);
	});

	it('a user still in the tenant, in any letter case, is no leaver; rows already deactivated or left are not again', () => {
		const summary = summarizeContactSync(input({
			users: [user(CW_TENANT, 'Stays@CW.example')],
			contacts: [{ tenantId: CW_TENANT.toUpperCase(), email: 'stays@cw.example' }],
			synced: [synced(1, CW_TENANT, 1, 'STAYS@cw.example', 'connectwise'), synced(2, CW_TENANT, 2, 'old@cw.example', 'connectwise', 'deactivated'), synced(3, CW_TENANT, 3, 'older@cw.example', 'connectwise', 'left')],
		}));
		expect(summary.leavers).toEqual([]);
	});

	it('counts what the PSAs answered; a company in an unknown PSA is failed with its reason, and a leaver there keeps that PSA', () => {
		const unknown = 'company 300 of tenant t is in PSA "halopsa": use connectwise or autotask (m365_company_map psa)';
		const summary = summarizeContactSync(input({
			results: [{ result: 'created', contactId: 1 }, { result: 'created', contactId: 1 }, { result: 'updated', contactId: 2 }, { result: 'unchanged', contactId: 3 }, { error: unknown }, { error: 'Autotask said no' }],
			users: [user(CW_TENANT, 'stays@cw.example')],
			synced: [synced(1, CW_TENANT, 4, 'gone@cw.example', 'halopsa')],
			deactivateLeavers: false,
		}));
		expect(summary).toMatchObject({ created: 2, updated: 1, unchanged: 1, failed: [unknown, 'Autotask said no'], deactivateLeavers: false });
		// Never read as ConnectWise: the form's switch reports it "Not deactivated".
		expect(summary.leavers.map((l) => l.psa)).toEqual(['halopsa']);
	});
});
