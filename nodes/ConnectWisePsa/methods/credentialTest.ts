/**
 * The credential test: GET /system/info with the keys as entered, and a message that
 * says which field to fix.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { ApiError, redactText } from '../../shared';
import { createConnectWiseClient, CredentialSettingsError } from '../transport';
import type { ConnectWiseCredentialData } from '../transport/settings';

export function credentialTestMessage(error: unknown, data: ConnectWiseCredentialData): string {
	if (error instanceof CredentialSettingsError) return error.message;
	if (!(error instanceof ApiError)) return `Could not test the credential: ${error instanceof Error ? error.message : String(error)}`;
	const said = error.details.serviceMessage ? ` (ConnectWise said: ${error.details.serviceMessage})` : '';
	const companyId = typeof data.companyId === 'string' ? data.companyId.trim() : '';
	switch (error.status) {
		case undefined:
			return `Could not reach ConnectWise PSA at the site URL: check the host name and that the server is reachable${said}`;
		case 401:
			if (/company/i.test(error.details.serviceMessage)) return `ConnectWise PSA does not know company ID "${companyId}": check the company ID${said}`;
			if (/client\s*id/i.test(error.details.serviceMessage)) return `ConnectWise PSA rejected the client ID: check it in the developer portal${said}`;
			return `ConnectWise PSA did not accept the keys for company ID "${companyId}": check the company ID, public key and private key${said}`;
		case 403:
			return `The API member has no permission to read system information: check its security role${said}`;
		case 404:
			return `No ConnectWise PSA API at this site URL: use the API host (e.g. api-na.myconnectwise.net) or your server's address${said}`;
		default:
			return error.message;
	}
}

export async function connectWisePsaApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ConnectWiseCredentialData;
	let secrets: string[] = [];
	try {
		// One attempt: a test should answer quickly, not wait out back-offs.
		const client = createConnectWiseClient(data, { maxAttempts: 1 });
		secrets = client.secrets;
		const info = await client.get<{ version?: string }>('/system/info', 'read system information');
		return { status: 'OK', message: `Connected to ConnectWise PSA${info?.version ? ` ${info.version}` : ''}` };
	} catch (error) {
		return { status: 'Error', message: redactText(credentialTestMessage(error, data), secrets) };
	}
}
