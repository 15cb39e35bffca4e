/**
 * A tenant's call failed: say which tenant and what to do. The partner-wide failures
 * (dead refresh token, wrong secret) keep their own message, they are about the credential.
 */
import { ApiError } from '../../shared';

/** Partner Center "Get a list of available licenses": any of these GDAP roles in the customer tenant. */
export const LICENSE_ROLES = 'Directory Readers, Global Reader, User Administrator or License Administrator';

/** Roles that may read Microsoft 365 usage reports through the API (Microsoft 365 message center MC196237; Graph "Authorization for APIs to read Microsoft 365 usage reports"). */
export const REPORT_ROLES = 'Reports Reader, Global Reader, Exchange Administrator or Global Administrator';
export const REPORTS_PERMISSION = 'Reports.Read.All';

export interface TenantRef {
	tenantId: string;
	tenantName?: string;
}

export class TenantError extends ApiError {
	readonly tenant: TenantRef;

	constructor(message: string, cause: ApiError, tenant: TenantRef) {
		super(message, cause.details);
		this.name = 'TenantError';
		this.tenant = tenant;
	}
}

export function describeTenant(tenant: TenantRef): string {
	return tenant.tenantName ? `Tenant ${tenant.tenantName} (${tenant.tenantId})` : `Tenant ${tenant.tenantId}`;
}

function advice(error: ApiError, who: string): string | undefined {
	const { service, status, code } = error.details;
	if (service === 'login') {
		if (/refresh token|sign-in|client secret|client\) ID/.test(error.message)) return undefined;
		return `${who}: ${error.message.replace(/^Could not get a token for tenant [^:]+: /, '')}`;
	}
	if (service === 'graph' && status === 403 && /\/reports\//i.test(error.details.request ?? '')) {
		return `${who}: Graph refused the mailbox usage report (403). It needs the app permission ${REPORTS_PERMISSION} (Customer → Grant App Consent) and, through GDAP, one of these roles for the partner user: ${REPORT_ROLES}`;
	}
	if (service === 'graph' && status === 403 && /\/groups\//i.test(error.details.request ?? '')) {
		return `${who}: Graph refused to read the group's members (403). Custom group counts need the app permission GroupMember.Read.All (Customer → Grant App Consent, with "Replace an Existing Consent" for a tenant consented before) and an active GDAP relationship giving the partner user Directory Readers or Global Reader`;
	}
	if (service === 'graph' && (status === 403 || code === 'Authorization_RequestDenied')) {
		return `${who} has no active GDAP relationship with the Graph roles needed: renew GDAP in Partner Center (or grant the roles in the relationship)`;
	}
	if (service === 'graph' && status === 401) {
		return `${who} did not accept the Graph token: check that GDAP is active or, in App only mode, that the app is consented in the tenant`;
	}
	if (service === 'partnerCenter' && status === 404) {
		return `${who} was not found in Partner Center: the customer relationship may have ended — remove the tenant from your mappings or check the tenant ID`;
	}
	if (service === 'partnerCenter' && status === 403 && /subscribedskus/i.test(error.details.request ?? '')) {
		return `${who}: Partner Center refused to read its license counts (403). License counts need App + User sign-in and a GDAP relationship with this customer that gives the partner user one of these roles: ${LICENSE_ROLES}. Add the role to the customer's GDAP relationship (and the partner user to its security group), or renew GDAP if it ended`;
	}
	if (service === 'partnerCenter' && status === 403) {
		return `${who}: Partner Center denied access — the customer may be suspended or the signed-in partner user lacks the Admin Agent role`;
	}
	return undefined;
}

export function tenantFailure(error: unknown, tenant: TenantRef): unknown {
	if (!(error instanceof ApiError) || error instanceof TenantError) return error;
	const who = describeTenant(tenant);
	const message = advice(error, who);
	if (message) return new TenantError(message, error, tenant);
	// A credential problem reads the same for every tenant; the item still names its tenant.
	if (error.details.service === 'login') return new TenantError(error.message, error, tenant);
	return new TenantError(`${who}: ${error.message}`, error, tenant);
}

/** Runs a tenant's work and turns its failure into a TenantError. */
export async function forTenant<T>(tenant: TenantRef, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw tenantFailure(error, tenant);
	}
}
