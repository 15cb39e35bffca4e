import type { Inputs } from './inputs';
import type { AgreementFacts, Link } from './types';

/** C1: why the link's licenses or agreement lines are unknown this run, or null. */
export function readFailureReasons(link: Link, inputs: Inputs): { reasons: string[]; error: string; field: string | null } | null {
	const { licenses, additions } = inputs.failures;
	if (licenses.rows.size === 0 && additions.rows.size === 0) return null;
	const found: Array<{ reason: string; error: string; field: string }> = [];
	const tenantError = licenses.byId.get(link.tenantId) ?? licenses.all;
	if (tenantError !== null) found.push({ reason: `could not read licenses of tenant ${link.tenantId}: ${tenantError}`, error: tenantError, field: 'tenantId' });
	const agreementError = additions.byId.get(link.agreementId) ?? additions.all;
	if (agreementError !== null) found.push({ reason: `could not read lines of agreement ${link.agreementId}: ${agreementError}`, error: agreementError, field: 'agreementId' });
	if (found.length === 0) return null;
	return { reasons: found.map((f) => f.reason), error: found.map((f) => f.error).join('; '), field: found.length === 1 ? found[0].field : null };
}

function company(id: number, name: string | null): string {
	return name ? `company ${id} (${name})` : `company ${id}`;
}

/** C2: a link writes only to an agreement of the company its tenant is mapped to. */
export function companyMismatch(link: Link, agreement: AgreementFacts): string | null {
	if (link.companyId === null || agreement.agreementCompanyId === null || link.companyId === agreement.agreementCompanyId) return null;
	return (
		`agreement ${link.agreementId} belongs to ${company(agreement.agreementCompanyId, agreement.agreementCompanyName)}, ` +
		`but tenant ${link.tenantId} is mapped to ${company(link.companyId, link.companyName)}: link an agreement of that company`
	);
}

/** Rule B5: a rejected license row the link may count stops the link (its count is unknown). */
export function rejectedLicense(link: Link, inputs: Inputs): { field: string; reason: string } | null {
	const ofTenant = inputs.rejectedLicenses.get(link.tenantId);
	if (!ofTenant) return null;
	const rejected = ofTenant.filter((r) => r.skuId === null || link.skuIds.includes(r.skuId));
	if (rejected.length === 0) return null;
	const sorted = [...rejected].sort((a, b) => (a.problem.reason < b.problem.reason ? -1 : a.problem.reason > b.problem.reason ? 1 : 0));
	const reasons = sorted.map((r) => r.problem.reason).join('; ');
	return { field: `license.${sorted[0].field}`, reason: `${reasons}: the license row was rejected, so this line is not synced until it is fixed` };
}
