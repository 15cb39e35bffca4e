/**
 * The links a link preview counts on its agreement (Setup Form → Link Licenses: Links of the
 * Agreement): agreement ids repeat across PSAs, so only links of companies in the new link's PSA.
 */
import { agreementLinks } from '../../../nodes/SetupForm/core';

const CW = 'aaaaaaaa-0000-4000-8000-000000000001';
const CW_OLD = 'aaaaaaaa-0000-4000-8000-000000000002';
const AT = 'bbbbbbbb-0000-4000-8000-000000000001';
const AT2 = 'bbbbbbbb-0000-4000-8000-000000000002';
const SPLIT = 'cccccccc-0000-4000-8000-000000000001';

// Company 40 exists in both PSAs (ids are each PSA's own); one ConnectWise row names no PSA.
const MAP = [
	{ tenantId: CW, companyId: 40, psa: 'connectwise' },
	{ tenantId: CW_OLD, companyId: 41, psa: '' },
	{ tenantId: AT, companyId: 40, psa: 'autotask' },
	{ tenantId: AT2, companyId: 42, psa: 'Autotask' },
	{ tenantId: SPLIT, companyId: 43, psa: 'autotask' },
	{ tenantId: SPLIT, companyId: 44, psa: 'connectwise' },
];
const link = (tenantId: string, skuIds: string, agreementId: number, companyId?: number) => ({ tenantId, skuIds, agreementId, ...(companyId === undefined ? {} : { companyId }) });

describe('links of the agreement', () => {
	it('an Autotask contract counts only Autotask links of its id, never a ConnectWise link of the same id', () => {
		const links = [link(CW, 'e3', 7, 40), link(CW_OLD, 'e5', 7), link(AT2, 'bp', 7, 42), link(AT2, 'other', 8, 42)];
		const added = link(AT, 'e3', 7, 40);
		expect(agreementLinks(added, 'autotask', links, MAP)).toEqual([link(AT2, 'bp', 7, 42), added]);
	});

	it('a ConnectWise agreement counts ConnectWise links, a row naming no PSA among them, never the Autotask contract of the same id', () => {
		const links = [link(CW_OLD, 'e5', 7), link(AT, 'e3', 7, 40), link(AT2, 'bp', 7)];
		const added = link(CW, 'e3', 7, 40);
		expect(agreementLinks(added, 'connectwise', links, MAP)).toEqual([link(CW_OLD, 'e5', 7), added]);
	});

	it('the link being replaced (same tenant and licenses, any letter case of the tenant) is the new one, counted once', () => {
		const added = link(AT, 'e3', 7, 40);
		expect(agreementLinks(added, 'autotask', [link(AT.toUpperCase(), 'e3', 7, 40), link(AT, 'e5', 7, 40)], MAP)).toEqual([link(AT, 'e5', 7, 40), added]);
	});

	it('a split tenant\'s link is placed by the company it names; a link the sync cannot place (unmapped, or naming no company of a split tenant) writes no line here', () => {
		const links = [link(SPLIT, 'e3', 7, 43), link(SPLIT, 'e5', 7, 44), link(SPLIT, 'bp', 7), link('dddddddd-0000-4000-8000-000000000009', 'e3', 7), { tenantId: '', skuIds: 'x', agreementId: 7 }];
		const added = link(AT2, 'e3', 7, 42);
		expect(agreementLinks(added, 'autotask', links, MAP)).toEqual([link(SPLIT, 'e3', 7, 43), added]);
	});
});
