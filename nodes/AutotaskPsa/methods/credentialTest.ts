/**
 * The credential test: find the zone (unless given), then read the hourly threshold with
 * the headers as entered, and say which field to fix. Autotask answers a wrong secret with
 * 401 but an unknown user or integration code with 500 (apigrate/autotask-restapi#19), so
 * the message is chosen from Autotask's own words.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { ApiError, redactText } from '../../shared';
import { createAutotaskClient, CredentialSettingsError, type AutotaskCredentialData, type ThresholdInformation } from '../transport';

export function credentialTestMessage(error: unknown, data: AutotaskCredentialData): string {
	if (error instanceof CredentialSettingsError) return error.message;
	if (!(error instanceof ApiError)) return `Could not test the credential: ${error instanceof Error ? error.message : String(error)}`;
	const serviceMessage = error.details.serviceMessage;
	const said = serviceMessage ? ` (Autotask said: ${serviceMessage})` : '';
	const user = (data.userName ?? '').trim();
	if (error.status === undefined) return `Could not reach Autotask at the zone URL: check the URL and that it is reachable${said}`;
	if (/integration\s*code/i.test(serviceMessage)) return `Autotask did not accept the API Integration Code (the tracking identifier of the API user): check it in the API user's settings${said}`;
	if (/impersonation/i.test(serviceMessage)) return `Autotask did not accept the Impersonation Resource ID: it must be the id of an active resource that allows impersonation${said}`;
	switch (error.status) {
		case 401:
			return `Autotask did not accept the Secret for API user "${user}": check the Secret${data.zone === 'manual' ? ' and the API User Name' : ''}${said}`;
		case 403:
			return `API user "${user}" may not use the REST API: give it the security level API User (API-only)${said}`;
		case 404:
			return `No Autotask REST API at this zone URL: use the URL zoneInformation names (e.g. https://webservices5.autotask.net/ATServicesRest/), or let the node find it${said}`;
		case 500:
			if (/user/i.test(serviceMessage)) return `Autotask does not know API user "${user}" in this zone: check the API User Name${said}`;
			return error.message;
		default:
			return error.message;
	}
}

export async function autotaskPsaApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as AutotaskCredentialData;
	let secrets: string[] = [];
	try {
		// One attempt and no threshold guard: a test answers quickly and makes two calls.
		const client = createAutotaskClient(data, { maxAttempts: 1, unguarded: true });
		secrets = client.secrets;
		const zone = await client.zone();
		const info = await client.get<ThresholdInformation>('/ThresholdInformation', 'read the hourly API threshold');
		const usage = info?.externalRequestThreshold ? `; ${info.currentTimeframeRequestCount ?? 0} of ${info.externalRequestThreshold} requests used this hour` : '';
		return { status: 'OK', message: `Connected to Autotask PSA at ${zone}${usage}` };
	} catch (error) {
		return { status: 'Error', message: redactText(credentialTestMessage(error, data), secrets) };
	}
}
