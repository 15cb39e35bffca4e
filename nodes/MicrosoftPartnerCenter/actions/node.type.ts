import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	customer: 'get' | 'getAll' | 'grantConsent';
	license: 'getAll';
	subscription: 'getAll';
	user: 'getAll';
	organization: 'get';
	gdapRelationship: 'getAll';
	group: 'getAll';
};

export type MicrosoftPartnerCenterType = AllEntities<NodeMap>;
