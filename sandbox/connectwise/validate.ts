/** Required fields and limits ConnectWise enforces when additions and contacts are written. */
import type { CwCatalogItem } from '../types';

export interface FieldError {
	code: string;
	message: string;
	resource: string;
	field: string;
}

export const MAX_SERIAL_NUMBER = 50;
export const MAX_INVOICE_DESCRIPTION = 6000;
const BILL_CUSTOMER = ['Billable', 'DoNotBill', 'NoCharge'];

export function invalidObject(resource: string, errors: FieldError[]) {
	return { code: 'InvalidObject', message: `${resource} object is invalid`, errors };
}

function isDate(value: unknown): boolean {
	return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

export function additionErrors(addition: Record<string, unknown>, catalog: CwCatalogItem[]): FieldError[] {
	const errors: FieldError[] = [];
	const fail = (field: string, code: string, message: string) => errors.push({ code, message, resource: 'addition', field });
	const product = addition.product as { id?: number; identifier?: string } | undefined;
	if (!product || (product.id === undefined && !product.identifier)) fail('product', 'NullValue', 'The product field is required.');
	else if (!catalog.some((item) => item.id === product.id || (product.id === undefined && item.identifier?.toLowerCase() === product.identifier?.toLowerCase()))) {
		fail('product', 'InvalidObject', 'Product not found.');
	}
	if (addition.billCustomer === undefined || addition.billCustomer === null) fail('billCustomer', 'NullValue', 'The billCustomer field is required.');
	else if (!BILL_CUSTOMER.includes(String(addition.billCustomer))) fail('billCustomer', 'InvalidEnum', `billCustomer must be one of ${BILL_CUSTOMER.join(', ')}.`);
	for (const field of ['quantity', 'lessIncluded', 'unitPrice', 'unitCost']) {
		const value = addition[field];
		if (value !== undefined && value !== null && typeof value !== 'number') fail(field, 'InvalidField', `${field} must be a number.`);
	}
	if (typeof addition.serialNumber === 'string' && addition.serialNumber.length > MAX_SERIAL_NUMBER) {
		fail('serialNumber', 'MaxLength', `serialNumber cannot be longer than ${MAX_SERIAL_NUMBER} characters.`);
	}
	if (typeof addition.invoiceDescription === 'string' && addition.invoiceDescription.length > MAX_INVOICE_DESCRIPTION) {
		fail('invoiceDescription', 'MaxLength', `invoiceDescription cannot be longer than ${MAX_INVOICE_DESCRIPTION} characters.`);
	}
	for (const field of ['effectiveDate', 'cancelledDate']) {
		if (addition[field] !== undefined && addition[field] !== null && !isDate(addition[field])) fail(field, 'InvalidField', `${field} is not a valid date.`);
	}
	return errors;
}

export function contactErrors(contact: Record<string, unknown>): FieldError[] {
	const errors: FieldError[] = [];
	if (typeof contact.firstName !== 'string' || contact.firstName.trim() === '') {
		errors.push({ code: 'NullValue', message: 'The firstName field is required.', resource: 'contact', field: 'firstName' });
	}
	return errors;
}
