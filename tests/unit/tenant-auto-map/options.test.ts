import { DEFAULT_OPTIONS, resolveOptions } from '../../../nodes/TenantAutoMap/core';
import { properties } from '../../../nodes/TenantAutoMap/properties';

describe('auto-map options', () => {
	it('has frozen defaults', () => {
		expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
		expect(resolveOptions()).toEqual(DEFAULT_OPTIONS);
	});

	it('fills gaps from the defaults and clamps thresholds into 0–1', () => {
		expect(resolveOptions({ confidenceThreshold: 1.5, confidenceMargin: -1, reviewThreshold: Number.NaN, allowSharedCompany: undefined })).toEqual({
			...DEFAULT_OPTIONS,
			confidenceThreshold: 1,
			confidenceMargin: 0,
			reviewThreshold: 0,
		});
	});

	it('shows the same defaults in the node editor', () => {
		const collection = properties.find((property) => property.name === 'options');
		const shown = Object.fromEntries(
			(collection?.options as Array<{ name: string; default: unknown }>).map((option) => [option.name, option.default]),
		);
		expect(shown).toEqual({
			allowSharedCompany: DEFAULT_OPTIONS.allowSharedCompany,
			confidenceMargin: DEFAULT_OPTIONS.confidenceMargin,
			confidenceThreshold: DEFAULT_OPTIONS.confidenceThreshold,
			extraLegalForms: '',
			extraSharedDomains: '',
			ignoredWords: '',
			includeMappedTenants: DEFAULT_OPTIONS.includeMappedTenants,
			includeUnmatchedCompanies: DEFAULT_OPTIONS.includeUnmatchedCompanies,
			reviewThreshold: DEFAULT_OPTIONS.reviewThreshold,
		});
	});
});
