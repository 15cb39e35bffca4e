import catalogue from '../../shared/data/sku-catalogue.json';
import { isCountToken, parseCountId } from '../../shared/customCount';
import { findSku } from '../../shared/skuCatalogue';
import type { License } from './types';

/**
 * People type a SKU as its GUID, its part number (SPE_E3) or its product name
 * (Microsoft 365 E3). Every form resolves to the GUID Partner Center reports; a form that
 * names no SKU is reported, never matched to nothing (that created quantity-0 lines).
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lower-cased product name → the GUIDs of that name (a few names cover several SKUs). */
const byName = new Map<string, string[]>();
for (const [skuId, , productName] of catalogue.skus as Array<[string, string, string]>) {
	const key = productName.trim().toLowerCase();
	const list = byName.get(key);
	if (list) list.push(skuId.toLowerCase());
	else byName.set(key, [skuId.toLowerCase()]);
}

export type SkuResolution = { skuId: string } | { problem: string };

/** The tenant's own license rows first (they name new SKUs the catalogue lacks), then the catalogue. */
export function resolveSku(token: string, tenantLicenses: () => Iterable<License>): SkuResolution {
	const text = token.trim();
	// A custom count or one company's share of a split tenant (contract C6): its canonical id.
	if (isCountToken(text)) {
		const parsed = parseCountId(text, (base) => {
			const resolved = resolveSku(base, tenantLicenses);
			return 'skuId' in resolved ? resolved.skuId : null;
		});
		return 'problem' in parsed ? { problem: parsed.problem } : { skuId: parsed.id };
	}
	if (GUID.test(text)) return { skuId: text.toLowerCase() };
	const lower = text.toLowerCase();
	const own = new Set<string>();
	for (const license of tenantLicenses()) {
		if (license.skuPartNumber?.toLowerCase() === lower || license.productName?.trim().toLowerCase() === lower) own.add(license.skuId);
	}
	if (own.size === 1) return { skuId: [...own][0] };
	if (own.size > 1) return { problem: `"${text}" matches ${own.size} of the tenant's SKUs (${[...own].sort().join(', ')}): use the SKU id` };
	const byPart = findSku(text);
	if (byPart && byPart.skuPartNumber.toLowerCase() === lower) return { skuId: byPart.skuId.toLowerCase() };
	const named = byName.get(lower) ?? [];
	if (named.length === 1) return { skuId: named[0] };
	if (named.length > 1) return { problem: `"${text}" is the name of ${named.length} SKUs (${named.join(', ')}): use the SKU id or part number` };
	return { problem: `"${text}" is not a known SKU id, part number or product name` };
}
