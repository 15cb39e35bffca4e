import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { sharedMicrosoftProperties } from './microsoftPartnerCenterFields';

const LOGIN_HOST = "({ global: 'https://login.microsoftonline.com', usGov: 'https://login.microsoftonline.us', china: 'https://login.partner.microsoftonline.cn' }[$self.environment] || String($self.loginUrl || '').replace(/\\/+$/, ''))";
const PARTNER_CENTER_RESOURCE = "($self.environment === 'china' ? 'https://partner.partnercenterapi.microsoftonline.cn' : 'https://api.partnercenter.microsoft.com')";

/**
 * The partner user's sign-in as an n8n OAuth2 credential: "Connect" runs the authorization-code
 * flow in the browser (MFA included) and n8n keeps the tokens encrypted in `oauthTokenData`.
 * When Partner Center answers 401, n8n redeems the refresh token and stores the rotated one
 * (n8n-core requestOAuth2 → credentialsHelper.updateCredentialsOauthTokenData, under a
 * cross-process lock), so the newest refresh token lives in n8n's database for every run,
 * restart and worker. The node exchanges that token for per-customer GDAP tokens.
 */
export class MicrosoftPartnerCenterOAuth2Api implements ICredentialType {
	name = 'microsoftPartnerCenterOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Partner Center OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftPartnerCenter/microsoftPartnerCenter.svg',
		dark: 'file:../nodes/MicrosoftPartnerCenter/microsoftPartnerCenter.dark.svg',
	};

	documentationUrl =
		'https://github.com/m365-license-sync/n8n-nodes-m365-license-sync?tab=readme-ov-file#microsoft-partner-center-sign-in-gdap-consent';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		...sharedMicrosoftProperties,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${LOGIN_HOST} + '/' + $self.partnerTenantId + '/oauth2/v2.0/authorize' }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${LOGIN_HOST} + '/' + $self.partnerTenantId + '/oauth2/v2.0/token' }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Partner Center as the partner user; the same (multi-resource) refresh token then gets
			// Graph tokens for customer tenants through GDAP.
			default: `={{ ${PARTNER_CENTER_RESOURCE} + '/user_impersonation offline_access openid profile' }}`,
		},
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: 'prompt=select_account' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}
