import { readAgreementFacts } from './agreement';
import {
	count,
	FieldError,
	flag,
	optionalChoice,
	optionalDate,
	optionalId,
	optionalString,
	parseRow,
	positiveId,
	requiredString,
	stringList,
	type Parsed,
} from './fields';
import type { Link, ProrateMode, Row, Term } from './types';

const TERMS: readonly Term[] = ['P1M', 'P1Y', 'P3Y'];
const PRORATE: readonly ProrateMode[] = ['off', 'increases', 'increasesAndDecreases'];

/** SKU ids compare without case; sorted so "a,b" and "b,a" are the same link. */
export function normalizeSkuIds(ids: string[]): string[] {
	return [...new Set(ids.map((id) => id.toLowerCase()))].sort();
}

/** As typed (GUID, part number or product name); resolved to GUIDs once the licenses are read. */
export function skuTokens(row: Row): string[] {
	return normalizeSkuIds([...stringList(row, 'skuIds'), ...stringList(row, 'skuId')]);
}

function skuIds(row: Row): string[] {
	const ids = skuTokens(row);
	if (ids.length === 0) throw new FieldError('skuIds', 'skuIds is missing (the SKUs that feed this line)');
	return ids;
}

/** Reads one link row (a Data Table row, a sheet row…); a wrong field names itself. */
export function parseLink(row: Row): Parsed<Link> {
	return parseRow(() => ({
		linkId: optionalString(row, 'linkId') ?? optionalString(row, 'id'),
		tenantId: requiredString(row, 'tenantId').toLowerCase(),
		skuIds: skuIds(row),
		term: optionalChoice(row, 'term', TERMS),
		agreementId: positiveId(row, 'agreementId'),
		companyId: optionalId(row, 'companyId'),
		companyName: optionalString(row, 'companyName'),
		billingProfile: requiredString(row, 'billingProfile'),
		quantityBasis: optionalChoice(row, 'quantityBasis', ['purchased', 'assigned'] as const),
		includedQuantity: count(row, 'includedQuantity', 0),
		minimumQuantity: count(row, 'minimumQuantity', 0),
		billingStartDate: optionalDate(row, 'billingStartDate'),
		prorate: optionalChoice(row, 'prorate', PRORATE) ?? 'off',
		showUsernames: flag(row, 'showUsernames', false),
		showUnassigned: flag(row, 'showUnassigned', false),
		descriptionTemplate: optionalString(row, 'descriptionTemplate'),
		doNotBill: flag(row, 'doNotBill', false),
		...readAgreementFacts(row),
	}));
}
