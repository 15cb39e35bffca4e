/**
 * One token request for the partner's own Partner Center token, made through n8n's HTTP helper
 * (the legacy credential's preAuthentication): the refresh token grant answers with a new
 * refresh token, which n8n then saves in the credential. Errors carry the AADSTS text only,
 * never the request (it holds the secret and the refresh token).
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { ApiError, redactText } from '../../shared';
import { CREDENTIAL_TYPE, readCredentials, secretsOf } from './credentials';
import { scopeOf } from './environment';

export interface RedeemedTokens {
	accessToken: string;
	refreshToken?: string;
}

type HttpRequest = (request: IHttpRequestOptions) => Promise<unknown>;

function describe(error: unknown): string {
	const response = (error as { response?: { data?: unknown; body?: unknown } })?.response;
	const cause = (error as { cause?: { response?: { data?: unknown } } })?.cause?.response;
	const body = (response?.data ?? response?.body ?? cause?.data) as { error?: string; error_description?: string } | undefined;
	if (body && typeof body === 'object' && (body.error || body.error_description)) {
		return `${body.error ?? 'error'}: ${(body.error_description ?? '').split(/\r?\n/)[0]}`;
	}
	return error instanceof Error ? error.message : String(error);
}

function loginRefusal(message: string, serviceMessage: string): ApiError {
	return new ApiError(message, { service: 'login', serviceMessage });
}

export async function redeemForPartnerCenter(httpRequest: HttpRequest, data: ICredentialDataDecryptedObject): Promise<RedeemedTokens> {
	const credentials = readCredentials(data, CREDENTIAL_TYPE);
	const form = new URLSearchParams({
		client_id: credentials.clientId,
		client_secret: credentials.clientSecret,
		scope: `${scopeOf(credentials.urls.partnerCenterResource)}${credentials.authMode === 'appUser' ? ' offline_access' : ''}`,
		...(credentials.authMode === 'appUser'
			? { grant_type: 'refresh_token', refresh_token: credentials.refreshToken! }
			: { grant_type: 'client_credentials' }),
	});
	let answer: { access_token?: string; refresh_token?: string };
	try {
		answer = (await httpRequest({
			method: 'POST',
			url: `${credentials.urls.login}/${encodeURIComponent(credentials.partnerTenantId)}/oauth2/v2.0/token`,
			body: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			json: true,
		})) as typeof answer;
	} catch (error) {
		const text = redactText(describe(error), secretsOf(credentials));
		throw loginRefusal(`Microsoft login refused the Partner Center token request (${text})`, text);
	}
	if (!answer?.access_token) throw loginRefusal('Microsoft login answered without an access token', 'no access_token');
	return { accessToken: answer.access_token, ...(answer.refresh_token ? { refreshToken: answer.refresh_token } : {}) };
}
