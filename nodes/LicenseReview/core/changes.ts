import { heldReasons, primaryReason } from './reasons';
import type { ApprovalRow, Choice, CompanyMapRow, HeldChange, ManualLine } from './types';

const ARROW = '\u2192';

export const seats = (count: number | null | undefined): string => `${count ?? 0} seat${Number(count) === 1 ? '' : 's'}`;

function planOf(row: ApprovalRow): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(row.plan || '{}');
		return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

function manualLinesOf(row: ApprovalRow, plan: Record<string, unknown>): ManualLine[] {
	if (row.proposedAction !== 'create' || !Array.isArray(plan.manualLines)) return [];
	return (plan.manualLines as ManualLine[]).filter((line) => typeof line?.additionId === 'number');
}

const firstLine = (text: unknown, max: number): string => String(text ?? '').split('\n')[0].trim().slice(0, max);
const lower = (id: unknown): string => String(id ?? '').toLowerCase();

/** The company a change belongs to: the company map's name, else the PSA company id. */
function companyOf(row: ApprovalRow, mapped: CompanyMapRow | undefined): { key: string; name: string } {
	const id = row.companyId ?? mapped?.companyId ?? null;
	const name = mapped?.companyName || (id !== null ? `Company ${id}` : 'Company not mapped');
	return { key: id !== null ? String(id) : `tenant:${lower(row.tenantId)}`, name };
}

function changeText(row: ApprovalRow, manual: ManualLine[]): string {
	const proposed = row.quantity ?? null;
	if (manual.length > 0) {
		const lines = manual.map((line) => `line ${line.additionId} typed by hand bills ${seats(line.quantity)}`).join(', ');
		return `${lines}; the sync proposes ${seats(proposed)} on its own line`;
	}
	if (row.proposedAction === 'create') return `no line yet ${ARROW} new line of ${seats(proposed)}`;
	if (row.proposedAction === 'update') return `${row.currentQuantity ?? 0} ${ARROW} ${seats(proposed)}`;
	return `stays at ${seats(row.currentQuantity ?? proposed)} (nothing to write, a warning only)`;
}

/** Each held reason in words a person uses; the manual-line reason is said by the change itself. */
function whyText(reasons: string[], manual: ManualLine[]): string {
	const words = reasons.map((reason) => (/unmarked addition/.test(reason) ? `a line typed by hand already bills this product (${manual.length > 1 ? `${manual.length} lines` : 'one line'})` : reason));
	return words.length > 0 ? words.join('; ') : 'no reason given';
}

function choicesOf(row: ApprovalRow, manual: ManualLine[]): Choice[] {
	const pending: Choice = { option: 'Leave pending', decision: 'pending' };
	if (manual.length === 0) return [pending, { option: 'Approve', decision: 'approve' }, { option: 'Reject', decision: 'reject' }];
	// Beside manual lines plain Approve would bill the seats twice: each choice says what happens to the lines.
	const proposed = row.quantity ?? 0;
	const billed = manual.reduce((sum, line) => sum + Number(line.quantity || 0), 0);
	const ids = manual.map((line) => line.additionId).join(', ');
	const adopt = manual.map((line): Choice => {
		const others = manual.filter((other) => other !== line).map((other) => other.additionId);
		return {
			option: `Adopt line ${line.additionId} (now ${seats(line.quantity)} ${ARROW} proposed ${proposed})` + (others.length > 0 ? `, cancel line ${others.join(', ')}` : ''),
			decision: 'adopt',
			additionId: line.additionId,
		};
	});
	return [
		pending,
		...adopt,
		{ option: `Replace line ${ids} (cancel ${manual.length === 1 ? 'it' : 'them'}, create a managed line of ${proposed})`, decision: 'replace' },
		{ option: `Add a second line (customer billed for both: ${billed} + ${proposed})`, decision: 'addSecond' },
		{ option: 'Reject', decision: 'reject' },
	];
}

/**
 * Pending approval rows phrased as a person reads them: company, product, agreement,
 * now → proposed, why; sorted by company, then product and agreement.
 */
export function describeChanges(rows: ApprovalRow[], companyMap: CompanyMapRow[]): HeldChange[] {
	const byTenant = new Map(companyMap.filter((row) => row.tenantId).map((row) => [lower(row.tenantId), row]));
	return rows
		.filter((row) => typeof row.key === 'string' && row.key !== '' && (row.status === undefined || row.status === 'pending'))
		.map((row): HeldChange => {
			const mapped = byTenant.get(lower(row.tenantId));
			const plan = planOf(row);
			const manual = manualLinesOf(row, plan);
			const company = companyOf(row, mapped);
			const description = firstLine(plan.invoiceDescription, 60);
			const identifier = String(row.product ?? 'product');
			const product = description && description !== identifier ? `${description} (${identifier})` : identifier;
			const agreement = `agreement #${row.agreementId ?? '?'}`;
			const tenant = mapped?.tenantName || mapped?.defaultDomain || 'tenant not in the company map';
			const reasons = heldReasons(row.reason);
			const change = changeText(row, manual);
			const why = whyText(reasons, manual);
			const tenantPart = tenant !== company.name ? ` (${tenant})` : '';
			return {
				key: row.key,
				companyKey: company.key,
				company: company.name,
				tenant,
				product,
				agreement,
				change,
				why,
				reasonKind: primaryReason(reasons),
				manualLines: manual,
				proposed: row.quantity ?? null,
				label: `${company.name}${tenantPart} · ${product} on ${agreement}: ${change}. Why: ${why}`,
				choices: choicesOf(row, manual),
			};
		})
		.sort((a, b) => a.company.localeCompare(b.company) || a.product.localeCompare(b.product) || a.agreement.localeCompare(b.agreement) || a.key.localeCompare(b.key));
}
