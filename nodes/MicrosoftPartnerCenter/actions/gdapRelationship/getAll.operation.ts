import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { isLiveGdapStatus, toGdapRelationshipItem } from '../../helpers/gdap';
import type { GdapRelationshipItem } from '../../helpers/types';
import type { PartnerCenterApi } from '../../transport';
import { gdapRelationshipPages } from '../../transport/resources';
import { limitProperty, pageSizeOption, returnAllProperty } from '../common.descriptions';
import { listLimit, options, paired } from '../common';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Active Only',
				name: 'activeOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active relationships (including expiring ones: active, close to their end)',
			},
			{
				displayName: 'Expiry Warning (Days)',
				name: 'expiryWarningDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description: 'Active relationships ending within this many days get expiresWithinDays = true',
			},
			pageSizeOption(300),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['gdapRelationship'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, api: PartnerCenterApi): Promise<INodeExecutionData[]> {
	const limit = listLimit(this, i);
	const { activeOnly, expiryWarningDays, pageSize } = options(this, i, { activeOnly: false, expiryWarningDays: 30, pageSize: 300 });
	const now = Date.now();
	const items: GdapRelationshipItem[] = [];
	for await (const page of gdapRelationshipPages(api, { pageSize, signal: this.getExecutionCancelSignal() })) {
		for (const relationship of page) {
			if (!activeOnly || isLiveGdapStatus(relationship.status)) items.push(toGdapRelationshipItem(relationship, now, expiryWarningDays));
		}
		if (limit !== undefined && items.length >= limit) break;
	}
	return paired(this, limit === undefined ? items : items.slice(0, limit), i);
}
