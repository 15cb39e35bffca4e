/**
 * Credential test: get a Partner Center token and read one customer. A fresh token
 * provider (nothing cached) so the test says what is true now.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { ApiError, redactText } from '../../shared';
import { createApi } from '../transport/clients';
import { readCredentials, secretsOf } from '../transport/credentials';
import { createTokenProvider } from '../transport/tokenProvider';
import { customerPages } from '../transport/resources';

function explain(error: unknown): string {
	if (error instanceof ApiError) {
		const { service, status } = error.details;
		if (service === 'partnerCenter' && (status === 401 || status === 403)) {
			return `Got a token, but Partner Center refused it (${status}): register the app in Partner Center (Account settings → App management) and make sure the refresh token belongs to a partner user with the Admin Agent role`;
		}
		return error.message;
	}
	return error instanceof Error ? error.message : String(error);
}

export async function microsoftPartnerCenterApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	let secrets: string[] = [];
	try {
		const credentials = readCredentials(credential.data ?? {});
		secrets = secretsOf(credentials);
		const api = createApi(credentials, createTokenProvider(credentials), { retry: { maxAttempts: 2 } });
		const first = await customerPages(api, { pageSize: 1, limit: 1 }).next();
		const customers = first.done ? [] : first.value;
		const who = customers[0]?.companyProfile?.companyName;
		return { status: 'OK', message: who ? `Connected: read customer "${who}"` : 'Connected: the partner has no customers yet' };
	} catch (error) {
		return { status: 'Error', message: redactText(explain(error), secrets) };
	}
}
