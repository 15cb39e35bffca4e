/**
 * Microsoft's SKU names (generated from the product-names CSV by
 * scripts/generate-sku-catalogue.js). Partner Center and Graph only give part numbers
 * like "SPE_E3"; invoices need "Microsoft 365 E3".
 */
import catalogue from './data/sku-catalogue.json';

export interface SkuInfo {
	skuId: string;
	skuPartNumber: string;
	productName: string;
}

const byId = new Map<string, SkuInfo>();
const byPartNumber = new Map<string, SkuInfo>();
for (const [skuId, skuPartNumber, productName] of catalogue.skus as Array<[string, string, string]>) {
	const info = { skuId, skuPartNumber, productName };
	byId.set(skuId.toLowerCase(), info);
	if (!byPartNumber.has(skuPartNumber.toUpperCase())) byPartNumber.set(skuPartNumber.toUpperCase(), info);
}

/** Looks up by SKU GUID or by part number (case-insensitive). */
export function findSku(idOrPartNumber: string | undefined | null): SkuInfo | undefined {
	if (!idOrPartNumber) return undefined;
	const key = String(idOrPartNumber).trim();
	return byId.get(key.toLowerCase()) ?? byPartNumber.get(key.toUpperCase());
}

/** Friendly name, falling back to what the API gave us so a new SKU still reads sensibly. */
export function productNameOf(skuId: string | undefined, skuPartNumber: string | undefined, fallback?: string): string {
	return findSku(skuId)?.productName ?? findSku(skuPartNumber)?.productName ?? fallback ?? skuPartNumber ?? skuId ?? 'Unknown product';
}

// Part-number shapes of free, trial and self-service ("viral") SKUs: never billed.
const FREE_PATTERNS = [/FREE/, /TRIAL/, /VIRAL/, /_IW$/, /^FLOW_FREE$/, /^POWER_BI_STANDARD$/, /^WINDOWS_STORE$/, /^STREAM$/, /^MCOPSTNEAU$/, /^RIGHTSMANAGEMENT_ADHOC$/, /^CCIBOTS_PRIVPREV_VIRAL$/, /DEVELOPER/];

export function isFreeTrialOrSelfServiceSku(skuPartNumber: string | undefined): boolean {
	if (!skuPartNumber) return false;
	const part = skuPartNumber.toUpperCase();
	return FREE_PATTERNS.some((p) => p.test(part));
}

export const SKU_COUNT = byId.size;
