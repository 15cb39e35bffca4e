import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as agreement from './actions/agreement';
import * as agreementAddition from './actions/agreementAddition';
import * as agreementType from './actions/agreementType';
import * as company from './actions/company';
import * as contact from './actions/contact';
import * as plan from './actions/plan';
import * as product from './actions/product';
import { router } from './actions/router';
import { connectWisePsaApiTest } from './methods/credentialTest';
import { searchAgreements, searchAgreementTypes, searchCompanies, searchProducts } from './methods/listSearch';

export class ConnectWisePsa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ConnectWise PSA',
		name: 'connectWisePsa',
		icon: { light: 'file:connectWisePsa.svg', dark: 'file:connectWisePsa.dark.svg' },
		group: ['transform'],
		// 1.1: agreement and product of the addition operations are pickers (search, ID, or an expression); 1 keeps them as text.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read companies, agreements and catalog products, and write agreement additions in ConnectWise PSA',
		defaults: { name: 'ConnectWise PSA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectWisePsaApi', required: true, testedBy: 'connectWisePsaApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agreement', value: 'agreement' },
					{ name: 'Agreement Addition', value: 'agreementAddition' },
					{ name: 'Agreement Type', value: 'agreementType' },
					{ name: 'Company', value: 'company' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Plan', value: 'plan' },
					{ name: 'Product', value: 'product' },
				],
				default: 'company',
			},
			...company.description,
			...agreement.description,
			...agreementType.description,
			...agreementAddition.description,
			...product.description,
			...contact.description,
			...plan.description,
		],
	};

	methods = {
		listSearch: { searchCompanies, searchAgreements, searchAgreementTypes, searchProducts },
		credentialTest: { connectWisePsaApiTest },
	};

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
