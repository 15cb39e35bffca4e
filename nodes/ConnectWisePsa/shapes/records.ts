import { isManagedSerial } from '../../shared/managedMarker';
import { contactEmail } from './company';
import { day } from './dates';
import type {
	Addition, Agreement, AgreementType, Contact, CwAddition, CwAgreement, CwAgreementType, CwCatalogItem, CwContact, Product,
} from './types';

export function toAgreement(a: CwAgreement): Agreement {
	return {
		agreementId: a.id,
		name: a.name ?? '',
		companyId: a.company?.id ?? null,
		companyName: a.company?.name ?? null,
		typeId: a.type?.id ?? null,
		typeName: a.type?.name ?? null,
		status: a.agreementStatus ?? null,
		startDate: day(a.startDate),
		endDate: day(a.endDate),
		cancelled: a.cancelledFlag === true,
		prorate: a.prorateFlag === true,
		billingCycle: a.billingCycle?.name ?? null,
	};
}

export function toAgreementType(t: CwAgreementType): AgreementType {
	return { typeId: t.id, name: t.name ?? '', inactive: t.inactiveFlag === true, prorate: t.prorateFlag ?? null };
}

export function toAddition(a: CwAddition, agreementId: number, agreement?: CwAgreement): Addition {
	const serialNumber = a.serialNumber?.trim() || null;
	const out: Addition = {
		agreementId: a.agreementId ?? agreementId,
		additionId: a.id,
		productIdentifier: a.product?.identifier ?? '',
		productId: a.product?.id ?? null,
		quantity: a.quantity ?? 0,
		lessIncluded: a.lessIncluded ?? 0,
		unitPrice: a.unitPrice ?? null,
		billCustomer: a.billCustomer ?? null,
		invoiceDescription: a.invoiceDescription ?? '',
		description: a.description ?? null,
		effectiveDate: day(a.effectiveDate),
		cancelledDate: day(a.cancelledDate),
		serialNumber,
		managed: isManagedSerial(serialNumber),
		lastUpdated: a._info?.lastUpdated ?? null,
	};
	const status = agreement?.agreementStatus ?? a.agreementStatus;
	if (status !== undefined) out.agreementStatus = status;
	if (agreement) out.agreementProrate = agreement.prorateFlag === true;
	return out;
}

export function toProduct(p: CwCatalogItem): Product {
	return {
		productId: p.id,
		identifier: p.identifier ?? '',
		description: p.description ?? '',
		customerDescription: p.customerDescription ?? null,
		price: p.price ?? null,
		cost: p.cost ?? null,
		inactive: p.inactiveFlag === true,
	};
}

export function toContact(c: CwContact): Contact {
	return {
		contactId: c.id,
		companyId: c.company?.id ?? null,
		companyName: c.company?.name ?? null,
		firstName: c.firstName ?? '',
		lastName: c.lastName ?? '',
		email: contactEmail(c),
		title: c.title?.trim() || null,
		inactive: c.inactiveFlag === true,
	};
}
