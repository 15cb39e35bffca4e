/**
 * MSAL failures → ApiError (service "login") with a message that says what to fix.
 * The token endpoint's AADSTS codes tell a wrong secret from a dead refresh token from a
 * wrong tenant; users should not have to look them up.
 */
import { AuthError } from '@azure/msal-node';
import { ApiError, redactText } from '../../shared';

export interface LoginContext {
	tenantId: string;
	partnerTenantId: string;
	authMode: 'appUser' | 'appOnly';
	secrets: string[];
	/** The OAuth2 credential (Connect button) rather than a pasted refresh token. */
	oauth?: boolean;
}

/** What to do when the partner user's sign-in is gone, per credential kind. */
export function signInAgain(oauth: boolean | undefined): string {
	return oauth
		? 'the partner user\'s sign-in has expired or was revoked (refresh token refused): open the Microsoft Partner Center OAuth2 credential and click "Reconnect" (sign in again as a partner admin with MFA)'
		: 'the refresh token was refused (revoked, expired or issued for another app): sign in again as a partner admin with MFA and put the new refresh token in the credential — or switch to the Microsoft Partner Center OAuth2 credential, whose Connect button does this for you';
}

/** AADSTS65001 and relatives: the app has no consent (service principal) in the customer tenant. */
const CONSENT_CODES = new Set(['65001', '65004', '7000229', '7000112', '500011']);

function aadsts(message: string): string | undefined {
	return /AADSTS(\d+)/.exec(message)?.[1];
}

function reasonFor(code: string, sts: string | undefined, context: LoginContext): string | undefined {
	const partner = context.tenantId.toLowerCase() === context.partnerTenantId.toLowerCase();
	// Checked before invalid_grant: Entra answers a missing consent in a customer tenant with
	// invalid_grant too, and that is fixed per customer, not by signing in again.
	if (!partner && sts && CONSENT_CODES.has(sts)) {
		return `the app is not consented in customer tenant ${context.tenantId}: consent the app in this customer tenant — run the Microsoft Partner Center node's Customer → Grant App Consent for it (Partner Center applicationconsents; the onboarding template does this for new tenants), then run again`;
	}
	if (code === 'invalid_grant' && sts !== '50020') {
		return signInAgain(context.oauth);
	}
	if (sts === '7000215' || sts === '7000222' || sts === '7000216' || code === 'invalid_client') {
		return 'the client secret was refused (wrong or expired): create a new client secret for the app registration and update the credential';
	}
	if (sts === '700016' || code === 'unauthorized_client') {
		return `the application (client) ID is not known in tenant ${context.tenantId}: check the Client ID, and that the app is multi-tenant and consented`;
	}
	if (sts === '90002' || sts === '900023' || sts === '90072' || sts === '50020') {
		return partner
			? `tenant ${context.tenantId} was not found: check the Partner Tenant ID in the credential`
			: `tenant ${context.tenantId} was not found or does not accept sign-ins from the partner: it may have been deleted or the relationship ended`;
	}
	if (sts === '65001' || sts === '7000112') {
		return `the app is not consented in the partner tenant ${context.tenantId}: grant admin consent to the app registration in your own tenant (Entra admin center → App registrations → API permissions → Grant admin consent)`;
	}
	return undefined;
}

export function loginError(error: unknown, context: LoginContext): ApiError {
	const auth = error instanceof AuthError ? error : undefined;
	const code = auth?.errorCode ?? '';
	const raw = auth?.errorMessage || (error instanceof Error ? error.message : String(error));
	const firstLine = redactText(raw.split(/\r?\n/)[0].trim(), context.secrets);
	const sts = aadsts(raw);
	const status = typeof (error as { status?: unknown })?.status === 'number' ? ((error as { status: number }).status) : undefined;
	const reason = reasonFor(code, sts, context)
		?? (code === 'network_error' || code === 'endpoints_resolution_error'
			? `Microsoft login could not be reached (${firstLine})`
			: `Microsoft login refused the token request (${code || 'error'}: ${firstLine})`);
	return new ApiError(redactText(`Could not get a token for tenant ${context.tenantId}: ${reason}`, context.secrets), {
		service: 'login',
		status,
		code: sts ? `AADSTS${sts}` : code || undefined,
		serviceMessage: firstLine,
	});
}

/** Failures that will not go away by asking again within this run: the credential or a consent must change. */
export function isLastingLoginFailure(error: unknown): boolean {
	if (!(error instanceof ApiError) || error.details.service !== 'login') return false;
	return /refresh token|sign-in|client secret|client\) ID|was not found|not consented/.test(error.message);
}
