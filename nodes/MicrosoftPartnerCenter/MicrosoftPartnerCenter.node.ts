import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IDisplayOptions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as customer from './actions/customer';
import * as gdapRelationship from './actions/gdapRelationship';
import * as group from './actions/group';
import * as license from './actions/license';
import * as organization from './actions/organization';
import * as subscription from './actions/subscription';
import * as user from './actions/user';
import { router } from './actions/router';
import { microsoftPartnerCenterApiTest } from './methods/credentialTest';
import { searchCustomers } from './methods/listSearch';

const AUTHENTICATION_OPTIONS = [
	{
		name: 'OAuth2 (Connect Button, Recommended)',
		value: 'oAuth2',
		description: 'A partner admin signs in once from the credential; n8n keeps the rotating refresh token current',
	},
	{
		name: 'Refresh Token or App Only',
		value: 'refreshToken',
		description: 'A refresh token pasted by hand (kept current by n8n from then on), or App only, which cannot read license counts',
	},
];

function resourceProperty(defaultResource: string, show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'customer' },
			{ name: 'GDAP Relationship', value: 'gdapRelationship' },
			{ name: 'Group', value: 'group' },
			{ name: 'License', value: 'license' },
			{ name: 'Organization', value: 'organization' },
			{ name: 'Subscription', value: 'subscription' },
			{ name: 'User', value: 'user' },
		],
		default: defaultResource,
		displayOptions: { show },
	};
}

export class MicrosoftPartnerCenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Partner Center',
		name: 'microsoftPartnerCenter',
		icon: { light: 'file:microsoftPartnerCenter.svg', dark: 'file:microsoftPartnerCenter.dark.svg' },
		group: ['transform'],
		// 1.1: new nodes sign in with the OAuth2 credential (Connect button); 1 keeps the refresh-token credential.
		// 1.2: the tenant is a picker (from the customer list, by ID, or an expression); 1 and 1.1 keep the Tenant ID text.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read customers, licenses, subscriptions, users, domains and GDAP relationships from Microsoft Partner Center and Graph',
		defaults: { name: 'Microsoft Partner Center' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'microsoftPartnerCenterOAuth2Api', required: true, testedBy: 'microsoftPartnerCenterApiTest', displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'microsoftPartnerCenterApi', required: true, testedBy: 'microsoftPartnerCenterApiTest', displayOptions: { show: { authentication: ['refreshToken'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: AUTHENTICATION_OPTIONS,
				default: 'refreshToken',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: AUTHENTICATION_OPTIONS,
				default: 'oAuth2',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
			},
			// 1.2 opens on Customer → Get Many, which runs from an empty canvas; License → Get Many needs tenants as input.
			resourceProperty('license', { '@version': [1, 1.1] }),
			resourceProperty('customer', { '@version': [{ _cnd: { gte: 1.2 } }] }),
			...customer.description,
			...gdapRelationship.description,
			...group.description,
			...license.description,
			...organization.description,
			...subscription.description,
			...user.description,
		],
	};

	methods = {
		listSearch: { searchCustomers },
		credentialTest: { microsoftPartnerCenterApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
