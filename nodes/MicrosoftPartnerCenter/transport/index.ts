/** What operations use: `getApi(this)` gives the clients for this execution's credential. */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { createApi, type ClientOptions, type PartnerCenterApi } from './clients';
import { CREDENTIAL_TYPE, readCredentials } from './credentials';
import { tokenProviderFor } from './tokenProvider';

export type { PartnerCenterApi } from './clients';
export { CREDENTIAL_TYPE } from './credentials';

export function apiFromCredentialData(data: ICredentialDataDecryptedObject, options: ClientOptions = {}): PartnerCenterApi {
	const credentials = readCredentials(data);
	return createApi(credentials, tokenProviderFor(credentials), options);
}

export async function getApi(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<PartnerCenterApi> {
	const data = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	return apiFromCredentialData(data);
}
