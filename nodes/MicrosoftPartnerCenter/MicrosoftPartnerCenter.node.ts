import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as customer from './actions/customer';
import * as gdapRelationship from './actions/gdapRelationship';
import * as license from './actions/license';
import * as organization from './actions/organization';
import * as subscription from './actions/subscription';
import * as user from './actions/user';
import { router } from './actions/router';
import { microsoftPartnerCenterApiTest } from './methods/credentialTest';
import { searchCustomers } from './methods/listSearch';

export class MicrosoftPartnerCenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Partner Center',
		name: 'microsoftPartnerCenter',
		icon: { light: 'file:microsoftPartnerCenter.svg', dark: 'file:microsoftPartnerCenter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read customers, licenses, subscriptions, users, domains and GDAP relationships from Microsoft Partner Center and Graph',
		defaults: { name: 'Microsoft Partner Center' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'microsoftPartnerCenterApi', required: true, testedBy: 'microsoftPartnerCenterApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'GDAP Relationship', value: 'gdapRelationship' },
					{ name: 'License', value: 'license' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'User', value: 'user' },
				],
				default: 'license',
			},
			...customer.description,
			...gdapRelationship.description,
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
