import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IAuthenticateGeneric,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { sharedMicrosoftProperties } from './microsoftPartnerCenterFields';
import { redeemForPartnerCenter } from '../nodes/MicrosoftPartnerCenter/transport/redeem';

/**
 * Microsoft Partner Center with a refresh token pasted by hand (the Secure Application Model
 * ceremony) or App only. Kept for existing set-ups; new ones use the OAuth2 credential
 * (Connect button). The refresh token rotates: n8n calls `preAuthentication` when the stored
 * Partner Center access token is empty or was refused (401), and saves what it returns into
 * this credential (credentialsHelper.preAuthentication → updateCredentials), so the newest
 * refresh token replaces the pasted one without anyone editing the credential.
 */
export class MicrosoftPartnerCenterApi implements ICredentialType {
	name = 'microsoftPartnerCenterApi';

	displayName = 'Microsoft Partner Center API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftPartnerCenter/microsoftPartnerCenter.svg',
		dark: 'file:../nodes/MicrosoftPartnerCenter/microsoftPartnerCenter.dark.svg',
	};

	documentationUrl =
		'https://github.com/m365-license-sync/n8n-nodes-m365-license-sync?tab=readme-ov-file#microsoft-partner-center-sign-in-gdap-consent';

	properties: INodeProperties[] = [
		...sharedMicrosoftProperties,
		{
			displayName: 'Auth Mode',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'App + User (Secure Application Model)',
					value: 'appUser',
					description: "A partner user's refresh token: needed for license counts and GDAP access to customer tenants",
				},
				{
					name: 'App Only',
					value: 'appOnly',
					description: 'Client credentials: lists customers and subscriptions only. Cannot read license counts (Partner Center allows that to App + User only); Graph needs the app consented in each customer tenant.',
				},
			],
			default: 'appUser',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Refresh token of a partner user (signed in with MFA, Admin Agent role). n8n replaces it with the newest one each time it is redeemed. Prefer the Microsoft Partner Center OAuth2 API credential (Connect button).',
			displayOptions: { show: { authMode: ['appUser'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokens = await redeemForPartnerCenter((request) => this.helpers.httpRequest(request), credentials);
		return { accessToken: tokens.accessToken, ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}
