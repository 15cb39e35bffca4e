import type { AutoMapOptions } from './types';

export const DEFAULT_OPTIONS: Readonly<AutoMapOptions> = Object.freeze({
	confidenceThreshold: 0.8,
	confidenceMargin: 0.1,
	reviewThreshold: 0.7,
	extraLegalForms: Object.freeze([] as string[]),
	ignoredWords: Object.freeze([] as string[]),
	extraSharedDomains: Object.freeze([] as string[]),
	allowSharedCompany: false,
	includeMappedTenants: false,
	includeUnmatchedCompanies: false,
});

/** Fills gaps from the defaults and clamps thresholds into 0–1. */
export function resolveOptions(options: Partial<AutoMapOptions> = {}): AutoMapOptions {
	const merged = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
	return {
		...merged,
		confidenceThreshold: clamp01(merged.confidenceThreshold),
		confidenceMargin: clamp01(merged.confidenceMargin),
		reviewThreshold: clamp01(merged.reviewThreshold),
	};
}

function stripUndefined(options: Partial<AutoMapOptions>): Partial<AutoMapOptions> {
	return Object.fromEntries(
		Object.entries(options).filter(([, value]) => value !== undefined),
	) as Partial<AutoMapOptions>;
}

function clamp01(value: number): number {
	if (!Number.isFinite(value)) return 0;
	return Math.min(1, Math.max(0, value));
}
