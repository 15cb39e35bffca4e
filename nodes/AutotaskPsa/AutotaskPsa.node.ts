import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as company from './actions/company';
import * as contact from './actions/contact';
import * as contract from './actions/contract';
import * as contractCategory from './actions/contractCategory';
import * as contractService from './actions/contractService';
import * as plan from './actions/plan';
import { router } from './actions/router';
import * as service from './actions/service';
import { autotaskPsaApiTest } from './methods/credentialTest';
import { searchCompanies, searchContracts, searchServices } from './methods/listSearch';

export class AutotaskPsa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autotask PSA',
		name: 'autotaskPsa',
		icon: { light: 'file:autotaskPsa.svg', dark: 'file:autotaskPsa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read companies, contracts, contract categories and services, and write contract service units in Autotask PSA',
		defaults: { name: 'Autotask PSA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autotaskPsaApi', required: true, testedBy: 'autotaskPsaApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Contract', value: 'contract' },
					{ name: 'Contract Category', value: 'contractCategory' },
					{ name: 'Contract Service', value: 'contractService' },
					{ name: 'Plan', value: 'plan' },
					{ name: 'Service', value: 'service' },
				],
				default: 'company',
			},
			...company.description,
			...contract.description,
			...contractCategory.description,
			...contractService.description,
			...service.description,
			...contact.description,
			...plan.description,
		],
	};

	methods = {
		listSearch: { searchCompanies, searchContracts, searchServices },
		credentialTest: { autotaskPsaApiTest },
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
