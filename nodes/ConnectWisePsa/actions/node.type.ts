import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	company: 'getAll' | 'get' | 'update';
	agreement: 'getAll' | 'get';
	agreementType: 'getAll';
	agreementAddition: 'getAll' | 'create' | 'update' | 'cancel';
	product: 'getAll' | 'get';
	contact: 'getAll' | 'upsert' | 'deactivate';
	plan: 'apply';
};

export type ConnectWisePsaType = AllEntities<NodeMap>;
