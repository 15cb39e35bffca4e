import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * ConnectWise PSA (Manage) REST API member or integrator keys. The node builds the
 * Basic header itself (`companyId+publicKey:privateKey`) and sends `clientId` on every
 * request; the test lives on the node (`connectWisePsaApiTest`) so it can say which
 * field is wrong instead of just "401".
 */
export class ConnectWisePsaApi implements ICredentialType {
	name = 'connectWisePsaApi';

	displayName = 'ConnectWise PSA API';

	icon: Icon = {
		light: 'file:../nodes/ConnectWisePsa/connectWisePsa.svg',
		dark: 'file:../nodes/ConnectWisePsa/connectWisePsa.dark.svg',
	};

	documentationUrl = 'https://github.com/m365-license-sync/n8n-nodes-m365-license-sync?tab=readme-ov-file#connectwise-psa-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'siteUrl',
			type: 'string',
			default: 'api-na.myconnectwise.net',
			required: true,
			placeholder: 'api-na.myconnectwise.net',
			description:
				'Your ConnectWise PSA address as you use it: a cloud host (na.myconnectwise.net or api-na.myconnectwise.net, likewise eu, au) or the https URL of an on-premises server; a pasted API URL (…/v4_6_release/apis/3.0) works too. The node asks the site for its codebase (login/companyinfo) and uses the api- host on cloud. Plain http is accepted only for localhost.',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The company ID you type on the ConnectWise PSA login page',
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The integration client ID (a GUID) from the ConnectWise developer portal',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2025.1',
			description:
				'Sent in the Accept header: application/vnd.connectwise.com+json; version=…. The schema version the node is written against is 2025.1 (what ConnectWise\'s own API clients for that release send); an older on-premises server may need its own version, e.g. 2021.1.',
		},
	];
}
