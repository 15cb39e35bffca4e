import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	company: 'getAll' | 'get' | 'update';
	contract: 'getAll' | 'get';
	contractCategory: 'getAll';
	contractService: 'getAll' | 'create' | 'setUnits';
	service: 'getAll';
	contact: 'getAll' | 'upsert' | 'deactivate';
	plan: 'apply';
};

export type AutotaskPsaType = AllEntities<NodeMap>;
