import { MANAGED_MARKER } from '../../shared/managedMarker';
import { factsForLink } from './agreement';
import { maxDate } from './dates';
import { buildDescription, DEFAULT_TERM_TEMPLATE, sameDescription } from './description';
import { agreementTypeCheck, assignedOverPurchased, checkGuards } from './guards';
import { companyMismatch, readFailureReasons, rejectedLicense } from './linkChecks';
import { isActiveOn, isProrateLine, sameProduct, type Inputs, type ProfileEntry } from './inputs';
import { lineKey, planKey } from './key';
import { DEFAULT_OPTIONS, type ReconcileOptions } from './options';
import { profileKey } from './profile';
import { decideProrate } from './prorate';
import { billedQuantity, sourceQuantity, targetQuantity, unassignedCount } from './quantity';
import type { Addition, AgreementFacts, BillingProfile, License, LineTarget, Link, ManualLine, NeedsApprovalItem, PlanItem } from './types';

export interface LinkContext {
	inputs: Inputs;
	options: ReconcileOptions;
	today: string;
	/** Why this link may not write its line (another link writes it too), if so. */
	slotClash: string | null;
	/** Other links that count the same seats (same tenant, SKU and term), named; empty if none. */
	alsoCountedBy: () => string[];
	/** Managed lines on the link's agreement that no link writes (e.g. the profile's product changed); asked only on create. */
	orphans: () => Addition[];
}

type Base = Omit<Extract<PlanItem, { action: 'skip' }>, 'action' | 'field'>;

function baseOf(link: Link, profile: BillingProfile | null, today: string, timeZone: string): Base {
	const product = profile?.productIdentifier ?? '';
	const line = lineKey(link.agreementId, product, link.tenantId, link.skuIds, link.term);
	return {
		key: planKey(line, today, ''),
		lineKey: line,
		linkId: link.linkId,
		tenantId: link.tenantId,
		skuIds: link.skuIds,
		term: link.term,
		agreementId: link.agreementId,
		billingProfile: link.billingProfile,
		productIdentifier: profile?.productIdentifier ?? null,
		referenceDate: today,
		timeZone,
		reasons: [],
	};
}

function skip(base: Base, field: string | null, reason: string): PlanItem {
	return { ...base, key: planKey(base.lineKey, base.referenceDate, reason), action: 'skip', field, reasons: [reason] };
}

function linkLicenses(link: Link, inputs: Inputs): { present: boolean; licenses: License[]; duplicate: string | null } {
	const bySku = inputs.licenses.get(link.tenantId);
	if (!bySku) return { present: false, licenses: [], duplicate: null };
	const licenses: License[] = [];
	for (const skuId of link.skuIds) {
		const rows = bySku.get(skuId) ?? [];
		if (rows.length > 1) return { present: true, licenses, duplicate: `license ${skuId} appears ${rows.length} times in Licenses` };
		if (rows.length === 1) licenses.push(rows[0].license);
	}
	return { present: true, licenses, duplicate: null };
}

function changeReasons(current: Addition, target: LineTarget, profile: BillingProfile): string[] {
	const reasons: string[] = [];
	if (current.quantity !== target.quantity) reasons.push(`quantity ${current.quantity} → ${target.quantity}`);
	if (current.lessIncluded !== target.lessIncluded) reasons.push(`lessIncluded ${current.lessIncluded} → ${target.lessIncluded}`);
	if (!sameDescription(current.invoiceDescription, target.invoiceDescription)) reasons.push('invoice description changed');
	if (current.billCustomer !== null && current.billCustomer !== target.billCustomer) {
		reasons.push(`billCustomer ${current.billCustomer} → ${target.billCustomer}`);
	}
	if (profile.priceMode === 'custom' && current.unitPrice !== profile.unitPrice) {
		reasons.push(`unitPrice ${current.unitPrice ?? 'catalog'} → ${profile.unitPrice}`);
	}
	return reasons;
}

function productNameOf(licenses: License[], profile: BillingProfile): string {
	const names = [...new Set(licenses.map((l) => l.productName ?? l.skuPartNumber ?? l.skuId))].sort();
	return names.length > 0 ? names.join(' + ') : profile.productIdentifier;
}

/**
 * Base and target as one object literal with a fixed shape. (Spreading two objects with
 * overlapping keys made V8 build slow dictionary objects: 5× slower at 20,000 links.)
 */
function lineItem(
	base: Base,
	key: string,
	t: LineTarget,
	reasons: string[],
	action: PlanItem['action'],
	proposedAction?: NeedsApprovalItem['proposedAction'],
): PlanItem {
	// additionId is set exactly when a current addition exists, i.e. for update and unchanged.
	const item = {
		action,
		key,
		lineKey: base.lineKey,
		linkId: base.linkId,
		tenantId: base.tenantId,
		skuIds: base.skuIds,
		term: base.term,
		agreementId: base.agreementId,
		billingProfile: base.billingProfile,
		productIdentifier: base.productIdentifier,
		referenceDate: base.referenceDate,
		timeZone: base.timeZone,
		reasons,
		additionId: t.additionId,
		current: t.current,
		currentQuantity: t.currentQuantity,
		sourceQuantity: t.sourceQuantity,
		quantity: t.quantity,
		lessIncluded: t.lessIncluded,
		delta: t.delta,
		invoiceDescription: t.invoiceDescription,
		effectiveDate: t.effectiveDate,
		billCustomer: t.billCustomer,
		unitPrice: t.unitPrice,
		managedMarker: t.managedMarker,
		prorateCurrentPeriod: t.prorateCurrentPeriod,
		prorate: t.prorate,
	} as PlanItem;
	if (item.action === 'needsApproval' && proposedAction) item.proposedAction = proposedAction;
	return item;
}

function productOf(inputs: Inputs, link: Link): ProfileEntry {
	const entry = inputs.profiles.get(profileKey(link.billingProfile));
	return entry ?? { field: 'billingProfile', problem: `billingProfile "${link.billingProfile}" is not a known billing profile` };
}

function templateOf(link: Link, options: ReconcileOptions): string {
	if (link.descriptionTemplate !== null) return link.descriptionTemplate;
	if (link.term !== null && options.descriptionTemplate === DEFAULT_OPTIONS.descriptionTemplate) return DEFAULT_TERM_TEMPLATE;
	return options.descriptionTemplate;
}

function manualLine(a: Addition): ManualLine {
	return {
		additionId: a.additionId,
		quantity: a.quantity,
		lessIncluded: a.lessIncluded,
		unitPrice: a.unitPrice,
		billCustomer: a.billCustomer,
		invoiceDescription: a.invoiceDescription,
		effectiveDate: a.effectiveDate,
		serialNumber: a.serialNumber,
	};
}

/** Rules 1–6 for one well-formed link. */
export function planLink(link: Link, context: LinkContext): PlanItem {
	const { inputs, options, today } = context;
	const product = productOf(inputs, link);
	const base = baseOf(link, 'profile' in product ? product.profile : null, today, options.timeZone);
	// A failed read is never data: nothing is planned from it, nothing is held.
	const failed = readFailureReasons(link, inputs);
	if (failed) return { ...base, key: planKey(base.lineKey, today, failed.reasons.join('\n')), action: 'readFailed', field: failed.field, error: failed.error, reasons: failed.reasons };
	const agreement = factsForLink(link, inputs.agreements.get(link.agreementId));
	const otherCompany = companyMismatch(link, agreement);
	if (otherCompany) return skip(base, 'agreementId', otherCompany);
	if ('problem' in product) return skip(base, product.field, product.problem);
	const profile = product.profile;
	const rejected = rejectedLicense(link, inputs);
	if (rejected) return skip(base, rejected.field, rejected.reason);
	if (context.slotClash) return { ...base, action: 'conflict', additionIds: [], currentQuantity: null, reasons: [context.slotClash] };
	if (link.doNotBill) return skip(base, 'doNotBill', 'doNotBill is set on the link');
	if (link.billingStartDate !== null && link.billingStartDate > today) {
		return skip(base, 'billingStartDate', `billing starts on ${link.billingStartDate}`);
	}

	const onAgreement = (inputs.additions.get(link.agreementId) ?? []).filter(
		(a) => isActiveOn(a, today) && sameProduct(a, profile.productIdentifier),
	);
	const managed = onAgreement.filter((a) => a.managed);
	if (managed.length > 1) {
		return {
			...base,
			action: 'conflict',
			additionIds: managed.map((a) => a.additionId),
			currentQuantity: null,
			reasons: [`${managed.length} managed ${lineWord(agreement)}s for ${profile.productIdentifier} on agreement ${link.agreementId}: keep one, remove the marker from the others`],
		};
	}
	const found = linkLicenses(link, inputs);
	if (found.duplicate) return { ...base, action: 'conflict', additionIds: [], currentQuantity: null, reasons: [found.duplicate] };

	const counted = sourceQuantity(link, found.licenses, link.quantityBasis ?? options.quantityBasis);
	if ('field' in counted) return skip(base, counted.field, counted.reason);
	const source = counted.quantity;
	const quantity = targetQuantity(source, link);
	const current = managed[0] ?? null;
	const reasons: string[] = [];
	const users = link.showUsernames ? found.licenses.flatMap((l) => l.users ?? []) : null;
	if (link.showUsernames && found.licenses.some((l) => l.users === null)) reasons.push('usernames not in the Licenses input');

	const productName = productNameOf(found.licenses, profile);
	const invoiceDescription = buildDescription({
		template: templateOf(link, options),
		productName,
		skuPartNumber: [...new Set(found.licenses.map((l) => l.skuPartNumber ?? l.skuId))].sort().join(' + '),
		quantity,
		term: link.term,
		tenantName: found.licenses.find((l) => l.tenantName !== null)?.tenantName ?? link.tenantId,
		usernames: users,
		unassigned: link.showUnassigned ? unassignedCount(found.licenses) : null,
		usernameLimit: options.usernameLimit,
		// A mixed install reconciles ConnectWise and Autotask agreements together: each agreement's own PSA limit wins.
		maxLength: Math.min(options.descriptionMaxLength, agreement.descriptionMaxLength ?? Infinity),
	});

	const delta = quantity - (current?.quantity ?? 0);
	const target: LineTarget = {
		additionId: current?.additionId ?? null,
		current: current && {
			quantity: current.quantity,
			lessIncluded: current.lessIncluded,
			invoiceDescription: current.invoiceDescription,
			effectiveDate: current.effectiveDate,
		},
		currentQuantity: current?.quantity ?? null,
		sourceQuantity: source,
		quantity,
		lessIncluded: link.includedQuantity,
		delta,
		invoiceDescription,
		effectiveDate: current
			? (current.effectiveDate ?? today)
			: maxDate(today, link.billingStartDate, agreement.agreementStartDate),
		billCustomer: profile.billCustomer,
		unitPrice: profile.unitPrice,
		managedMarker: MANAGED_MARKER,
		prorateCurrentPeriod: false,
		prorate: null,
	};

	const changes = current ? changeReasons(current, target, profile) : [];
	const proposed = current === null ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
	reasons.push(...(proposed === 'create' ? [`no managed ${lineWord(agreement)} for ${profile.productIdentifier}: create with quantity ${quantity}`] : changes));

	if (proposed === 'create') {
		target.prorateCurrentPeriod = link.prorate !== 'off' && agreement.agreementProrate === true && quantity > 0;
	} else if (proposed === 'update' && current) {
		const decision = decideProrate({
			link,
			lineKey: base.lineKey,
			agreement,
			billedBefore: billedQuantity(current.quantity, current.lessIncluded),
			billedAfter: billedQuantity(quantity, target.lessIncluded),
			line: current,
			today,
			productName,
			existing: (inputs.additions.get(link.agreementId) ?? []).filter(isProrateLine),
		});
		target.prorate = decision.prorate;
		reasons.push(...decision.reasons);
	}

	const held: string[] = [];
	let manual: Addition[] = [];
	const writes = proposed !== 'unchanged';
	const guard = checkGuards(
		{ tenantPresent: found.present, sourceQuantity: source, currentQuantity: target.currentQuantity, targetQuantity: quantity, agreement, today, changes: writes },
		options,
	);
	if (guard.verdict === 'skip') return skip(base, null, guard.reasons.join('; '));
	held.push(...(guard.verdict === 'needsApproval' ? guard.reasons : []));
	if (guard.verdict === null) reasons.push(...guard.reasons);
	if (found.present && found.licenses.length === 0 && proposed === 'create') {
		held.push(`the tenant has none of the link's SKUs (${link.skuIds.join(', ')}): check the link's skuIds before creating an empty line`);
	}
	const others = context.alsoCountedBy();
	if (others.length > 0) held.push(`the same seats are also counted by ${others.join('; ')}: a seat would be billed twice (one link per tenant SKU and term)`);
	const typeCheck = agreementTypeCheck(profile, agreement);
	if (typeCheck && 'hold' in typeCheck) held.push(typeCheck.hold);
	if (typeCheck && 'warning' in typeCheck) reasons.push(typeCheck.warning);
	if ((link.quantityBasis ?? options.quantityBasis) === 'assigned') {
		const over = assignedOverPurchased(found.licenses);
		if (over && writes) held.push(`${over}: check the count before billing assigned seats`);
		else if (over) reasons.push(`warning: ${over}`);
	}
	if (agreement.agreementStatus === null) reasons.push('warning: agreement status unknown (not on the link nor in Current Additions): not checked');
	if (proposed === 'create' && agreement.agreementStartDate === null) reasons.push(`warning: agreement start date unknown: the line starts on ${target.effectiveDate}`);
	if (proposed === 'create') {
		manual = onAgreement.filter((a) => !a.managed && !isProrateLine(a)).sort((a, b) => a.additionId - b.additionId);
		if (manual.length > 0) {
			held.push(
				`agreement already has ${manual.length} unmarked addition(s) for ${profile.productIdentifier} (${manual.map((a) => a.additionId).join(', ')}) ` +
					`with ${manual.map((a) => a.quantity).join(' + ')} seat(s): adopt one (the sync takes it over), replace them (cancelled, a managed line created) ` +
					`or add a second line (billed beside them)`,
			);
		}
		for (const orphan of context.orphans()) {
			held.push(`agreement has managed addition ${orphan.additionId} for ${orphan.productIdentifier} that no link writes (billing profile product changed?)`);
		}
	}

	// The values written, not the before-values: after an update the re-run's "unchanged" has the same key.
	const key = planKey(base.lineKey, today, [quantity, target.lessIncluded, invoiceDescription, target.billCustomer, target.unitPrice].join('\u0001'));
	if (held.length > 0) {
		const item = lineItem(base, key, target, [...held, ...reasons], 'needsApproval', proposed);
		if (manual.length > 0 && item.action === 'needsApproval') item.manualLines = manual.map(manualLine);
		return item;
	}
	return lineItem(base, key, target, reasons, proposed);
}

/** The agreement's PSA's word for a line (ConnectWise addition, Autotask contract service). */
function lineWord(agreement: AgreementFacts): string {
	return agreement.lineLabel ?? 'addition';
}
