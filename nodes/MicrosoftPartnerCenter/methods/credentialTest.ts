/**
 * Credential test: get a Partner Center token and read one customer, then say which reads
 * this sign-in allows. A fresh token provider (nothing cached) so the test says what is true now.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { ApiError, redactText } from '../../shared';
import { LICENSE_ROLES } from '../helpers/tenantErrors';
import { createApi } from '../transport/clients';
import { CREDENTIAL_TYPE, CONNECTED_CREDENTIAL_TYPE, readCredentials, secretsOf, type MicrosoftCredentialType } from '../transport/credentials';
import { createTokenProvider } from '../transport/tokenProvider';
import { customerPages } from '../transport/resources';

function explain(error: unknown): string {
	if (error instanceof ApiError) {
		const { service, status } = error.details;
		if (service === 'partnerCenter' && (status === 401 || status === 403)) {
			return `Got a token, but Partner Center refused it (${status}): register the app in Partner Center (Account settings → App management) and make sure the signed-in partner user has the Admin Agent role`;
		}
		return error.message;
	}
	return error instanceof Error ? error.message : String(error);
}

/** What each sign-in mode can read (Partner Center documents subscribedskus as App+User only). */
export function allowedReads(authMode: 'appUser' | 'appOnly'): string {
	return authMode === 'appUser'
		? `License counts need a GDAP role (${LICENSE_ROLES}) in each customer tenant; Graph reads (usernames, domains) need the app consented in each customer tenant (Customer → Grant App Consent).`
		: 'App only can list customers and subscriptions but cannot read license counts (Partner Center allows that to App + User sign-in only): use the OAuth2 credential or Auth Mode "App + User" for license sync.';
}

export async function microsoftPartnerCenterApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	let secrets: string[] = [];
	try {
		const type: MicrosoftCredentialType = credential.type === CONNECTED_CREDENTIAL_TYPE ? CONNECTED_CREDENTIAL_TYPE : CREDENTIAL_TYPE;
		const credentials = readCredentials(credential.data ?? {}, type);
		secrets = secretsOf(credentials);
		const api = createApi(credentials, createTokenProvider(credentials), { retry: { maxAttempts: 2 } });
		const first = await customerPages(api, { pageSize: 1, limit: 1 }).next();
		const customers = first.done ? [] : first.value;
		const who = customers[0]?.companyProfile?.companyName;
		const read = who ? `read customer "${who}"` : 'the partner has no customers yet';
		const mode = credentials.authMode === 'appUser' ? 'as a partner user (App + User)' : '(App only)';
		return { status: 'OK', message: `Connected ${mode}: ${read}. ${allowedReads(credentials.authMode)}` };
	} catch (error) {
		return { status: 'Error', message: redactText(explain(error), secrets) };
	}
}
