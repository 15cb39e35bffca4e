/**
 * Keeps the partner user's sign-in current before a run uses it. Refresh tokens rotate (each
 * lives at most 90 days and using it does not extend it), so the newest one must be what the
 * next run — in any process — redeems. n8n does the keeping: one Partner Center request goes
 * through `httpRequestWithAuthentication` with the credential; when the stored access token
 * is missing or refused (401), n8n redeems the refresh token and saves the answer, new refresh
 * token included, in the credential in its database:
 * - OAuth2 credential: n8n-core requestOAuth2 → refresh → credentialsHelper.updateCredentialsOauthTokenData
 *   (under a lock per credential shared by all n8n processes);
 * - refresh-token credential: credentialsHelper.preAuthentication → the credential's
 *   preAuthentication → updateCredentials.
 * The credential is then read again, so this run redeems the newest refresh token too.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { ApiError, redactText } from '../../shared';
import { CONNECTED_CREDENTIAL_TYPE, readCredentials, secretsOf, type MicrosoftCredentialType, type PartnerCenterCredentials } from './credentials';
import { signInAgain } from './loginErrors';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

function statusOf(error: unknown): number | undefined {
	const e = error as { httpCode?: string; response?: { status?: number }; cause?: { response?: { status?: number }; status?: number }; status?: number };
	const value = e?.response?.status ?? e?.cause?.response?.status ?? e?.cause?.status ?? e?.status ?? (e?.httpCode ? Number(e.httpCode) : undefined);
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function messageOf(error: unknown): string {
	const e = error as { message?: string; description?: string; cause?: { message?: string } };
	return [e?.message, e?.description, e?.cause?.message].filter(Boolean).join(' ');
}

function signInError(error: unknown, credentials: PartnerCenterCredentials): ApiError {
	const oauth = credentials.type === CONNECTED_CREDENTIAL_TYPE;
	const text = messageOf(error);
	const secrets = secretsOf(credentials);
	if (/reconnect|invalid_grant|AADSTS70008|AADSTS700082|AADSTS50173|refresh token/i.test(text)) {
		return new ApiError(`Could not sign in to Partner Center: ${signInAgain(oauth)}`, { service: 'login', code: 'invalid_grant', serviceMessage: redactText(text, secrets) });
	}
	const status = statusOf(error);
	if (status === 401 || status === 403) {
		return new ApiError(
			`Signed in, but Partner Center refused the partner user's token (${status}): register the app in Partner Center (Account settings → App management) and make sure the signed-in user has the Admin Agent role`,
			{ service: 'partnerCenter', status, serviceMessage: redactText(text, secrets) },
		);
	}
	return new ApiError(redactText(`Could not sign in to Partner Center: ${text || 'no answer'}`, secrets), { service: 'login', status, serviceMessage: redactText(text, secrets) });
}

/** The credential with the newest refresh token n8n holds, after letting n8n rotate it if due. */
export async function currentCredentials(context: Context, type: MicrosoftCredentialType): Promise<PartnerCenterCredentials> {
	const before = readCredentials(await context.getCredentials<ICredentialDataDecryptedObject>(type), type);
	if (before.authMode === 'appOnly') return before;
	try {
		await context.helpers.httpRequestWithAuthentication.call(context, type, {
			method: 'GET',
			url: `${before.urls.partnerCenter}/v1/customers`,
			qs: { size: 1 },
			headers: { Accept: 'application/json', 'MS-Contract-Version': 'v1' },
			json: true,
		});
	} catch (error) {
		const failure = signInError(error, before);
		// Throttling, a server error or a timeout says nothing about the sign-in: the run goes on
		// with the stored refresh token (still valid), and the next run rotates it.
		if (failure.details.service === 'login' && failure.details.code !== 'invalid_grant' && !/refused|reconnect/i.test(failure.message)) return before;
		throw failure;
	}
	return readCredentials(await context.getCredentials<ICredentialDataDecryptedObject>(type), type);
}
