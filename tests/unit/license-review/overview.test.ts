import { overviewStep, type OverviewSession, type OverviewStep } from '../../../nodes/LicenseReview/core';
import type { OverviewInput } from '../../../nodes/LicenseReview/core/overview';
import type { FormPage } from '../../../nodes/LicenseReview/core/types';
import { escapeHtml } from '../../../nodes/LicenseReview/core/html';
import { tenant } from './fixtures';

const SKU_BP = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const SKU_E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const SKU_V = 'e43b5b99-8dfb-405f-9987-dc307f34bcbd';

const base: OverviewInput = {
	session: null,
	event: {},
	companyMap: [
		{ tenantId: tenant(1), tenantName: 'Contoso <Main>', defaultDomain: 'contoso.onmicrosoft.com', companyId: 250, companyName: 'Contoso & Co' },
		{ tenantId: tenant(2), tenantName: 'Contoso Labs', companyId: 250, companyName: 'Contoso & Co' },
		{ tenantId: tenant(3), tenantName: 'Fabrikam', companyId: 251, companyName: 'Fabrikam Inc' },
		{ tenantId: tenant(4), tenantName: 'Contoso Pharma', companyId: 252, companyName: 'Contoso Pharma' },
	],
	links: [
		{ id: 11, tenantId: tenant(1), skuIds: SKU_BP, companyId: 250, agreementId: 506, billingProfile: 'M365 BP', includedQuantity: 0, minimumQuantity: 0 },
		{ id: 12, tenantId: tenant(2), skuIds: `${SKU_E3}`, companyId: 250, agreementId: 507, billingProfile: 'E3', doNotBill: true },
		{ id: 13, tenantId: tenant(3), skuIds: SKU_BP, companyId: 251, agreementId: 600, billingProfile: 'M365 BP' },
	],
	approvals: [{ key: 'k', status: 'pending', agreementId: 506, product: 'M365-BP', currentQuantity: 40, quantity: 12, companyId: 250 }],
	audit: [
		{ time: '2026-11-30T06:00:00.000Z', status: 'applied', action: 'update', agreementId: 506, product: 'M365-BP', before: JSON.stringify({ quantity: 10, lessIncluded: 0, invoiceDescription: 'x' }), after: JSON.stringify({ quantity: 40 }) },
		{ time: '2026-11-29T06:00:00.000Z', status: 'applied', action: 'create', agreementId: 506, product: 'M365-BP', before: null, after: '10' },
	],
	licenses: [
		{ tenantId: tenant(1), skuId: SKU_BP, skuPartNumber: 'SPB', productName: 'Microsoft 365 Business Premium', purchased: 45, assigned: 40, unassigned: 5 },
		{ tenantId: tenant(1), skuId: SKU_V, skuPartNumber: 'VISIOCLIENT', productName: 'Visio Plan 2', purchased: 3, assigned: 1, unassigned: 2 },
		{ error: 'Forbidden: no GDAP role', details: { tenantId: tenant(2) }, tenantId: tenant(2) },
		{ tenantId: tenant(3), skuId: SKU_BP, productName: 'Microsoft 365 Business Premium', purchased: 9, assigned: 9, unassigned: 0 },
	],
	lines: [
		{ agreementId: 506, additionId: 9001, productIdentifier: 'M365-BP', quantity: 40, managed: true, cancelledDate: null },
		{ agreementId: 506, additionId: 9002, productIdentifier: 'M365-BP', quantity: 2, managed: false, cancelledDate: null },
		{ agreementId: 507, additionId: 9003, productIdentifier: 'M365-E3', quantity: 7, managed: true, cancelledDate: null },
	],
	profiles: [{ name: 'M365 BP', productIdentifier: 'M365-BP' }, { name: 'E3', productIdentifier: 'M365-E3' }],
	syncResult: null,
};

const run = (session: OverviewSession | null, event: Record<string, unknown>, extra: Partial<OverviewInput> = {}): OverviewStep => overviewStep({ ...base, ...extra, session, event });
function page(result: OverviewStep): { page: FormPage; session: OverviewSession } {
	if (result.next !== 'page') throw new Error(`expected a page, got ${result.next}: ${JSON.stringify(result).slice(0, 300)}`);
	return result;
}
const field = (p: FormPage, name: string) => p.fields.find((f) => f.fieldName === name)!;
const options = (p: FormPage, name: string) => field(p, name).fieldOptions!.values.map((v) => v.option);
/** The overview of Contoso & Co, as reached by typing its full name. */
function contoso(): { page: FormPage; session: OverviewSession } {
	const read = run(null, { company: 'contoso & co' });
	if (read.next !== 'read') throw new Error(read.next);
	return page(run(read.session, {}));
}

describe('company overview: finding the company', () => {
	test.each([
		{ typed: 'contoso', expect: 'pick', options: ['Contoso & Co (2 tenants)', 'Contoso Pharma (1 tenant)', 'None of these: search again'] },
		{ typed: 'fabri', expect: 'read', companyId: 251 },
		{ typed: 'contoso.onmicrosoft', expect: 'read', companyId: 250 },
		{ typed: 'Contoso Pharma', expect: 'read', companyId: 252 },
		{ typed: 'northwind', expect: 'find' },
	])('typing "$typed"', ({ typed, expect: next, options: offered, companyId }) => {
		const result = run(null, { company: typed });
		if (next === 'read') {
			expect(result).toMatchObject({ next: 'read', read: { companyId } });
		} else if (next === 'pick') {
			expect(options(page(result).page, 'company')).toEqual(offered);
		} else {
			expect(page(result).page.title).toBe('Find a company');
			expect(field(page(result).page, 'note').html).toContain('No mapped company matches &quot;northwind&quot;');
		}
	});

	it('picking from the list reads that company: its tenants and linked agreements', () => {
		const pick = page(run(null, { company: 'contoso' }));
		expect(run(pick.session, { company: 'Contoso & Co (2 tenants)' })).toMatchObject({ next: 'read', read: { companyId: 250, tenants: [{ tenantId: tenant(1) }, { tenantId: tenant(2) }], agreements: [{ agreementId: 506 }, { agreementId: 507 }] } });
		expect(page(run(pick.session, { company: 'None of these: search again' })).page.title).toBe('Find a company');
	});
});

describe('company overview: the license table', () => {
	const { page: overview } = contoso();
	const table = field(overview, 'licenses').html!;
	const rows = table.split('<tr').slice(2);

	it('shows each license with Microsoft counts, its agreement line, profile, PSA quantity, held changes and last sync', () => {
		const bp = rows.find((row) => row.includes('Microsoft 365 Business Premium'))!;
		for (const text of ['Contoso &lt;Main&gt;', '<td>45</td><td>40</td><td>5</td>', 'agreement #506, line 9001 (M365-BP)', 'M365 BP', '40 → 12 (1 waiting)', '2026-11-30 06:00: applied update 10 → 40']) expect(bp).toContain(text);
	});

	it('highlights a license no link bills, and a link whose licenses could not be read', () => {
		const visio = rows.find((row) => row.includes('Visio Plan 2'))!;
		expect(visio).toMatch(/^><td><em><b>Visio Plan 2<\/b><\/em><\/td>/);
		expect(visio).toContain('Not linked');
		const failed = rows.find((row) => row.includes('could not read the licenses'))!;
		expect(failed).toContain('Forbidden: no GDAP role');
		expect(failed).toContain('E3 (do not bill)');
		expect(failed).toMatch(/^><td><em>/);
		// Linked licenses are not highlighted.
		expect(rows.filter((row) => row.includes('<em>'))).toHaveLength(2);
	});

	it('escapes what people typed and shows no GUID in a label or option', () => {
		expect(overview.title).toBe('Contoso & Co: licenses');
		expect(field(overview, 'about').html).toContain('Contoso &lt;Main&gt;');
		const labels = [overview.title, ...overview.fields.map((f) => f.fieldLabel), ...overview.fields.flatMap((f) => (f.fieldOptions?.values ?? []).map((v) => v.option))];
		for (const label of labels) expect(label).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
		expect(options(overview, 'license')).toEqual(['(no license)', 'Microsoft 365 Business Premium → agreement #506 (M365 BP)', 'M365-E3 → agreement #507 (E3), do not bill']);
	});

	it('does not show another company\'s licenses or lines', () => {
		expect(table).not.toContain('agreement #600');
		expect(escapeHtml('a<b')).toBe('a&lt;b');
	});
});

describe('company overview: actions', () => {
	const { session } = contoso();
	const bp = 'Microsoft 365 Business Premium → agreement #506 (M365 BP)';
	test.each([
		{ action: 'Unlink the license chosen below', write: { op: 'delete', id: '11', values: {} }, note: /^Unlinked: Microsoft 365 Business Premium on agreement #506/ },
		{ action: 'Mark the license chosen below do-not-bill', write: { op: 'update', id: '11', values: { doNotBill: true } }, note: /^Marked do-not-bill/ },
		{ action: 'Bill the license chosen below again', write: { op: 'update', id: '11', values: { doNotBill: false } }, note: /^Billed again/ },
	])('$action', ({ action, write, note }) => {
		const result = run(session, { action, license: bp });
		expect(result).toMatchObject({ next: 'write', write });
		expect(result.session?.note).toMatch(note);
		// After the write the company is read again and the note shown on the overview.
		const again = run(result.session as OverviewSession, {});
		expect(again).toMatchObject({ next: 'read', read: { companyId: 250 } });
		expect(field(page(run(again.session as OverviewSession, {})).page, 'about').html).toMatch(/<b>(Unlinked|Marked|Billed)/);
	});

	it('a license action without a license chosen asks for it', () => {
		const result = run(session, { action: 'Unlink the license chosen below', license: '(no license)' });
		expect(result).toMatchObject({ next: 'read', session: { note: 'Choose the license in the License list first, then the action.' } });
	});

	it('edit: the link\'s seats and basis, checked, then written', () => {
		const edit = page(run(session, { action: 'Edit the link of the license chosen below', license: bp }));
		expect(edit.page.title).toBe('Edit the link');
		expect(field(edit.page, 'included').defaultValue).toBe(0);
		const bad = page(run(edit.session, { basis: 'Assigned seats', included: '-1', minimum: '2' }));
		expect(field(bad.page, 'note').html).toContain('whole numbers');
		expect(run(edit.session, { basis: 'Assigned seats', included: '2', minimum: 5 })).toMatchObject({ next: 'write', write: { op: 'update', id: '11', values: { includedQuantity: 2, minimumQuantity: 5, quantityBasis: 'assigned' } } });
	});

	it('Sync now runs the core for this company and shows what it did, or that another sync runs', () => {
		const sync = run(session, { action: 'Sync now for this company' });
		expect(sync).toMatchObject({ next: 'sync', sync: { companyId: 250 } });
		const done = run(sync.session as OverviewSession, {}, { syncResult: { status: 'ran', counts: { create: 1, update: 2, unchanged: 3, needsApproval: 1, notSynced: 0, failed: 0 } } });
		expect(done).toMatchObject({ next: 'read', session: { note: 'Sync finished: 3 line(s) written, 3 unchanged, 1 held for approval, 0 not synced, 0 failed.' } });
		const busy = run(sync.session as OverviewSession, {}, { syncResult: { status: 'busy', message: 'Another sync is running.' } });
		expect(busy).toMatchObject({ next: 'read', session: { note: 'Another sync is running.' } });
	});

	it('close ends, another company starts over, an abandoned page ends quietly', () => {
		expect(run(session, { action: 'Close' })).toMatchObject({ next: 'end', end: { title: 'Overview closed' } });
		expect(page(run(session, { action: 'Look at another company' })).page.title).toBe('Find a company');
		expect(run(session, { next: 'page', page: {}, session }).next).toBe('abandoned');
	});
});

describe('company overview: companies in ConnectWise and Autotask (company ids and agreement ids are per PSA)', () => {
	// Northwind lives in Autotask; its contract 506 is not Contoso's ConnectWise agreement 506.
	const northwind = { tenantId: tenant(5), tenantName: 'Northwind', companyId: 260, companyName: 'Northwind Traders', psa: 'autotask' };
	const both: Partial<OverviewInput> = {
		companyMap: [...base.companyMap, northwind],
		links: [...base.links, { id: 21, tenantId: tenant(5), skuIds: SKU_BP, companyId: 260, agreementId: 506, billingProfile: 'M365 BP' }],
		licenses: [...base.licenses, { tenantId: tenant(5), skuId: SKU_BP, productName: 'Microsoft 365 Business Premium', purchased: 3, assigned: 3, unassigned: 0 }],
		lines: [...base.lines, { psa: 'autotask', agreementId: 506, additionId: 77, productIdentifier: 'M365-BP', quantity: 3, managed: true, cancelledDate: null }],
	};
	const overviewOf = (typed: string, extra: Partial<OverviewInput> = both) => {
		const read = run(null, { company: typed }, extra);
		if (read.next !== 'read') throw new Error(read.next);
		return { read, shown: page(run(read.session, {}, extra)).page };
	};

	it('an Autotask company reads its contracts in Autotask and shows its contract services, not the ConnectWise agreement of the same id', () => {
		const { read, shown } = overviewOf('northwind');
		expect(read).toMatchObject({ read: { companyId: 260, psa: 'autotask', tenants: [{ tenantId: tenant(5) }], agreements: [{ agreementId: 506, psa: 'autotask' }] } });
		const table = field(shown, 'licenses').html!;
		expect(table).toContain('agreement #506, line 77 (M365-BP)');
		expect(table).not.toContain('9001');
		expect(field(shown, 'about').html).toContain('Billed in Autotask.');
	});

	it('a ConnectWise company never shows Autotask lines of its agreement ids, nor an Autotask read failure', () => {
		const failed: Partial<OverviewInput> = { ...both, lines: [...both.lines!, { psa: 'autotask', error: 'Autotask refused the API user' }] };
		const { read, shown } = overviewOf('contoso & co', failed);
		expect(read).toMatchObject({ read: { companyId: 250, psa: 'connectwise', agreements: [{ agreementId: 506, psa: 'connectwise' }, { agreementId: 507, psa: 'connectwise' }] } });
		const table = field(shown, 'licenses').html!;
		expect(table).toContain('agreement #506, line 9001 (M365-BP)');
		expect(table).not.toContain('line 77');
		expect(table).not.toContain('Autotask refused');
		expect(field(shown, 'about').html).toContain('Billed in ConnectWise.');
		// The Autotask company's read failed as a whole: it says so, never "no line".
		expect(field(overviewOf('northwind', failed).shown, 'licenses').html).toContain('agreement #506: could not read its lines (Autotask refused the API user)');
	});

	it('the same company name and id in both PSAs are two companies, told apart by their PSA', () => {
		const twin = { tenantId: tenant(6), tenantName: 'Contoso moved', companyId: 250, companyName: 'Contoso & Co', psa: 'autotask' };
		const extra: Partial<OverviewInput> = { companyMap: [...base.companyMap, twin] };
		const pick = page(run(null, { company: 'contoso & co' }, extra));
		expect(options(pick.page, 'company')).toEqual(['Contoso & Co [Autotask 250] (1 tenant)', 'Contoso & Co [ConnectWise 250] (2 tenants)', 'None of these: search again']);
		expect(run(pick.session, { company: 'Contoso & Co [Autotask 250] (1 tenant)' }, extra)).toMatchObject({ next: 'read', read: { companyId: 250, psa: 'autotask', tenants: [{ tenantId: tenant(6) }], agreements: [] } });
		expect(run(pick.session, { company: 'Contoso & Co [ConnectWise 250] (2 tenants)' }, extra)).toMatchObject({ next: 'read', read: { psa: 'connectwise', tenants: [{ tenantId: tenant(1) }, { tenantId: tenant(2) }] } });
	});

	it('a row naming no PSA is ConnectWise\'s (as in the other forms); a row\'s psa is read trimmed and in any case', () => {
		expect(run(null, { company: 'fabri' })).toMatchObject({ read: { psa: 'connectwise', agreements: [{ agreementId: 600, psa: 'connectwise' }] } });
		const extra: Partial<OverviewInput> = { companyMap: base.companyMap.map((row) => (row.companyId === 251 ? { ...row, psa: ' Autotask ' } : row)) };
		expect(run(null, { company: 'fabri' }, extra)).toMatchObject({ read: { psa: 'autotask', agreements: [{ agreementId: 600, psa: 'autotask' }] } });
	});

	it('a company in a PSA the sync does not know is read nowhere, and the page says why', () => {
		const extra: Partial<OverviewInput> = { companyMap: base.companyMap.map((row) => (row.companyId === 251 ? { ...row, psa: 'halo' } : row)) };
		const { read, shown } = overviewOf('fabri', extra);
		expect(read).toMatchObject({ read: { psa: 'halo', agreements: [] } });
		expect(field(shown, 'about').html).toContain('This company is in PSA &quot;halo&quot;');
	});

	it('a link whose tenant is mapped in both PSAs and that names no company is shown, but its agreement is read in neither', () => {
		const moved = { ...northwind, tenantId: tenant(3) };
		const extra: Partial<OverviewInput> = { companyMap: [...base.companyMap, moved], links: base.links.map((link) => (link.id === 13 ? { ...link, companyId: null } : link)) };
		const { read, shown } = overviewOf('fabri', extra);
		expect(read).toMatchObject({ read: { companyId: 251, agreements: [] } });
		expect(field(shown, 'licenses').html).toContain('agreement #600: not read, and not billed by the sync: its tenant is mapped to 2 companies and the link names none');
		expect(overviewOf('northwind', extra).read).toMatchObject({ read: { companyId: 260, agreements: [] } });
	});
});
