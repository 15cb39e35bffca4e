/**
 * The links a link preview counts on its agreement (Setup Form → Link Licenses: Links of the
 * Agreement): agreement ids repeat across PSAs, so only links of companies in the new link's PSA.
 */
import { agreementClash, agreementLinks, previewPage } from '../../../nodes/SetupForm/core';

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

describe('an agreement id linked in both PSAs', () => {
	it('the preview says the sync bills neither link, before the link is saved', () => {
		const added = link(AT, 'e3', 7, 40);
		const clash = agreementClash(added, 'autotask', [link(CW, 'e5', 7, 40), link(AT2, 'bp', 7, 42)], MAP);
		expect(clash).toMatch(/^Id 7 is also linked for a company in ConnectWise\. .*the sync bills neither link/);
		// Only the same PSA, another agreement id, or a link the sync cannot place: no clash.
		expect(agreementClash(added, 'autotask', [link(AT2, 'bp', 7, 42), link(CW, 'e5', 8, 40), link('dddddddd-0000-4000-8000-000000000009', 'e3', 7)], MAP)).toBeNull();
		const plan = [{ action: 'create', tenantId: AT, skuIds: 'e3', agreementId: 7, quantity: 3, currentQuantity: null, productIdentifier: 'E3', lessIncluded: 0, effectiveDate: '2026-12-01', invoiceDescription: 'E3', reasons: [] }];
		const page = previewPage(plan, { ...added, quantityBasis: 'assigned', minimumQuantity: 0, prorate: 'off', showUsernames: false, showUnassigned: false } as never, [], [], 'autotask', clash!);
		const html = String((JSON.parse(page.fields) as Array<{ html?: string }>)[0].html);
		expect(html.startsWith('<p><b>The sync will not bill this link:</b>')).toBe(true);
		expect(html).toContain('Id 7 is also linked for a company in ConnectWise');
	});
});
