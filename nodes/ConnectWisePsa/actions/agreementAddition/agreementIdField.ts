import type { INodeProperties } from 'n8n-workflow';

export const agreementIdField: INodeProperties = {
	displayName: 'Agreement ID',
	name: 'agreementId',
	type: 'string',
	default: '={{ $json.agreementId }}',
	required: true,
	description: 'The agreement the additions belong to; by default taken from each input item',
};

export const additionIdField: INodeProperties = {
	displayName: 'Addition ID',
	name: 'additionId',
	type: 'string',
	default: '={{ $json.additionId }}',
	required: true,
};
