import type { INodeProperties } from 'n8n-workflow';
import { agreementLocator } from '../common.descriptions';

const AGREEMENT_DESCRIPTION = 'The agreement the additions belong to; by default taken from each input item';
const v1 = { show: { '@version': [1] } };
const fromV11 = { show: { '@version': [{ _cnd: { gte: 1.1 } }] } };

/**
 * The agreement of the addition operations: text in version 1 (its saved workflows keep it),
 * a picker from 1.1 (search the agreements, an ID, or an expression; by default the item's agreementId).
 */
export const agreementIdFields: INodeProperties[] = [
	{ displayName: 'Agreement ID', name: 'agreementId', type: 'string', default: '={{ $json.agreementId }}', required: true, description: AGREEMENT_DESCRIPTION, displayOptions: v1 },
	{ ...agreementLocator(AGREEMENT_DESCRIPTION), default: { mode: 'id', value: '={{ $json.agreementId }}' }, displayOptions: fromV11 },
];

/** The catalog product a new addition bills: text in version 1, a searchable picker from 1.1. */
export const productFields: INodeProperties[] = [
	{ displayName: 'Product Identifier', name: 'productIdentifier', type: 'string', default: '', required: true, description: 'Catalog product identifier, e.g. SPE_E3', displayOptions: v1 },
	{
		displayName: 'Product',
		name: 'productIdentifier',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The catalog product the line bills, by its identifier (e.g. the SKU part number)',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchProducts', searchable: true } },
			{ displayName: 'By Identifier', name: 'identifier', type: 'string', placeholder: 'e.g. SPE_E3' },
		],
		displayOptions: fromV11,
	},
];

export const additionIdField: INodeProperties = {
	displayName: 'Addition ID',
	name: 'additionId',
	type: 'string',
	default: '={{ $json.additionId }}',
	required: true,
	description: 'The agreement addition (line) to change; by default taken from each input item',
};
