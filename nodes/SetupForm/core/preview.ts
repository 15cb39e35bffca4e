/**
 * The link preview: what the next sync does with the new link, seen against the whole agreement
 * (every line on it and which link writes it), why a quantity is 0, and the options in words.
 */
import { escapeHtml, table } from './html';
import { dropdown, html, page, type FormPage } from './fields';
import { basisWords, prorateWords } from './words';
import type { LinkRow } from './linkLicenses';
import { PSA_WORDS } from './linkPsa';

type Row = Record<string, unknown>;

export const SAVE = 'Save';
export const CANCEL = 'Cancel';

const skuKey = (value: unknown): string =>
	(Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((id) => String(id).trim().toLowerCase())
		.filter((id) => id !== '')
		.sort()
		.join(',');

function sameLink(item: Row, link: LinkRow): boolean {
	return String(item.tenantId ?? '').toLowerCase() === link.tenantId.toLowerCase() && Number(item.agreementId) === link.agreementId && skuKey(item.skuIds) === skuKey(link.skuIds);
}

const ACTION_WORDS: Record<string, string> = {
	create: 'A new line is added to the agreement',
	update: 'The line on the agreement is changed',
	unchanged: 'Nothing changes: the line already has these values',
	conflict: 'Not synced: the agreement has several lines for this product',
	skip: 'Not synced',
	readFailed: 'Not synced: something could not be read',
};

/** On Autotask a line is a contract service on a contract. */
const inPsa = (text: string, autotask: boolean): string => (autotask ? text.replace(/several lines/, 'several contract services').replace(/new line/, 'new contract service').replace(/The line/, 'The contract service').replace(/the line/, 'the contract service').replace(/agreement/, 'contract') : text);

function actionWords(item: Row, autotask: boolean): string {
	if (item.action === 'needsApproval') return `Held for approval: ${inPsa(ACTION_WORDS[String(item.proposedAction)] ?? String(item.proposedAction), autotask).toLowerCase()}`;
	return inPsa(ACTION_WORDS[String(item.action)] ?? String(item.action), autotask);
}

/** Why the line bills nothing, in words; null when it bills something. */
export function whyZero(item: Row, link: LinkRow, productName: string): string | null {
	const quantity = Number(item.quantity);
	if (item.quantity === undefined || quantity > 0 && quantity > Number(item.lessIncluded ?? 0)) return null;
	if (quantity === 0) {
		const basis = link.quantityBasis === 'assigned' ? 'assigned to users' : 'purchased';
		return `Microsoft reports no ${productName} licenses ${basis} for this tenant${link.minimumQuantity > 0 ? '' : ', and the minimum quantity is 0'}.`;
	}
	return `All ${quantity} licenses are included (not billed): included quantity ${String(item.lessIncluded)}.`;
}

interface AgreementLine {
	product: string;
	now: string;
	next: string;
	writer: string;
}

/** Every active line on the agreement and who writes it: this link, another link, or nobody (added by hand). */
export function agreementLines(plan: Row[], link: LinkRow, additions: Row[]): AgreementLine[] {
	const ofAgreement = plan.filter((item) => Number(item.agreementId) === link.agreementId && item.action !== 'unlinked');
	const lines: AgreementLine[] = [];
	const covered = new Set<string>();
	const otherTenant = (item: Row): boolean => String(item.tenantId ?? '').toLowerCase() !== link.tenantId.toLowerCase();
	const nextOf = (item: Row): string => otherTenant(item) ? 'not previewed here (another tenant)' : (['create', 'update', 'unchanged'].includes(String(item.action)) ? String(item.quantity) : item.action === 'needsApproval' ? `${String(item.quantity)} after approval` : 'not synced');
	for (const addition of additions.filter((a) => Number(a.agreementId) === link.agreementId && a.additionId && !a.cancelledDate)) {
		const product = String(addition.productIdentifier ?? '');
		const item = addition.managed === true
			? (ofAgreement.find((p) => Number(p.additionId) === Number(addition.additionId)) ?? ofAgreement.find((p) => String(p.productIdentifier ?? '') === product))
			: undefined;
		const writer = addition.managed !== true ? 'added by hand: the sync leaves it alone' : item ? (sameLink(item, link) ? 'this link' : `another link (${String(item.billingProfile ?? '')})`) : 'a link that no longer exists';
		if (item) covered.add(String(item.lineKey ?? item.key));
		lines.push({ product, now: String(addition.quantity ?? ''), next: item ? nextOf(item) : 'unchanged', writer });
	}
	for (const item of ofAgreement) {
		if (item.action !== 'create' && !(item.action === 'needsApproval' && item.proposedAction === 'create')) continue;
		if (covered.has(String(item.lineKey ?? item.key))) continue;
		lines.push({ product: String(item.productIdentifier ?? ''), now: 'no line', next: nextOf(item), writer: sameLink(item, link) ? 'this link (new line)' : `another link (${String(item.billingProfile ?? '')}, new line)` });
	}
	return lines;
}

/** A count's (or a share's) value now, read as the sync reads it; a count that could not be read says so, never 0. */
export function countFacts(link: LinkRow, licenses: Row[], item: Row): string[][] {
	const ids = skuKey(link.skuIds).split(',').filter((id) => id.startsWith('count:') || id.includes('@'));
	const failed = licenses.find((row) => typeof row.error === 'string');
	return ids.map((id) => {
		const row = licenses.find((r) => String(r.skuId ?? '').toLowerCase() === id);
		if (row) return [`${escapeHtml(row.productName)} now`, escapeHtml(row.assigned)];
		const why = failed ? String(failed.error) : item.action === 'readFailed' ? String(item.error ?? '') : 'Microsoft answered no such count';
		return [escapeHtml(id), `could not be read: ${escapeHtml(why)}`];
	});
}

/**
 * The preview page: the new link's plan item in words, the agreement's lines, the options, and Save / Cancel.
 * `psa` is the company's: on Autotask there is no included quantity and no prorating to show.
 * `clash` (from Links of the Agreement) says why the sync would bill neither link, at the top.
 */
export function previewPage(plan: Row[], link: LinkRow, additions: Row[], licenses: Row[], psa = 'connectwise', clash = ''): FormPage {
	const autotask = psa === 'autotask';
	const words = PSA_WORDS[autotask ? 'autotask' : 'connectwise'];
	const skus = skuKey(link.skuIds).split(',');
	const productName = String(licenses.find((license) => skus.includes(String(license.skuId ?? '').toLowerCase()))?.productName ?? link.skuIds);
	const item = plan.find((p) => p.action !== 'unlinked' && sameLink(p, link));
	if (!item) throw new Error(`The preview has no plan item for license ${link.skuIds} on agreement ${link.agreementId}`);
	const facts: string[][] = [['What happens', escapeHtml(actionWords(item, autotask))], ...countFacts(link, licenses, item)];
	if (item.quantity !== undefined) {
		const now = item.currentQuantity === null || item.currentQuantity === undefined ? 'no line yet' : String(item.currentQuantity);
		facts.push([autotask ? 'Service' : 'Product', escapeHtml(item.productIdentifier)], [autotask ? 'Units' : 'Quantity', `${escapeHtml(item.quantity)} (now: ${escapeHtml(now)})`]);
		if (!autotask) facts.push(['Less included', escapeHtml(item.lessIncluded)]);
		const zero = whyZero(item, link, productName);
		if (zero) facts.push(['Why it bills nothing', escapeHtml(zero)]);
		facts.push(['Effective date', escapeHtml(item.effectiveDate)], ['Invoice description', escapeHtml(item.invoiceDescription)]);
	}
	facts.push(
		['Quantity basis', escapeHtml(basisWords(link.quantityBasis))],
		['Minimum quantity', escapeHtml(link.minimumQuantity)],
		...(autotask ? [] : [['Prorate', escapeHtml(prorateWords(link.prorate))]]),
		['Usernames on the invoice', link.showUsernames ? 'yes' : 'no'],
		['Unassigned count on the invoice', link.showUnassigned ? 'yes' : 'no'],
	);
	const reasons = (Array.isArray(item.reasons) ? item.reasons : []).map((reason) => `<li>${escapeHtml(reason)}</li>`).join('');
	const lines = agreementLines(plan, link, additions);
	const content =
		(clash ? `<p><b>The sync will not bill this link:</b> ${escapeHtml(clash)}</p>` : '') +
		`<h3>This license</h3>${table(['', ''], facts)}` +
		(reasons ? `<p>Notes:</p><ul>${reasons}</ul>` : '') +
		`<h3>${autotask ? 'Autotask contract' : 'Agreement'} #${link.agreementId}: every ${autotask ? 'contract service' : 'line'}</h3>` +
		(lines.length > 0 ? table([autotask ? 'Service' : 'Product', `${autotask ? 'Units' : 'Quantity'} now`, 'After the next sync', 'Written by'], lines.map((l) => [l.product, l.now, l.next, l.writer].map(escapeHtml))) : `<p>The ${words.agreement} has no ${autotask ? 'contract services' : 'lines'} yet.</p>`);
	return page('Preview', 'What the next sync will write for this link.', 'Finish', [html(content), dropdown('save', 'Save this link?', [SAVE, CANCEL], SAVE)]);
}
