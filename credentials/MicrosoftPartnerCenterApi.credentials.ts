import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Microsoft Partner Center (and Graph through GDAP). Tokens come from MSAL in the node's
 * transport, not from n8n's OAuth2 flow: the Secure Application Model refresh token is
 * exchanged per customer tenant. So the test is a method on the node
 * (`microsoftPartnerCenterApiTest`): it gets a token and reads one customer.
 */
export class MicrosoftPartnerCenterApi implements ICredentialType {
	name = 'microsoftPartnerCenterApi';

	displayName = 'Microsoft Partner Center API';

	icon: Icon = {
		light: 'file:../nodes/MicrosoftPartnerCenter/microsoftPartnerCenter.svg',
		dark: 'file:../nodes/MicrosoftPartnerCenter/microsoftPartnerCenter.dark.svg',
	};

	documentationUrl = 'https://learn.microsoft.com/en-us/partner-center/developer/enable-secure-app-model';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Global', value: 'global' },
				{ name: 'US Government (GCC High)', value: 'usGov' },
				{ name: 'China (21Vianet)', value: 'china' },
				{ name: 'Custom', value: 'custom', description: 'Your own login, Partner Center and Graph URLs (a proxy or a test sandbox)' },
			],
			default: 'global',
		},
		{
			displayName: 'Login URL',
			name: 'loginUrl',
			type: 'string',
			default: '',
			placeholder: 'https://login.example.com',
			description: 'Stands in for https://login.microsoftonline.com (tokens are posted to {URL}/{tenant}/oauth2/v2.0/token)',
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Partner Center URL',
			name: 'partnerCenterUrl',
			type: 'string',
			default: '',
			placeholder: 'https://partnercenter.example.com',
			description: 'Stands in for https://api.partnercenter.microsoft.com (without /v1)',
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Graph URL',
			name: 'graphUrl',
			type: 'string',
			default: '',
			placeholder: 'https://graph.example.com',
			description: 'Stands in for https://graph.microsoft.com (without /v1.0)',
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Partner Tenant ID',
			name: 'partnerTenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 8d1b2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
			description: "Your own (the partner's) Microsoft Entra tenant ID or primary domain",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Application (client) ID of the multi-tenant app registration used with Partner Center',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Auth Mode',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'App + User (Secure Application Model)',
					value: 'appUser',
					description: "A partner user's refresh token: needed for GDAP access to customer tenants",
				},
				{
					name: 'App Only',
					value: 'appOnly',
					description: 'Client credentials: the app must be consented in each customer tenant',
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
			description: 'The Secure Application Model refresh token of a partner user (signed in with MFA, Admin Agent role)',
			displayOptions: { show: { authMode: ['appUser'] } },
		},
	];
}
