/** What operations use: `getApi(this)` gives the clients for this execution's credential. */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { createApi, type ClientOptions, type PartnerCenterApi } from './clients';
import { CREDENTIAL_TYPE, CONNECTED_CREDENTIAL_TYPE, readCredentials, type MicrosoftCredentialType, type PartnerCenterCredentials } from './credentials';
import { currentCredentials } from './signIn';
import { forExecution, tokenProviderFor } from './tokenProvider';

export type { PartnerCenterApi } from './clients';
export { CREDENTIAL_TYPE, CONNECTED_CREDENTIAL_TYPE } from './credentials';

export function apiFor(credentials: PartnerCenterCredentials, options: ClientOptions = {}): PartnerCenterApi {
	return createApi(credentials, forExecution(tokenProviderFor(credentials)), options);
}

export function apiFromCredentialData(data: ICredentialDataDecryptedObject, options: ClientOptions = {}, type: MicrosoftCredentialType = CREDENTIAL_TYPE): PartnerCenterApi {
	return apiFor(readCredentials(data, type), options);
}

/** Which of the two credentials the node uses (its Authentication parameter). */
export function credentialTypeOf(context: IExecuteFunctions | ILoadOptionsFunctions): MicrosoftCredentialType {
	const authentication = 'getInputData' in context
		? context.getNodeParameter('authentication', 0, 'refreshToken')
		: context.getNodeParameter('authentication', 'refreshToken');
	return authentication === 'oAuth2' ? CONNECTED_CREDENTIAL_TYPE : CREDENTIAL_TYPE;
}

export async function getApi(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<PartnerCenterApi> {
	return apiFor(await currentCredentials(context, credentialTypeOf(context)));
}
