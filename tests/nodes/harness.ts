/**
 * Tier 2: runs one of our nodes inside a real n8n-core WorkflowExecute, the way the n8n
 * server does, with fixture nodes feeding each input. Credentials come from a minimal
 * ICredentialsHelper; nothing here mocks our own HTTP layer (node tests talk to the sandbox).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
} from 'n8n-workflow';

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	/** One array of items per node input. */
	inputs: INodeExecutionData[][];
	/** Decrypted credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	typeVersion?: number;
}

export interface RunNodeResult {
	/** One array per node output (plus the error output when onError is continueErrorOutput). */
	outputs: INodeExecutionData[][];
	error?: Error;
	run: IRun;
}

const TARGET = 'Node Under Test';

function startNodeType(): INodeType {
	return {
		description: {
			displayName: 'Start',
			name: 'start',
			group: ['trigger'],
			version: 1,
			description: 'Starts the test workflow',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [[{ json: {} }]];
		},
	};
}

function fixtureNodeType(name: string, items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			// A fresh copy per run, paired to nothing upstream that matters.
			return [items.map((item, i) => ({ json: structuredClone(item.json), ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: Math.min(i, 0) } }))];
		},
	};
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return requestOptions;
	}
	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by the test harness');
	}
	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`The test gave no credentials of type ${type}`);
		return structuredClone(data);
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): [] {
		return [];
	}
}

function additionalData(credentials: Record<string, ICredentialDataDecryptedObject>, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in node tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in node tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const types: Record<string, INodeType> = { start: startNodeType(), target: options.node };
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'start', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'target',
			name: TARGET,
			type: 'target',
			typeVersion: options.typeVersion ?? (Array.isArray(options.node.description.version) ? Math.max(...options.node.description.version) : options.node.description.version),
			position: [600, 0],
			parameters: options.parameters,
			credentials: Object.fromEntries(Object.keys(options.credentials ?? {}).map((type) => [type, { id: type, name: type }])),
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections: IConnections = { Start: { main: [[]] } };
	options.inputs.forEach((items, index) => {
		const name = `Input ${index}`;
		types[`fixture${index}`] = fixtureNodeType(`fixture${index}`, items);
		nodes.push({ id: `fixture${index}`, name, type: `fixture${index}`, typeVersion: 1, position: [300, index * 200], parameters: {}, alwaysOutputData: false });
		connections.Start.main[0]!.push({ node: name, type: NodeConnectionTypes.Main, index: 0 });
		connections[name] = { main: [[{ node: TARGET, type: NodeConnectionTypes.Main, index }]] };
	});

	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'test', name: 'node test', nodes, connections, active: false, nodeTypes, settings: { executionOrder: 'v1' } });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'test', name: 'node test', nodes, connections, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null } as never);
	const execute = new WorkflowExecute(additionalData(options.credentials ?? {}, hooks), 'manual');
	const run = await execute.run({ workflow, startNode: workflow.getNode('Start')!, destinationNode: { nodeName: TARGET, mode: 'inclusive' } } as never);
	const taskData = run.data.resultData.runData[TARGET]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
	const error = run.data.resultData.error ?? taskData?.error;
	return { outputs, error: error as Error | undefined, run };
}
