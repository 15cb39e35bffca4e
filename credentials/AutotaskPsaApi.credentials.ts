import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Autotask PSA REST API user. Every call carries the `UserName`, `Secret` and
 * `ApiIntegrationCode` headers (and `ImpersonationResourceId` when set) and goes to the
 * user's zone, which the node finds through zoneInformation unless it is given here. The
 * test lives on the node (`autotaskPsaApiTest`) so it can say which field is wrong.
 */
export class AutotaskPsaApi implements ICredentialType {
	name = 'autotaskPsaApi';

	displayName = 'Autotask PSA API';

	icon: Icon = {
		light: 'file:../nodes/AutotaskPsa/autotaskPsa.svg',
		dark: 'file:../nodes/AutotaskPsa/autotaskPsa.dark.svg',
	};

	documentationUrl = 'https://github.com/m365-license-sync/n8n-nodes-m365-license-sync?tab=readme-ov-file#autotask-psa-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'api-user@yourmsp.com',
			description: 'The user name of an API user (security level API User (API-only)), as Autotask shows it',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The API user's secret (its password)",
		},
		{
			displayName: 'API Integration Code',
			name: 'integrationCode',
			type: 'string',
			default: '',
			required: true,
			description: "The tracking identifier on the API user's settings (Integration Vendor or Custom (Internal Integration))",
		},
		{
			displayName: 'Impersonation Resource ID',
			name: 'impersonationResourceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 29682901',
			description: 'Optional: the id of a resource (person) whose name writes should carry in Autotask instead of the API user; the resource must allow impersonation',
		},
		{
			displayName: 'Zone',
			name: 'zone',
			type: 'options',
			default: 'lookup',
			options: [
				{ name: 'Find Automatically', value: 'lookup', description: "Ask Autotask's zoneInformation for the API user's zone" },
				{ name: 'Enter by Hand', value: 'manual', description: 'Give the zone URL (e.g. when a proxy sits in front of Autotask)' },
			],
		},
		{
			displayName: 'Zone URL',
			name: 'zoneUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://webservices5.autotask.net/ATServicesRest/',
			description: 'The REST API URL of your zone (what zoneInformation answers as url)',
			displayOptions: { show: { zone: ['manual'] } },
		},
		{
			displayName: 'Zone Lookup URL',
			name: 'lookupUrl',
			type: 'string',
			default: 'https://webservices.autotask.net/ATServicesRest/',
			description: 'Where zoneInformation is asked. Change it only for a test server or a proxy.',
			displayOptions: { show: { zone: ['lookup'] } },
		},
	];
}
