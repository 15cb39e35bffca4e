/**
 * The "Review held-back changes" form in a real n8n against the sandbox: the daily sync holds
 * changes back, a person approves one, rejects one and leaves one on the form page; only the
 * approved change reaches the PSA, the approvals and audit tables say so, and the form then
 * lists only what is still pending. It applies through the same workflow as the webhook.
 * A new line held beside a manual line is never approved into a second line unasked: the
 * person adopts the manual line, replaces it, or adds a second line knowing both are billed.
 */
import { decodeHtml, expectPage, openForm, submitForm, useFormLogin, type FormField, type FormPage } from './support/formClient';
import { seedScenario } from './support/dataTables';
import { cwRequest } from './support/psaRequest';
import { startJourney, type Journey } from './support/journey';
import { activeAdditions, buildScenario, MANAGED, type ExpectedLine, type Scenario } from './templates/scenario';
import { FORMS_LOGIN, WEBHOOK_HEADER, WEBHOOK_SECRET } from './templates/templates';
import type { CwAddition } from '../../sandbox';

const TEMPLATES = ['m365-license-sync-core.json', 'm365-sync-now.json', 'm365-approve-changes.json', 'm365-review-changes.json'];
const FORM = 'm365-review-changes';
const CHOICES = ['Leave pending', 'Approve', 'Reject'];
const AUTH = { [WEBHOOK_HEADER]: WEBHOOK_SECRET };
/** The choices for a new line of `proposed` seats held beside one manual line. */
const besideChoices = (manual: CwAddition, proposed: number) => [
	'Leave pending',
	`Adopt line ${manual.id} (now ${manual.quantity} seat${manual.quantity === 1 ? '' : 's'} → proposed ${proposed})`,
	`Replace line ${manual.id} (cancel it, create a managed line of ${proposed})`,
	`Add a second line (customer billed for both: ${manual.quantity} + ${proposed})`,
	'Reject',
];
const REVIEWER = 'Jane Reviewer';

interface Approval {
	key: string;
	status: string;
	proposedAction: string;
	agreementId: number;
	product: string;
	currentQuantity: number | null;
	quantity: number | null;
	reason: string;
	decidedBy?: string | null;
	result?: string | null;
}

describe('review held-back changes form', () => {
	let journey: Journey;
	let scenario: Scenario;
	/** The create held beside a manual line and rejected: held again by every sync while that line is there. */
	let toRejectKey = '';
	const started = Date.now();
	const timings: Record<string, number> = {};

	const rows = async (table: string) => await journey.n8n.getDataTableRows(table);
	const approvals = async (): Promise<Approval[]> => (await rows('m365_approvals')) as unknown as Approval[];
	const syncNow = async (): Promise<{ counts: Record<string, number>; needsApproval: Array<{ key: string }> }> => {
		const response = await journey.n8n.callWebhook('m365-sync-now', { body: { everyone: true }, headers: AUTH });
		expect(response.status).toBe(200);
		return response.body as { counts: Record<string, number>; needsApproval: Array<{ key: string }> };
	};
	const psaWrites = () => journey.sandbox.requests.list().filter((request) => request.service === 'cw' && request.method !== 'GET');
	/** A line typed by hand in the PSA for the line's product (no serial number). */
	const typeManualLine = async (line: ExpectedLine, quantity: number): Promise<CwAddition> => {
		await cwRequest(journey.sandbox, 'POST', `/finance/agreements/${line.agreementId}/additions`, {
			product: { id: journey.sandbox.state.catalog.find((item) => item.identifier === line.productIdentifier)!.id },
			quantity,
			billCustomer: 'Billable',
			invoiceDescription: 'typed by hand',
		});
		return activeAdditions(journey.sandbox.state, line.agreementId, line.productIdentifier).find((a) => a.serialNumber !== MANAGED)!;
	};
	const managedLines = (line: ExpectedLine) => activeAdditions(journey.sandbox.state, line.agreementId, line.productIdentifier).filter((a) => a.serialNumber === MANAGED);
	const decisionFields = (page: FormPage): FormField[] => page.fields.filter((field) => field.kind === 'select' && field.label !== 'Then');
	const fieldOf = (page: FormPage, approval: Approval): FormField => {
		const found = decisionFields(page).filter((field) => field.label.includes(`${approval.product}`) && field.label.includes(`on agreement #${approval.agreementId}:`));
		if (found.length !== 1) throw new Error(`${found.length} decision fields for ${approval.product} on #${approval.agreementId}: ${page.fields.map((f) => f.label).join(' | ')}`);
		return found[0];
	};
	/** The review's first page picks a group (all, one by one by default) and takes the name; then the changes. */
	const openDecisions = async (): Promise<FormPage> => {
		const choose = expectPage(await submitForm(await openForm(journey.formUrl(FORM)), {}));
		expect(choose.title).toBe('Changes waiting for approval');
		return expectPage(await submitForm(choose, { 'Your name': REVIEWER }));
	};
	const text = (page: FormPage): string => decodeHtml(page.html);

	beforeAll(async () => {
		useFormLogin(FORMS_LOGIN);
		journey = await startJourney({ name: 'approvals-form', templates: TEMPLATES, tenants: 16, seed: 11 });
		timings.journeyMs = Date.now() - started;
		const { state, clock } = journey.sandbox;
		scenario = buildScenario(state, 5, clock.now());
	});

	afterAll(async () => {
		useFormLogin(undefined);
		if (!journey) return;
		for (const execution of await journey.n8n.listExecutions({ status: 'error', includeData: true })) {
			const data = JSON.stringify(execution.data);
			process.stdout.write(`failed execution ${execution.id} of ${execution.workflowId}: ${data.slice(data.indexOf('"error"'), data.indexOf('"error"') + 1200)}\n`);
		}
		process.stdout.write(`e2e approvals form: ${JSON.stringify({ ...timings, ...journey.n8n.timings, totalMs: Date.now() - started })}\n`);
		await journey.stop();
	});

	it('asks for the login, and says nothing waits for approval when the queue is empty', async () => {
		const anonymous = await fetch(journey.formUrl(FORM));
		expect(anonymous.status).toBe(401);

		const t0 = Date.now();
		const start = await openForm(journey.formUrl(FORM));
		expect(start.title).toBe('Review held-back changes');
		const done = expectPage(await submitForm(start, {}));
		timings.emptyQueueMs = Date.now() - t0;

		expect(done.title).toBe('Nothing waits for approval');
		expect(await rows('m365_approvals')).toEqual([]);
	});

	it('approve one, reject one, leave one: only the approved change reaches the PSA', async () => {
		// Configuration, and a manual line that holds one create back for approval.
		await syncNow();
		await seedScenario(journey.n8n, scenario);
		const heldManual = await typeManualLine(scenario.held, 1);
		await syncNow();
		// Someone raised two synced lines by 20 in the PSA: bringing them back down is a decrease over the limit.
		const [approveLine, leaveLine] = scenario.expected;
		for (const line of [approveLine, leaveLine]) {
			const [addition] = managedLines(line);
			await cwRequest(journey.sandbox, 'PATCH', `/finance/agreements/${line.agreementId}/additions/${addition.id}`, [{ op: 'replace', path: 'quantity', value: line.quantity + 20 }]);
		}
		const t1 = Date.now();
		await syncNow();
		timings.syncMs = Date.now() - t1;

		const pending = (await approvals()).filter((row) => row.status === 'pending');
		const of = (line: ExpectedLine) => pending.find((row) => row.agreementId === line.agreementId && row.product === line.productIdentifier)!;
		const toApprove = of(approveLine);
		const toReject = of(scenario.held);
		toRejectKey = toReject.key;
		const toLeave = of(leaveLine);
		expect(pending).toHaveLength(3);
		expect(toApprove).toMatchObject({ proposedAction: 'update', currentQuantity: approveLine.quantity + 20, quantity: approveLine.quantity });
		expect(toReject).toMatchObject({ proposedAction: 'create', quantity: scenario.held.quantity });

		const t2 = Date.now();
		const page = await openDecisions();
		timings.openMs = Date.now() - t2;
		expect(page.title).toBe('Decide: page 1 of 1');
		expect(decisionFields(page)).toHaveLength(3);
		for (const field of decisionFields(page)) expect(field.selected).toBe('Leave pending');
		expect(fieldOf(page, toApprove).options).toEqual(CHOICES);
		expect(fieldOf(page, toLeave).options).toEqual(CHOICES);
		// The new line beside a manual line: no plain Approve, each choice says what happens to the line.
		expect(fieldOf(page, toReject).options).toEqual(besideChoices(heldManual, scenario.held.quantity));
		// A person reads company (tenant), product, agreement, now → proposed and why.
		const approveMap = scenario.companyMap.find((row) => row.tenantId === approveLine.tenantId)!;
		const approveLabel = fieldOf(page, toApprove).label;
		expect(approveLabel.startsWith(String(approveMap.companyName))).toBe(true);
		expect(approveLabel).toContain(`on agreement #${approveLine.agreementId}: ${approveLine.quantity + 20} → ${approveLine.quantity} seat`);
		expect(approveLabel).toContain('Why: decrease of 20 is more than 10 licenses');
		const rejectLabel = fieldOf(page, toReject).label;
		const seats = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;
		expect(rejectLabel).toContain(`on agreement #${scenario.held.agreementId}: line ${heldManual.id} typed by hand bills 1 seat; the sync proposes ${seats(scenario.held.quantity)} on its own line`);
		expect(rejectLabel).toContain('Why: a line typed by hand already bills this product (one line)');
		expect(rejectLabel).not.toContain('unmarked addition');

		const psaBefore = journey.sandbox.state.additions.map((addition) => JSON.stringify(addition));
		const [approvedAddition] = managedLines(approveLine);
		journey.sandbox.requests.clear();
		const t3 = Date.now();
		const done = expectPage(await submitForm(page, {
			[fieldOf(page, toApprove).key]: 'Approve',
			[fieldOf(page, toReject).key]: 'Reject',
		}));
		timings.decideMs = Date.now() - t3;

		// The PSA: exactly one write, the approved line brought down; every other line as it was.
		const writes = journey.sandbox.requests.list().filter((request) => request.service === 'cw' && request.method !== 'GET');
		expect(writes.map((request) => request.method)).toEqual(['PATCH']);
		expect(managedLines(approveLine)).toEqual([expect.objectContaining({ id: approvedAddition.id, quantity: approveLine.quantity })]);
		expect(managedLines(scenario.held)).toEqual([]);
		expect(managedLines(leaveLine)).toEqual([expect.objectContaining({ quantity: leaveLine.quantity + 20 })]);
		const psaAfter = journey.sandbox.state.additions.filter((addition) => addition.id !== approvedAddition.id).map((addition) => JSON.stringify(addition));
		expect(psaAfter).toEqual(psaBefore.filter((json) => (JSON.parse(json) as { id: number }).id !== approvedAddition.id));

		const decided = await approvals();
		const byKey = (key: string) => decided.find((row) => row.key === key);
		expect(byKey(toApprove.key)).toMatchObject({ status: 'applied', decidedBy: REVIEWER, result: `update ${approveLine.quantity + 20} → ${approveLine.quantity}` });
		expect(byKey(toReject.key)).toMatchObject({ status: 'rejected', decidedBy: REVIEWER });
		expect(byKey(toLeave.key)).toMatchObject({ status: 'pending' });
		const audit = await rows('m365_sync_audit');
		expect(audit.filter((row) => [toApprove.key, toReject.key, toLeave.key].includes(String(row.key)))).toEqual([
			expect.objectContaining({ key: toApprove.key, action: 'update', agreementId: approveLine.agreementId, product: approveLine.productIdentifier, reason: expect.stringContaining(`approved by ${REVIEWER}`) }),
		]);

		expect(done.title).toBe('Decisions saved');
		const summary = text(done);
		expect(summary).toContain('Applied to ConnectWise (1):');
		expect(summary).toContain(`${approveLabel} → written: update ${approveLine.quantity + 20} → ${approveLine.quantity}`);
		expect(summary).toContain('Rejected (1):');
		expect(summary).toContain(rejectLabel);
		expect(summary).toContain('Still pending (1):');
		expect(summary).toContain(fieldOf(page, toLeave).label);
		expect(summary).not.toContain('Failed');

		const again = await openDecisions();
		expect(decisionFields(again).map((field) => field.label)).toEqual([fieldOf(page, toLeave).label]);
	});

	it('shows the error of an approved change the PSA refuses, and marks it failed', async () => {
		const [, leaveLine] = scenario.expected;
		const toFail = (await approvals()).find((row) => row.status === 'pending')!;
		// The line was removed in the PSA after the sync held its change back.
		const [addition] = managedLines(leaveLine);
		await cwRequest(journey.sandbox, 'DELETE', `/finance/agreements/${leaveLine.agreementId}/additions/${addition.id}`);

		const page = await openDecisions();
		const done = expectPage(await submitForm(page, { [fieldOf(page, toFail).key]: 'Approve' }));

		const failed = (await approvals()).find((row) => row.key === toFail.key)!;
		expect(failed).toMatchObject({ status: 'failed', decidedBy: REVIEWER });
		expect(String(failed.result)).not.toBe('');
		expect(managedLines(leaveLine)).toEqual([]);
		const summary = text(done);
		expect(summary).toContain('Failed (1):');
		expect(summary).toContain(`${fieldOf(page, toFail).label} → error: ${String(failed.result)}`);
		expect(summary).not.toContain('Applied to ConnectWise');

		const empty = expectPage(await submitForm(await openForm(journey.formUrl(FORM)), {}));
		expect(empty.title).toBe('Nothing waits for approval');
	});
	it('a new line held beside a manual line: plain approve is refused; adopt, replace and a second line do what they say; a second sync writes nothing', async () => {
		// Three synced lines whose managed line is gone, each with a line typed by hand instead: the sync holds the new line.
		const [adoptLine, replaceLine, secondLine] = scenario.expected.slice(2, 5);
		expect(secondLine).toBeDefined();
		const manual = new Map<ExpectedLine, CwAddition>();
		for (const line of [adoptLine, replaceLine, secondLine]) {
			for (const addition of managedLines(line)) journey.sandbox.state.additions.splice(journey.sandbox.state.additions.indexOf(addition), 1);
			manual.set(line, await typeManualLine(line, 2));
		}
		await syncNow();
		const held = (await approvals()).filter((row) => row.status === 'pending');
		const of = (line: ExpectedLine) => held.find((row) => row.agreementId === line.agreementId && row.product === line.productIdentifier)!;
		expect(held).toHaveLength(3);
		for (const line of [adoptLine, replaceLine, secondLine]) expect(of(line)).toMatchObject({ proposedAction: 'create', quantity: line.quantity });

		// Plain approve (the webhook still has it): refused, nothing written, the change stays pending.
		const auditBefore = (await rows('m365_sync_audit')).length;
		journey.sandbox.requests.clear();
		const plain = await journey.n8n.callWebhook('m365-approve-changes', { body: { approve: [of(adoptLine).key], decidedBy: 'e2e' }, headers: AUTH });
		expect(plain.body).toMatchObject({ status: 'ran', applied: [], failed: [], refused: [{ key: of(adoptLine).key, decision: 'approve' }] });
		const refusal = (plain.body as { refused: Array<{ reason: string }> }).refused[0].reason;
		expect(refusal).toBe(
			`agreement #${adoptLine.agreementId} already has manual line ${manual.get(adoptLine)!.id} (2 seats) for ${adoptLine.productIdentifier}: approving would add a second line. ` +
				`Choose adopt (take a manual line over, quantity ${adoptLine.quantity}), replace (cancel it, create a managed line of ${adoptLine.quantity}) or addSecond (the customer is billed for both)`,
		);
		expect((plain.body as { pending: Array<{ key: string; choices: string[] }> }).pending.find((row) => row.key === of(adoptLine).key)).toMatchObject({
			choices: ['adopt', 'replace', 'addSecond', 'reject'],
			manualLines: [{ additionId: manual.get(adoptLine)!.id, quantity: 2, invoiceDescription: 'typed by hand' }],
		});
		expect(psaWrites()).toEqual([]);
		expect(await rows('m365_sync_audit')).toHaveLength(auditBefore);
		expect((await approvals()).filter((row) => row.status === 'pending').map((row) => row.key).sort()).toEqual(held.map((row) => row.key).sort());

		// The form: one decision of each kind.
		const page = await openDecisions();
		const choice = (line: ExpectedLine, index: number) => besideChoices(manual.get(line)!, line.quantity)[index];
		for (const line of [adoptLine, replaceLine, secondLine]) expect(fieldOf(page, of(line)).options).toEqual(besideChoices(manual.get(line)!, line.quantity));
		journey.sandbox.requests.clear();
		const done = expectPage(await submitForm(page, {
			[fieldOf(page, of(adoptLine)).key]: choice(adoptLine, 1),
			[fieldOf(page, of(replaceLine)).key]: choice(replaceLine, 2),
			[fieldOf(page, of(secondLine)).key]: choice(secondLine, 3),
		}));

		const lines = (line: ExpectedLine) => activeAdditions(journey.sandbox.state, line.agreementId, line.productIdentifier);
		// Adopt: exactly one line, the old addition, now managed with the new quantity.
		expect(lines(adoptLine)).toEqual([expect.objectContaining({ id: manual.get(adoptLine)!.id, serialNumber: MANAGED, quantity: adoptLine.quantity })]);
		// Replace: exactly one active line, a new managed one; the manual line cancelled.
		expect(lines(replaceLine)).toEqual([expect.objectContaining({ serialNumber: MANAGED, quantity: replaceLine.quantity })]);
		expect(lines(replaceLine)[0].id).not.toBe(manual.get(replaceLine)!.id);
		expect(journey.sandbox.state.additions.find((a) => a.id === manual.get(replaceLine)!.id)!.cancelledDate).toEqual(expect.any(String));
		// A second line, because it was chosen: the manual line untouched beside it.
		expect(lines(secondLine).map((a) => [a.id === manual.get(secondLine)!.id ? 'manual' : a.serialNumber, a.quantity]).sort()).toEqual([[MANAGED, secondLine.quantity], ['manual', 2]].sort());
		expect(psaWrites().map((request) => request.method).sort()).toEqual(['PATCH', 'PATCH', 'POST', 'POST'].sort());

		const decided = await approvals();
		const row = (line: ExpectedLine) => decided.find((candidate) => candidate.key === of(line).key)!;
		expect(row(adoptLine)).toMatchObject({ status: 'applied', decidedBy: REVIEWER, result: `adopted addition ${manual.get(adoptLine)!.id} 2 → ${adoptLine.quantity}` });
		expect(row(replaceLine)).toMatchObject({ status: 'applied', decidedBy: REVIEWER, result: `replaced addition ${manual.get(replaceLine)!.id} (cancelled) by managed addition ${lines(replaceLine)[0].id} of ${replaceLine.quantity}` });
		expect(row(secondLine)).toMatchObject({ status: 'applied', decidedBy: REVIEWER });
		const audit = (await rows('m365_sync_audit')).filter((entry) => held.some((h) => h.key === entry.key));
		expect(audit).toHaveLength(3);
		expect(audit.find((entry) => entry.key === of(adoptLine).key)).toMatchObject({ status: 'applied', action: 'update', additionId: manual.get(adoptLine)!.id, reason: expect.stringContaining(`approved by ${REVIEWER}: adopt manual addition ${manual.get(adoptLine)!.id} (2 → ${adoptLine.quantity})`) });
		expect(audit.find((entry) => entry.key === of(replaceLine).key)).toMatchObject({
			status: 'applied', action: 'create', additionId: lines(replaceLine)[0].id,
			reason: expect.stringContaining(`approved by ${REVIEWER}: replace addition ${manual.get(replaceLine)!.id} (2 seats)`),
			result: expect.stringContaining(`; manual addition ${manual.get(replaceLine)!.id} cancelled from `),
		});
		expect(audit.find((entry) => entry.key === of(secondLine).key)).toMatchObject({ status: 'applied', action: 'create', reason: expect.stringContaining(`the customer is billed for both (2 + ${secondLine.quantity})`) });

		const summary = text(done);
		expect(summary).toContain('Applied to ConnectWise (3):');
		expect(summary).toContain(`→ adopted line ${manual.get(adoptLine)!.id}: 2 → ${adoptLine.quantity}`);
		expect(summary).toContain(`→ cancelled line ${manual.get(replaceLine)!.id}, created managed line ${lines(replaceLine)[0].id} of ${replaceLine.quantity}`);
		expect(summary).toContain(`→ added a second line`);
		expect(summary).not.toContain('Failed');

		// The next sync finds every line as decided: nothing to write, nothing held again.
		journey.sandbox.requests.clear();
		const again = await syncNow();
		expect(again.counts).toMatchObject({ create: 0, update: 0, failed: 0 });
		// Only the change rejected earlier (its manual line is still there) is held again, under its old key.
		expect(again.needsApproval).toEqual([expect.objectContaining({ key: toRejectKey })]);
		expect(psaWrites()).toEqual([]);
		expect((await approvals()).filter((entry) => entry.status === 'pending')).toEqual([]);
	});
});
